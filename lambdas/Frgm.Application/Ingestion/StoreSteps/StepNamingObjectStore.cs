using System.Runtime.CompilerServices;
using Frgm.Application.Ports;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>
/// "objects store failed at Read" for a failed open and for a read fault mid-stream (the body of an S3 object
/// arrives while it is read); a missing object stays an <see cref="ObjectNotFoundException"/>: nothing to retry.
/// </summary>
internal sealed class StepNamingObjectStore(IObjectStore inner) : StoreStepDecorator("objects"), IObjectStore
{
    private const string ReadStep = "Read";

    public async Task<Stream> OpenReadAsync(BucketRole bucket, string key, CancellationToken ct) =>
        new ReadStream(
            await StoreStep.Run(Store, ReadStep, () => inner.OpenReadAsync(bucket, key, ct), passThrough: e => e is ObjectNotFoundException),
            Store);

    public Task WriteAsync(BucketRole bucket, string key, ReadOnlyMemory<byte> content, CancellationToken ct) => Run(() => inner.WriteAsync(bucket, key, content, ct));

    public async IAsyncEnumerable<string> ListAsync(BucketRole bucket, string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var keys = inner.ListAsync(bucket, prefix, ct).GetAsyncEnumerator(ct);
        while (await StoreStep.Run(Store, "List", async () => await keys.MoveNextAsync()))
        {
            yield return keys.Current;
        }
    }

    /// <summary>Forward-only view of the object's body that names the store when a read fails.</summary>
    private sealed class ReadStream(Stream body, string store) : ReadOnlyBodyStream(body), IKnownLength
    {
        /// <summary>Keeps ContentReader's refusal of an oversized object before a byte is read.</summary>
        public long? KnownLength => Inner.CanSeek ? Inner.Length : (Inner as IKnownLength)?.KnownLength;

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Inner.Read(buffer);
            }
            catch (Exception ex) when (StoreStep.IsStoreFailure(ex))
            {
                throw new StoreStepException(store, ReadStep, ex);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await Inner.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception ex) when (StoreStep.IsStoreFailure(ex))
            {
                throw new StoreStepException(store, ReadStep, ex);
            }
        }
    }
}
