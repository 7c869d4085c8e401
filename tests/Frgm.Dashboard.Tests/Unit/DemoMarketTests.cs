using Frgm.Dashboard.Demo;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>The demo writes files the real parsers and key router accept without a single rejected row.</summary>
public sealed class DemoMarketTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Every_demo_file_routes_to_its_feed_and_parses_cleanly()
    {
        var catalog = ReferenceData.LoadInstruments(null);
        var market = new DemoMarket(catalog, new Random(7), Start);

        var sod = market.StartOfDay(DateOnly.FromDateTime(Start.UtcDateTime));
        Assert.Equal(FeedKind.Sod, Route(sod).Feed);
        var sodRows = FeedParsers.Sod(Stream(sod), new DateOnly(2026, 11, 22)).ToList();
        Assert.Equal(catalog.Count, sodRows.Count);
        Assert.All(sodRows, r => Assert.True(r.IsValid, r.Error));

        for (var second = 0; second < 5; second++)
        {
            var prices = market.MarketData(Start.AddSeconds(second));
            Assert.Equal(FeedKind.MarketData, Route(prices).Feed);
            var rows = FeedParsers.MarketData(Stream(prices), Start).ToList();
            Assert.All(rows, r => Assert.True(r.IsValid, r.Error));
            Assert.Equal(catalog.Count, rows.Count);
            Assert.All(rows, r => Assert.Equal(Start.AddSeconds(second), r.Value!.Timestamp));
        }

        var trades = market.Trades(Start, breach: true);
        Assert.Equal(FeedKind.Trades, Route(trades).Feed);
        var tradeRows = FeedParsers.Trades(Stream(trades), trades.Key).ToList();
        Assert.All(tradeRows, r => Assert.True(r.IsValid, r.Error));
        Assert.Equal(DemoMarket.BreachQuantity, tradeRows[0].Value!.Quantity);

        var orders = market.WorkingOrders(Start);
        Assert.Equal(FeedKind.WorkingOrders, Route(orders).Feed);
        var snapshot = FeedParsers.WorkingOrders(Stream(orders));
        Assert.Equal(Start, snapshot.SnapshotTime);
        Assert.NotEmpty(snapshot.Orders);
    }

    [Fact]
    public void Prices_walk_on_the_tick_grid_and_stay_positive()
    {
        var catalog = ReferenceData.LoadInstruments(null);
        var market = new DemoMarket(catalog, new Random(11), Start);
        for (var i = 0; i < 200; i++)
        {
            market.MarketData(Start.AddSeconds(i));
        }

        foreach (var instrument in catalog.All)
        {
            var price = market.Prices[instrument.Key];
            Assert.True(price > 0, instrument.Key);
            if (instrument.TickSize is { } tick)
            {
                Assert.Equal(0m, price % tick);
            }
        }
    }

    [Fact]
    public async Task The_writer_renames_a_complete_file_into_the_bucket_folder()
    {
        var dir = Support.SampleFeeds.NewDataDir("demo-writer");
        try
        {
            var writer = new BucketFolderWriter(dir);
            var file = new DemoFile(BucketRole.Trades, "trades/2026/11/22/x.csv", "a,b\n");
            var path = await writer.WriteAsync(file, CancellationToken.None);
            Assert.Equal(Path.Combine(dir, "buckets", "trades", "trades", "2026", "11", "22", "x.csv"), path);
            Assert.Equal("a,b\n", await File.ReadAllTextAsync(path));
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally
        {
            Support.SampleFeeds.DeleteQuietly(dir);
        }
    }

    private static ObjectRoute Route(DemoFile file) => ObjectKeyRouter.Route(file.Bucket, file.Key, Start);

    private static MemoryStream Stream(DemoFile file) => new(System.Text.Encoding.UTF8.GetBytes(file.Content));
}
