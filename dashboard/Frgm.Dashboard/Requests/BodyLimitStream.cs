using Frgm.Application.Ingestion;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Requests;

/// <summary>
/// The request body, refused with a 413 once more than the endpoint's limit has been read. Kestrel's own
/// per-request limit would refuse too, but it ends the connection with the rest of the body unread, so the client
/// can get a reset instead of the JSON answer; past this soft limit Kestrel still drains the rest up to its hard cap.
/// </summary>
public sealed class BodyLimitStream(Stream inner, long limit) : ReadOnlyBodyStream(inner, leaveOpen: true)
{
    private long _read;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken));

    private int Count(int n)
    {
        _read += n;
        return _read > limit
            ? throw new BadHttpRequestException($"Request body larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge)
            : n;
    }
}
