using Frgm.Dashboard.Demo;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>The demo's folders stay bounded over a long run, and nothing the demo did not write is ever removed.</summary>
public sealed class DemoFileJanitorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly string _dir = Support.DashboardTestData.NewDataDir("demo-janitor");

    public void Dispose() => Support.DashboardTestData.DeleteQuietly(_dir);

    [Fact]
    public async Task A_long_demo_keeps_its_folders_under_the_bound_and_never_removes_a_foreign_file()
    {
        var market = new DemoMarket(ReferenceData.LoadInstruments(null), new Random(4), Start);
        var writer = new BucketFolderWriter(_dir);
        var janitor = new DemoFileJanitor(_dir, MaxAge, (_, _) => Task.FromResult(true));

        // Foreign files: one beside the demo's in its own folder with a demo-like name, one at a demo path the
        // demo will later have written and someone then overwrote, one under another date.
        var foreignBeside = writer.PathOf(BucketRole.Actant, "market-data/2026/11/23/DEMO_XCME_20261123_080000x.csv");
        var foreignOther = writer.PathOf(BucketRole.Trades, "trades/2026/11/23/fills_20261123_0800.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(foreignBeside)!);
        Directory.CreateDirectory(Path.GetDirectoryName(foreignOther)!);
        await File.WriteAllTextAsync(foreignBeside, "instrument,price\nZNZ6,112\n");
        await File.WriteAllTextAsync(foreignOther, "trade_id\n");
        string? overwritten = null;

        var peak = 0;
        const int seconds = 2 * 3600;
        for (var tick = 0; tick < seconds; tick++)
        {
            var now = Start.AddSeconds(tick);
            await WriteAsync(writer, janitor, market.MarketData(now), now);
            if (tick % 4 == 2)
            {
                await WriteAsync(writer, janitor, market.Trades(now, breach: false), now);
            }

            if (tick % 10 == 0)
            {
                await WriteAsync(writer, janitor, market.WorkingOrders(now), now);
            }

            if (tick == 60)
            {
                overwritten = writer.PathOf(BucketRole.Actant, $"market-data/2026/11/23/DEMO_XCME_{now.UtcDateTime:yyyyMMdd_HHmmss}.csv");
                await File.WriteAllTextAsync(overwritten, "instrument,price\nZNZ6,111.5\n(someone else's file)\n");
            }

            if (tick % 30 == 29)
            {
                await janitor.SweepAsync(now, CancellationToken.None);
            }

            if (tick % 10 == 9)
            {
                peak = Math.Max(peak, CountFiles() - 2);
            }
        }

        // 1 market-data file a second, a trade file every 4 s, an order snapshot every 10 s, kept MaxAge plus a sweep period.
        var bound = (int)Math.Ceiling((MaxAge.TotalSeconds + 30) * (1 + 0.25 + 0.1)) + 2;
        Assert.InRange(peak, (int)(MaxAge.TotalSeconds * 1.3), bound);
        Assert.InRange(janitor.Tracked, 0, bound);
        Assert.True(File.Exists(foreignBeside));
        Assert.True(File.Exists(foreignOther));
        Assert.Contains("someone else's file", await File.ReadAllTextAsync(overwritten!));

        // A restart reads the journal: the next sweep still cleans the previous run's files.
        var restarted = new DemoFileJanitor(_dir, MaxAge, (_, _) => Task.FromResult(true));
        Assert.Equal(janitor.Tracked, restarted.Tracked);
        await restarted.SweepAsync(Start.AddSeconds(seconds) + MaxAge, CancellationToken.None);
        Assert.Equal(3, CountFiles());
        Assert.Equal(0, restarted.Tracked);
    }

    [Fact]
    public async Task A_file_not_yet_ingested_is_kept_however_old()
    {
        var writer = new BucketFolderWriter(_dir);
        var ingested = false;
        var janitor = new DemoFileJanitor(_dir, MaxAge, (file, _) => Task.FromResult(ingested && file.Key.StartsWith("trades/", StringComparison.Ordinal)));
        var file = new DemoFile(BucketRole.Trades, "trades/2026/11/23/demo_fills_20261123_080000.csv", "trade_id\n");
        await WriteAsync(writer, janitor, file, Start);

        Assert.Equal(0, await janitor.SweepAsync(Start.AddHours(5), CancellationToken.None));
        Assert.True(File.Exists(writer.PathOf(file.Bucket, file.Key)));

        ingested = true;
        Assert.Equal(1, await janitor.SweepAsync(Start.AddHours(5), CancellationToken.None));
        Assert.False(File.Exists(writer.PathOf(file.Bucket, file.Key)));
    }

    [Fact]
    public void A_non_positive_age_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoFileJanitor(_dir, TimeSpan.Zero, (_, _) => Task.FromResult(true)));

    private static async Task WriteAsync(BucketFolderWriter writer, DemoFileJanitor janitor, DemoFile file, DateTimeOffset now)
    {
        var path = await writer.WriteAsync(file, CancellationToken.None);
        janitor.Track(DemoFileJanitor.Describe(file, path, now));
    }

    private int CountFiles() => Directory.EnumerateFiles(Path.Combine(_dir, "buckets"), "*", SearchOption.AllDirectories).Count();
}
