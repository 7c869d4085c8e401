using Frgm.Dashboard.Demo;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Domain.Pricing;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>The demo writes files the real parsers accept, and its prices and Greeks are those of one coherent Black-76 market.</summary>
public sealed class DemoMarketTests
{
    // A Sunday: the OZN Z6 options expired on Friday the 20th, the OZN H7 ones are live.
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Every_demo_file_routes_to_its_feed_and_parses_cleanly()
    {
        var catalog = ReferenceData.LoadInstruments(null);
        var market = new DemoMarket(catalog, new Random(7), Start);

        var eod = market.PreviousEndOfDay();
        Assert.Equal(("eod/2026/11/20/actant_eod_20261120.csv", FeedKind.Eod), (eod.Key, Route(eod).Feed));
        var eodRows = FeedParsers.Eod(Stream(eod), new DateOnly(2026, 11, 20)).ToList();
        Assert.Equal(market.Instruments.Count, eodRows.Count);
        Assert.All(eodRows, r => Assert.True(r.IsValid, r.Error));

        var sod = market.StartOfDay(DateOnly.FromDateTime(Start.UtcDateTime));
        Assert.Equal(FeedKind.Sod, Route(sod).Feed);
        var sodRows = FeedParsers.Sod(Stream(sod), new DateOnly(2026, 11, 22)).ToList();
        Assert.Equal(market.Instruments.Count, sodRows.Count);
        Assert.All(sodRows, r => Assert.True(r.IsValid, r.Error));

        for (var second = 0; second < 5; second++)
        {
            var prices = market.MarketData(Start.AddSeconds(second));
            Assert.Equal(FeedKind.MarketData, Route(prices).Feed);
            var rows = FeedParsers.MarketData(Stream(prices), Start).ToList();
            Assert.All(rows, r => Assert.True(r.IsValid, r.Error));
            Assert.Equal(market.Instruments.Count, rows.Count);
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
    public void The_demo_quotes_live_instruments_only()
    {
        var market = new DemoMarket(ReferenceData.LoadInstruments(null), new Random(3), Start);
        var keys = market.Instruments.Select(i => i.Key).ToList();

        Assert.DoesNotContain("OZN Z6 C112.5", keys);
        Assert.Contains("OZN H7 C112", keys);
        Assert.Contains("ZNZ6", keys);
        Assert.Equal(new DateOnly(2026, 11, 20), market.PreviousBusinessDate);
        Assert.All(market.Instruments.Where(i => i.IsOption), o => Assert.Contains(o.Underlying!, keys));
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

        foreach (var instrument in market.Instruments)
        {
            var price = market.Prices[instrument.Key];
            Assert.True(price > 0, instrument.Key);
            Assert.Equal(0m, price % DemoPricing.Tick(instrument));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Option_prices_fall_with_strike_for_calls_rise_for_puts_and_keep_parity_within_a_tick(int seed)
    {
        var market = new DemoMarket(ReferenceData.LoadInstruments(null), new Random(seed), Start);
        var options = market.Instruments.Where(i => i.IsOption).ToList();
        var pairs = options.Where(c => c.PutCall == OptionRight.Call)
            .Select(c => (Call: c, Put: options.SingleOrDefault(p => p.PutCall == OptionRight.Put && p.Underlying == c.Underlying && p.Strike == c.Strike && p.Expiry == c.Expiry)))
            .Where(pair => pair.Put is not null)
            .ToList();
        Assert.NotEmpty(pairs);

        for (var second = 0; second <= 3600; second += 15)
        {
            var now = Start.AddSeconds(second);
            market.MarketData(now);
            foreach (var series in options.GroupBy(o => (o.Underlying, o.Expiry, o.PutCall)))
            {
                var byStrike = series.OrderBy(o => o.Strike).Select(o => market.Prices[o.Key]).ToList();
                for (var i = 1; i < byStrike.Count; i++)
                {
                    Assert.True(
                        series.Key.PutCall == OptionRight.Call ? byStrike[i] < byStrike[i - 1] : byStrike[i] > byStrike[i - 1],
                        $"{series.Key} at +{second}s: {string.Join(", ", byStrike)}");
                }
            }

            foreach (var (call, put) in pairs)
            {
                var forward = market.Prices[call.Underlying!];
                var discount = (decimal)Math.Exp(-DemoPricing.Rate * DemoPricing.YearsToExpiry(call, now));
                var gap = Math.Abs(market.Prices[call.Key] - market.Prices[put!.Key] - (discount * (forward - call.Strike!.Value)));
                Assert.True(gap <= DemoPricing.Tick(call), $"{call.Key}/{put.Key} at +{second}s: parity off by {gap}");
            }
        }
    }

    [Fact]
    public void Intraday_moves_are_realistic_and_trades_print_at_the_mark()
    {
        var market = new DemoMarket(ReferenceData.LoadInstruments(null), new Random(5), Start);
        market.MarketData(Start);
        var before = new Dictionary<string, decimal>(market.Prices);
        var worstOption = 0m;
        var worstOptionTicks = 0m;
        var worstFuture = 0m;
        for (var second = 5; second <= 4 * 3600; second += 5)
        {
            var now = Start.AddSeconds(second);
            for (var s = 4; s >= 0; s--)
            {
                market.MarketData(now.AddSeconds(-s));
            }

            foreach (var instrument in market.Instruments)
            {
                var move = Math.Abs(market.Prices[instrument.Key] - before[instrument.Key]) / before[instrument.Key];
                if (instrument.IsOption)
                {
                    worstOption = Math.Max(worstOption, move);
                    worstOptionTicks = Math.Max(worstOptionTicks, Math.Abs(market.Prices[instrument.Key] - before[instrument.Key]) / DemoPricing.Tick(instrument));
                }
                else
                {
                    worstFuture = Math.Max(worstFuture, move);
                }
            }

            var trades = market.Trades(now, breach: second % 60 == 0);
            foreach (var row in FeedParsers.Trades(Stream(trades), trades.Key))
            {
                Assert.Equal(market.Prices[row.Value!.Ticker], row.Value.Price);
            }

            before = new Dictionary<string, decimal>(market.Prices);
        }

        // Over four simulated hours no option jumps: at most a couple of ticks (a tick is ~2.5% of the cheapest) in 5 s.
        Assert.True(worstOption < 0.06m && worstOptionTicks <= 2, $"worst 5-second option move {worstOption:P2}, {worstOptionTicks} ticks");
        Assert.True(worstFuture < 0.002m, $"worst 5-second future move {worstFuture:P3}");
    }

    [Fact]
    public void The_opening_eod_carries_model_greeks_and_the_sod_continues_it()
    {
        var market = new DemoMarket(ReferenceData.LoadInstruments(null), new Random(9), Start);
        var eod = FeedParsers.Eod(Stream(market.PreviousEndOfDay()), market.PreviousBusinessDate).Select(r => r.Value!).ToDictionary(r => r.Instrument);
        var sod = FeedParsers.Sod(Stream(market.StartOfDay(market.BusinessDate)), market.BusinessDate).Select(r => r.Value!).ToDictionary(r => r.Instrument);

        foreach (var instrument in market.Instruments)
        {
            var e = eod[instrument.Key];
            Assert.Equal((e.Account, e.Position, e.SettlementPrice), (sod[instrument.Key].Account, sod[instrument.Key].Position, sod[instrument.Key].Price));
            if (instrument.IsOption)
            {
                var model = DemoPricing.Option(instrument, eod[instrument.Underlying!].SettlementPrice, market.PreviousClose);
                Assert.True(Math.Abs(model.Delta - (double)e.Delta) <= 1e-6, $"{instrument.Key} delta {e.Delta} vs {model.Delta}");
                Assert.True(Math.Abs(model.Gamma - (double)e.Gamma) <= 1e-6, $"{instrument.Key} gamma {e.Gamma} vs {model.Gamma}");
                Assert.True(Math.Abs(model.VegaPerVolPoint - (double)e.Vega) <= 1e-6, $"{instrument.Key} vega {e.Vega} vs {model.VegaPerVolPoint}");
                Assert.True(Math.Abs(model.ThetaPerDay - (double)e.Theta) <= 1e-6, $"{instrument.Key} theta {e.Theta} vs {model.ThetaPerDay}");
                Assert.True(e.Gamma > 0 && e.Vega > 0 && e.Theta < 0, instrument.Key);
                Assert.True(instrument.PutCall == OptionRight.Call ? e.Delta is > 0 and < 1 : e.Delta is < 0 and > -1, instrument.Key);
                Assert.Equal(DemoPricing.RoundToTick(model.Price, instrument), e.SettlementPrice);
            }
            else
            {
                Assert.Equal((1m, 0m, 0m, 0m), (e.Delta, e.Gamma, e.Vega, e.Theta));
            }
        }
    }

    [Fact]
    public void The_opening_book_sits_below_the_delta_limit_and_a_breach_trade_takes_it_over()
    {
        var market = new DemoMarket(ReferenceData.LoadInstruments(null), new Random(13), Start);
        var eod = FeedParsers.Eod(Stream(market.PreviousEndOfDay()), market.PreviousBusinessDate).Select(r => r.Value!).ToList();
        var mm1 = eod.Where(r => r.Account == "MM1").ToList();
        var delta = mm1.Sum(r => r.Position * r.Delta);

        Assert.InRange(Math.Abs(delta), 850m, 999m);
        Assert.All(eod, r => Assert.InRange(Math.Abs(r.Position), 0, 500 - DemoMarket.BreachQuantity));

        var breach = FeedParsers.Trades(Stream(market.Trades(Start, breach: true)), "trades/x.csv").First().Value!;
        var perContract = mm1.Single(r => r.Instrument == breach.Ticker).Delta;
        var after = delta + ((breach.Side == Side.Buy ? 1 : -1) * breach.Quantity * perContract);
        Assert.True(Math.Abs(after) > 1_000m, $"MM1 delta {delta} → {after} after {breach.Side} {breach.Quantity} {breach.Ticker}");

        var back = FeedParsers.Trades(Stream(market.Trades(Start.AddMinutes(1), breach: true)), "trades/y.csv").First().Value!;
        Assert.Equal((breach.Ticker, breach.Quantity), (back.Ticker, back.Quantity));
        Assert.NotEqual(breach.Side, back.Side);
    }

    [Fact]
    public void The_same_day_gives_the_same_opening_files_after_a_restart()
    {
        var catalog = ReferenceData.LoadInstruments(null);
        var first = new DemoMarket(catalog, new Random(1), Start);
        var second = new DemoMarket(catalog, new Random(2), Start.AddHours(3));

        Assert.Equal(first.PreviousEndOfDay(), second.PreviousEndOfDay());
        Assert.Equal(first.StartOfDay(first.BusinessDate), second.StartOfDay(second.BusinessDate));
    }

    [Fact]
    public async Task The_writer_renames_a_complete_file_into_the_bucket_folder()
    {
        var dir = Support.DashboardTestData.NewDataDir("demo-writer");
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
            Support.DashboardTestData.DeleteQuietly(dir);
        }
    }

    private static ObjectRoute Route(DemoFile file) => ObjectKeyRouter.Route(file.Bucket, file.Key, Start);

    private static MemoryStream Stream(DemoFile file) => new(System.Text.Encoding.UTF8.GetBytes(file.Content));
}
