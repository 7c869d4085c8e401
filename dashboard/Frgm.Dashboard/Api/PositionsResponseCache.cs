using System.Text.Json;
using Frgm.Dashboard.Core;

namespace Frgm.Dashboard.Api;

/// <summary>
/// The hot path: serialized /api/positions bodies per filter, kept until the next change event, so a poll that
/// finds nothing new costs a dictionary lookup and a copy instead of a store read and a serialization.
/// </summary>
public sealed class PositionsResponseCache
{
    private readonly DashboardReader _reader;
    private readonly VersionedCache<DataFilter, byte[]> _bodies;

    public PositionsResponseCache(DashboardReader reader, ChangeVersion version, TimeProvider clock)
    {
        _reader = reader;
        _bodies = new VersionedCache<DataFilter, byte[]>(version, clock, TimeSpan.FromSeconds(5), 1024);
    }

    public Task<byte[]> GetAsync(DataFilter filter, CancellationToken ct) =>
        _bodies.GetAsync(filter, async f =>
        {
            var view = await _reader.GetPositionsAsync(f, ct);
            return JsonSerializer.SerializeToUtf8Bytes(ApiMapper.ToResponse(view), ApiJsonContext.Default.PositionsResponse);
        });
}
