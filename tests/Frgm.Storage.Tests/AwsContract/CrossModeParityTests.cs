using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;
using Frgm.Storage.Tests.Embedded;
using Frgm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.AwsContract;

/// <summary>
/// The same files through the same IngestionService on the same manual clock, once on the embedded adapters and
/// once on the AWS adapters: what the dashboard reads afterwards must be identical, field for field.
/// </summary>
[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class CrossModeParityTests(AwsStorageFixture aws) : IDisposable
{
    private static readonly DateOnly D20 = new(2026, 11, 20);
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    private readonly EmbeddedStorageFixture _embedded = new();

    // Low limits so the sample day raises position, loss, delta and large-trade alarms: parity covers them too.
    private static AlarmThresholds Thresholds => new() { PositionLimit = 50, LossLimit = 1_000, DeltaLimit = 10, LargeTradeQuantity = 10 };

    [Fact]
    public async Task Every_sample_file_gives_identical_positions_blotter_alarms_ledger_prices_and_orders_in_both_modes()
    {
        var clock = new FakeTimeProvider(T0);
        var embedded = await _embedded.CreateFreshAsync(clock);
        var cloud = await aws.CreateFreshAsync(clock);
        var embeddedService = Service(embedded, clock);
        var cloudService = Service(cloud, clock);
        var files = SampleFiles();

        foreach (var path in files)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var a = await IngestAsync(embedded, embeddedService, path, null);
            var b = await IngestAsync(cloud, cloudService, path, null);
            Assert.Equal((a.Outcome, a.Entry.Status, a.Entry.Rows), (b.Outcome, b.Entry.Status, b.Entry.Rows));
        }

        // A malformed file and a stale-data sweep, so rejected rows, their alarm and the sweep's alarms are compared too.
        const string bad = "trade_id,trade_date,account_id,ticker,side,quantity,price\nT-9,2026-11-20,MM1,ZNZ6,BUY,x,112.5\nT-10,2026-11-20,MM1,ZBZ6,SELL,2,118.75\n";
        clock.Advance(TimeSpan.FromSeconds(1));
        await IngestAsync(embedded, embeddedService, "trades/trades/2026/11/20/fills_20261120_1431.csv", bad);
        await IngestAsync(cloud, cloudService, "trades/trades/2026/11/20/fills_20261120_1431.csv", bad);
        clock.Advance(TimeSpan.FromMinutes(30));
        await embeddedService.SweepAsync(default);
        await cloudService.SweepAsync(default);

        var instruments = (await embedded.Latest.GetPricesAsync(default)).Keys.ToList();
        var expected = await StorageView.ReadAsync(embedded, D20, instruments);
        var actual = await StorageView.ReadAsync(cloud, D20, instruments);

        // Guard against comparing two empty pictures.
        Assert.Equal(files.Count + 1, expected.Ledger.Count);
        Assert.NotEmpty(expected.LatestPositions);
        Assert.Equal(5, expected.Blotter.Count);
        Assert.Contains(expected.Alarms, a => a.StartsWith(nameof(AlarmType.FeedRejectedRows), StringComparison.Ordinal));
        Assert.Contains(expected.Alarms, a => a.StartsWith(nameof(AlarmType.PositionLimit), StringComparison.Ordinal));
        Assert.Contains(expected.Alarms, a => a.StartsWith(nameof(AlarmType.StaleMarketData), StringComparison.Ordinal));
        Assert.NotEmpty(expected.Bars);
        Assert.NotEmpty(expected.WorkingOrders);
        Assert.Contains(expected.Ledger, e => e.Contains("COMPLETED_WITH_ERRORS", StringComparison.Ordinal) || e.Contains("CompletedWithErrors", StringComparison.Ordinal));
        StorageView.AssertSame(expected, actual);
    }

    public void Dispose() => _embedded.Dispose();

    /// <summary>Every feed file under the samples folder, in the order a day delivers them (instruments.csv is the catalog, not a feed).</summary>
    private static List<string> SampleFiles()
    {
        var root = RepoPaths.Samples;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f.Contains('/', StringComparison.Ordinal))
            .ToList();
        Assert.Superset(SampleFeeds.All.ToHashSet(StringComparer.Ordinal), files.ToHashSet(StringComparer.Ordinal));
        var dayOrder = SampleFeeds.All.ToList();
        return [.. files.OrderBy(f => dayOrder.IndexOf(f) is var i && i < 0 ? int.MaxValue : i).ThenBy(f => f, StringComparer.Ordinal)];
    }

    private static IngestionService Service(StorageSet storage, TimeProvider clock) =>
        new(storage, SampleFeeds.Instruments(), Thresholds, clock, NullLogger<IngestionService>.Instance);

    private static async Task<IngestionResult> IngestAsync(StorageSet storage, IngestionService service, string path, string? content)
    {
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, path, content);
        return await service.IngestAsync(bucket, key, default);
    }
}
