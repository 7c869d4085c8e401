using System.Security.Cryptography;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Reads an object once: SHA-256 is computed as the bytes stream in, and the bytes are kept for parsing —
/// in memory up to <see cref="InMemoryLimit"/>, beyond that in a temporary file deleted on dispose, so a
/// large file never needs memory proportional to its size (the hash must be known before the ledger claim,
/// and the object store may not be readable twice). The copy is bounded by the feed's maximum file size and
/// removed at the next start if the process dies holding it (<see cref="SpillFiles"/>).
/// </summary>
internal static class ContentReader
{
    public const int InMemoryLimit = 64 * 1024 * 1024;

    /// <param name="maxBytes">Stop and throw <see cref="ObjectTooLargeException"/> beyond this many bytes (null: no limit).</param>
    /// <param name="spillFolder">Where a large object is copied; <see cref="SpillFiles.Folder"/> unless a test says otherwise.</param>
    public static async Task<(Stream Content, string Sha256)> ReadAsync(
        IObjectStore objects, BucketRole bucket, string key, CancellationToken ct, int inMemoryLimit = InMemoryLimit, long? maxBytes = null, string? spillFolder = null)
    {
        await using var source = await objects.OpenReadAsync(bucket, key, ct);
        var known = source.CanSeek ? source.Length : (source as IKnownLength)?.KnownLength;
        if (known > maxBytes)
        {
            throw new ObjectTooLargeException(maxBytes!.Value); // refused before a byte is buffered
        }

        long total = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // A known size picks the destination up front: a large object goes straight to the spill file and a small one
        // to a buffer of its exact size, so no growing buffer leaves up to twice the limit of garbage behind (the
        // watcher re-reads every file at start: that garbage was the idle memory of a restarted dashboard).
        Stream content = known > inMemoryLimit ? SpillFiles.Create(spillFolder ?? SpillFiles.Folder)
            : known is { } size ? new MemoryStream((int)size)
            : new MemoryStream();
        try
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new ObjectTooLargeException(maxBytes.Value);
                }

                hash.AppendData(buffer, 0, read);
                if (content is MemoryStream memory && memory.Length + read > inMemoryLimit)
                {
                    content = await SpillAsync(memory, spillFolder ?? SpillFiles.Folder, ct);
                }

                await content.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            content.Position = 0;
            return (content, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    private static async Task<Stream> SpillAsync(MemoryStream memory, string folder, CancellationToken ct)
    {
        var file = SpillFiles.Create(folder);
        memory.Position = 0;
        await memory.CopyToAsync(file, ct);
        await memory.DisposeAsync();
        return file;
    }
}

/// <summary>A stream that knows its length without being seekable (an S3 body's Content-Length).</summary>
public interface IKnownLength
{
    long? KnownLength { get; }
}
