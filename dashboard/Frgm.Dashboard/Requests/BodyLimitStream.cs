using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Requests;

/// <summary>
/// The request body, refused with a 413 once more than the endpoint's limit has been read. Kestrel's own
/// per-request limit would refuse too, but it ends the connection with the rest of the body unread, so the client
/// can get a reset instead of the JSON answer; past this soft limit Kestrel still drains the rest up to its hard cap.
/// </summary>
public sealed class BodyLimitStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int n)
    {
        _read += n;
        return _read > limit
            ? throw new BadHttpRequestException($"Request body larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge)
            : n;
    }
}
