using System.Text;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Storage.Tests.Contract;
using Frgm.Storage.Tests.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Ingestion;

/// <summary>A snapshot over the configured maximum (bytes or orders) is FAILED naming the limit, and the current set stays.</summary>
public sealed class WorkingOrderLimitTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    [Theory]
    [InlineData(100_000, 5, "orders, over the maximum of 5 (Frgm:MaxWorkingOrders)")]
    [InlineData(10_000_000, 4_999, "orders, over the maximum of 4999 (Frgm:MaxWorkingOrders)")]
    [InlineData(2_000, 1_000, "over the maximum of 2000 bytes (2000 bytes, Frgm:MaxWorkingOrderBytes): not read")]
    public async Task A_snapshot_over_the_limit_fails_whole_and_keeps_the_current_set(long maxBytes, int maxOrders, string expected)
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        var service = new IngestionService(storage, SampleFeeds.Instruments(), new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance)
        {
            WorkingOrderLimits = new WorkingOrderLimits(maxBytes, maxOrders),
        };
        var small = await SampleFeeds.PutAsync(storage.Objects, "tt/working-orders/2026/11/20/orders_snapshot_1795183200.json", Snapshot("2026-11-20T14:00:00Z", 3));
        Assert.Equal(FileStatus.Completed, (await service.IngestAsync(small.Bucket, small.Key, default)).Entry.Status);

        var big = await SampleFeeds.PutAsync(storage.Objects, "tt/working-orders/2026/11/20/orders_snapshot_1795186800.json", Snapshot("2026-11-20T15:00:00Z", maxOrders > 1000 ? 12_000 : 50));
        var result = await service.IngestAsync(big.Bucket, big.Key, default);

        Assert.Equal(FileStatus.Failed, result.Entry.Status);
        Assert.Contains(expected, Assert.Single(result.Entry.Errors), StringComparison.Ordinal);
        var current = await storage.Latest.GetWorkingOrdersAsync(default);
        Assert.Equal((new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), 3), (current!.SnapshotTime, current.Orders.Count));
        Assert.Contains(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedFailed);
    }

    private static string Snapshot(string at, int count)
    {
        var json = new StringBuilder($"{{\"snapshot_time\": \"{at}\", \"orders\": [");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",")
                .Append($"{{\"order_id\": \"tt-{i}\", \"account_id\": \"MM1\", \"ticker\": \"ZNZ6\", \"side\": \"BUY\", \"quantity\": 10, \"price\": 112.5, \"leaves_qty\": 10, \"cum_qty\": 0, \"status\": \"WORKING\"}}");
        }

        return json.Append("]}").ToString();
    }
}
