using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

/// <summary>Raw feed objects by bucket role and key: S3 in AWS, <c>&lt;DataDir&gt;/buckets/&lt;role&gt;/&lt;key&gt;</c> embedded.</summary>
public interface IObjectStore
{
    /// <summary>Opens the object for a forward-only read. Throws <see cref="ObjectNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(BucketRole bucket, string key, CancellationToken ct);

    Task WriteAsync(BucketRole bucket, string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Keys under a prefix ("" for all), in no guaranteed order.</summary>
    IAsyncEnumerable<string> ListAsync(BucketRole bucket, string prefix, CancellationToken ct);
}

public sealed class ObjectNotFoundException : Exception
{
    public ObjectNotFoundException(string message)
        : base(message)
    {
    }

    public ObjectNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ObjectNotFoundException()
    {
    }
}
