using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="IHistoryStore"/> must show (embedded SQLite, DynamoDB).</summary>
public abstract class HistoryStoreContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    private static readonly DateOnly D19 = new(2026, 11, 19);
    private static readonly DateOnly D20 = new(2026, 11, 20);

    [Fact]
    public async Task Bars_hold_open_high_low_close_volume_per_minute_and_a_replay_changes_nothing()
    {
        var history = (await NewSetAsync()).History;
        MarketPrice[] prices =
        [
            new("ZNZ6", 112.5m, null, null, 10, At(14, 30, 1)),
            new("ZNZ6", 112.75m, null, null, 20, At(14, 30, 20)),
            new("ZNZ6", 112.25m, null, null, 30, At(14, 30, 40)),
            new("ZNZ6", 112.375m, null, null, 40, At(14, 30, 59, 999)),
            new("ZNZ6", 113m, null, null, 50, At(14, 31, 0)),
        ];

        await history.WriteMarketBarsAsync(prices, default);
        var first = await history.GetMarketBarsAsync("ZNZ6", At(14, 0, 0), At(15, 0, 0), default);
        await history.WriteMarketBarsAsync(prices, default);
        await history.WriteMarketBarsAsync(prices.Reverse().ToArray(), default);
        var replayed = await history.GetMarketBarsAsync("ZNZ6", At(14, 0, 0), At(15, 0, 0), default);

        Assert.Equal(2, first.Count);
        var bar = first[0];
        Assert.Equal(At(14, 30, 0), bar.MinuteStart);
        Assert.Equal((112.5m, 112.75m, 112.25m, 112.375m, 40L), (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume!.Value));
        Assert.Equal(At(14, 30, 1), bar.OpenTime);
        Assert.Equal(At(14, 30, 59, 999), bar.CloseTime);
        Assert.Equal(113m, first[1].Open);
        Assert.Equal(first, replayed);
    }

    [Fact]
    public async Task Bars_do_not_depend_on_arrival_order()
    {
        var inOrder = (await NewSetAsync()).History;
        var shuffled = (await NewSetAsync()).History;
        var prices = Enumerable.Range(0, 30)
            .Select(i => new MarketPrice("ESZ6", 6000m + ((i * 7) % 11), null, null, i, At(14, 30, i * 2)))
            .ToArray();

        await inOrder.WriteMarketBarsAsync(prices, default);
        await shuffled.WriteMarketBarsAsync(prices.Where((_, i) => i % 2 == 1).ToArray(), default);
        await shuffled.WriteMarketBarsAsync(prices.Where((_, i) => i % 2 == 0).Reverse().ToArray(), default);

        var a = Assert.Single(await inOrder.GetMarketBarsAsync("ESZ6", At(14, 0, 0), At(15, 0, 0), default));
        var b = Assert.Single(await shuffled.GetMarketBarsAsync("ESZ6", At(14, 0, 0), At(15, 0, 0), default));
        Assert.Equal((a.Open, a.High, a.Low, a.Close, a.OpenTime, a.CloseTime, a.Volume), (b.Open, b.High, b.Low, b.Close, b.OpenTime, b.CloseTime, b.Volume));
        Assert.Equal(6000m, a.Open);
        Assert.Equal(6010m, a.High);
        Assert.Equal(6000m, a.Low);
    }

    /// <summary>
    /// The bar rule (Frgm.Domain BarFold): ticks ordered by (time, price, volume); open the least, close the greatest,
    /// volume the closing tick's (the feed's volume is the session's traded volume at the snapshot, so it may fall
    /// on a correction and must not be a max), ticks = distinct price times in the minute.
    /// </summary>
    [Fact]
    public async Task Bars_follow_one_rule_for_equal_times_falling_volumes_and_out_of_order_ticks_in_any_delivery()
    {
        MarketPrice[] prices =
        [
            new("CLF7", 100m, null, null, 500, At(14, 30, 5)),
            new("CLF7", 99m, null, null, 500, At(14, 30, 5)),
            new("CLF7", 103m, null, null, 450, At(14, 30, 20)),
            new("CLF7", 101m, null, null, 300, At(14, 30, 40)),
            new("CLF7", 102m, null, null, null, At(14, 30, 50)),
            new("CLF7", 101.5m, null, null, 200, At(14, 30, 55, 250)),
            new("CLF7", 101.75m, null, null, 150, At(14, 30, 55, 250)),
        ];
        var expected = new MarketBar("CLF7", At(14, 30, 0), 99m, At(14, 30, 5), 103m, 99m, 101.75m, At(14, 30, 55, 250), 150, 5);
        MarketPrice[][][] deliveries =
        [
            [prices],
            [[.. prices.Reverse()]],
            [.. new[] { 6, 2, 0, 4, 1, 5, 3 }.Select(i => new[] { prices[i] })],
            [prices[3..], prices[..3], prices, [prices[5]]],
        ];

        foreach (var files in deliveries)
        {
            var history = (await NewSetAsync()).History;
            foreach (var file in files)
            {
                await history.WriteMarketBarsAsync(file, default);
            }

            Assert.Equal(expected, Assert.Single(await history.GetMarketBarsAsync("CLF7", At(14, 0, 0), At(15, 0, 0), default)));
        }
    }

    [Fact]
    public async Task Latest_eod_takes_each_instrument_from_its_latest_date_on_or_before()
    {
        var history = (await NewSetAsync()).History;
        await history.PutEodAsync(D19, [Eod(D19, "MM1", "ZNZ6", 112.34375m, 1m), Eod(D19, "MM1", "ZBZ6", 118m, 1m)], default);
        await history.PutEodAsync(D20, [Eod(D20, "MM1", "ZNZ6", 112.5m, 0.9m)], default);
        await history.PutEodAsync(new DateOnly(2026, 11, 21), [Eod(new DateOnly(2026, 11, 21), "MM1", "ZNZ6", 999m, 9m)], default);

        var rows = await history.GetLatestEodAsync(D20, default);

        Assert.Equal(2, rows.Count);
        var zn = Assert.Single(rows, r => r.Instrument == "ZNZ6");
        Assert.Equal((D20, 112.5m, 0.9m), (zn.BusinessDate, zn.SettlementPrice, zn.Delta));
        Assert.Equal(D19, Assert.Single(rows, r => r.Instrument == "ZBZ6").BusinessDate);
        Assert.Empty(await history.GetLatestEodAsync(new DateOnly(2026, 11, 18), default));
    }

    [Fact]
    public async Task Eod_put_twice_is_one_row()
    {
        var history = (await NewSetAsync()).History;
        EodRow[] rows = [Eod(D19, "MM1", "ZNZ6", 112.34375m, 1m)];
        await history.PutEodAsync(D19, rows, default);
        await history.PutEodAsync(D19, rows, default);

        Assert.Single(await history.GetLatestEodAsync(D19, default));
    }

    [Fact]
    public async Task Sod_restatement_replaces_only_the_accounts_it_names()
    {
        var history = (await NewSetAsync()).History;
        await history.ReplaceSodAccountsAsync(
            D20,
            [new(D20, "MM1", "ZNZ6", -40, 112.34375m), new(D20, "MM1", "OZN Z6 P110", -60, 0.125m), new(D20, "HEDGE", "ESZ6", 4, 6010.50m)],
            default);

        await history.ReplaceSodAccountsAsync(D20, [new(D20, "MM1", "ZNZ6", -25, 112.3m)], default);
        var sod = await history.GetSodAsync(D20, default);

        Assert.Equal(2, sod.Count);
        Assert.Contains(sod, r => r is { Account: "MM1", Instrument: "ZNZ6", Position: -25, Price: 112.3m });
        Assert.Contains(sod, r => r is { Account: "HEDGE", Instrument: "ESZ6", Position: 4 } && r.Price == 6010.50m);
        Assert.Empty(await history.GetSodAsync(D19, default));
    }

    [Fact]
    public async Task A_trade_id_from_another_file_is_a_counted_duplicate_but_a_retry_of_the_same_file_is_not()
    {
        var history = (await NewSetAsync()).History;
        Trade[] first = [Trade("T-1", "a.csv", 15), Trade("T-2", "a.csv", 5)];

        var written = await history.PutTradesAsync(first, default);
        var retry = await history.PutTradesAsync(first, default);
        var other = await history.PutTradesAsync([Trade("T-2", "b.csv", 99), Trade("T-3", "b.csv", 7)], default);

        Assert.Equal((2, 0), (written.Written, written.Duplicates));
        Assert.Equal(0, retry.Duplicates);
        Assert.Equal((1, 1), (other.Written, other.Duplicates));
        Assert.Equal(["T-2"], other.DuplicateTradeIds);
        var stored = await history.GetTradesAsync(D20, default);
        Assert.Equal(["T-1", "T-2", "T-3"], stored.Select(t => t.TradeId).Order(StringComparer.Ordinal));
        Assert.Equal(5, stored.Single(t => t.TradeId == "T-2").Quantity);
        Assert.Equal("a.csv", stored.Single(t => t.TradeId == "T-2").SourceFile);
    }

    [Fact]
    public async Task Trades_round_trip_every_field()
    {
        var history = (await NewSetAsync()).History;
        var trade = new Trade("T-9", D20, "MM1", "OZN Z6 C112.5", Side.Sell, 20, 0.5625m, At(14, 25, 0, 123), "O-554", "jdoe", "XCME", "trades/2026/11/20/f.csv");
        var bare = new Trade("T-10", D20, "MM1", "ZNZ6", Side.Buy, 1, 112.390625m, null, null, null, null, null);

        await history.PutTradesAsync([trade, bare], default);
        var stored = await history.GetTradesAsync(D20, default);

        Assert.Equal(trade, stored.Single(t => t.TradeId == "T-9"));
        Assert.Equal(bare, stored.Single(t => t.TradeId == "T-10"));
        Assert.Empty(await history.GetTradesAsync(D19, default));
    }

    [Fact]
    public async Task Blotter_pages_through_every_trade_once_and_applies_filters()
    {
        var history = (await NewSetAsync()).History;
        var trades = Enumerable.Range(1, 7)
            .Select(i => new Trade($"T-{i:00}", D20, i % 2 == 0 ? "MM1" : "HEDGE", i % 3 == 0 ? "ESZ6" : "ZNZ6", Side.Buy, i, 100m + i, At(14, 0, i), null, null, null, "f.csv"))
            .Append(new Trade("T-XX", D19, "MM1", "ZNZ6", Side.Buy, 1, 1m, null, null, null, null, "f.csv"))
            .ToArray();
        await history.PutTradesAsync(trades, default);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await history.QueryBlotterAsync(new BlotterQuery(D20, null, null, 3, cursor), default);
            Assert.True(page.Trades.Count <= 3);
            seen.AddRange(page.Trades.Select(t => t.TradeId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"T-{i:00}"), seen.Order(StringComparer.Ordinal));
        var mm1 = await history.QueryBlotterAsync(new BlotterQuery(D20, "MM1", null, 100, null), default);
        Assert.Equal(["T-02", "T-04", "T-06"], mm1.Trades.Select(t => t.TradeId).Order(StringComparer.Ordinal));
        Assert.Null(mm1.NextCursor);
        var es = await history.QueryBlotterAsync(new BlotterQuery(D20, "MM1", "ESZ6", 100, null), default);
        Assert.Equal("T-06", Assert.Single(es.Trades).TradeId);
    }

    [Fact]
    public async Task Positions_for_a_date_are_replaced_as_a_set_and_the_latest_business_date_follows_them()
    {
        var history = (await NewSetAsync()).History;
        Assert.Null(await history.GetLatestBusinessDateAsync(default));

        await history.PutPositionsAsync(D19, [Position(D19, "MM1", "ZNZ6", -40)], 1, default);
        await history.PutPositionsAsync(D20, [Position(D20, "MM1", "ZNZ6", -30), Position(D20, "MM1", "ZBZ6", 5)], 1, default);
        await history.PutPositionsAsync(D20, [Position(D20, "MM1", "ZNZ6", -31)], 1, default);

        var d20 = Assert.Single(await history.GetPositionsAsync(D20, default));
        Assert.Equal(Position(D20, "MM1", "ZNZ6", -31), d20);
        Assert.Equal(-40, Assert.Single(await history.GetPositionsAsync(D19, default)).NetQty);
        Assert.Equal(D20, await history.GetLatestBusinessDateAsync(default));
    }

    [Fact]
    public async Task Positions_of_an_older_facts_version_never_replace_newer_ones()
    {
        var history = (await NewSetAsync()).History;

        Assert.True(await history.PutPositionsAsync(D20, [Position(D20, "MM1", "ZNZ6", -30), Position(D20, "MM1", "ZBZ6", 5)], 5, default));
        Assert.False(await history.PutPositionsAsync(D20, [Position(D20, "MM1", "ZNZ6", -99)], 4, default));
        Assert.Equal([-30, 5], (await history.GetPositionsAsync(D20, default)).OrderBy(p => p.Ticker, StringComparer.Ordinal).Reverse().Select(p => p.NetQty));

        Assert.True(await history.PutPositionsAsync(D20, [Position(D20, "MM1", "ZNZ6", -31)], 5, default));
        Assert.True(await history.PutPositionsAsync(D20, [Position(D20, "MM1", "ZNZ6", -32)], 6, default));
        Assert.Equal(-32, Assert.Single(await history.GetPositionsAsync(D20, default)).NetQty);
        Assert.False(await history.PutPositionsAsync(D20, [], 1, default));
        Assert.Equal(-32, Assert.Single(await history.GetPositionsAsync(D20, default)).NetQty);

        // Versions are per date.
        Assert.True(await history.PutPositionsAsync(D19, [Position(D19, "MM1", "ZNZ6", -40)], 1, default));
    }

    [Fact]
    public async Task Facts_versions_count_up_per_date_and_concurrent_bumps_never_share_a_value()
    {
        var history = (await NewSetAsync()).History;
        Assert.Equal(0, await history.GetFactsVersionAsync(D20, default));

        Assert.Equal(1, await history.BumpFactsVersionAsync(D20, default));
        var bumps = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => history.BumpFactsVersionAsync(D20, default)));

        Assert.Equal(Enumerable.Range(2, 8).Select(i => (long)i), bumps.Order());
        Assert.Equal(9, await history.GetFactsVersionAsync(D20, default));
        Assert.Equal(0, await history.GetFactsVersionAsync(D19, default));
    }

    [Fact]
    public async Task Latest_business_date_counts_trades_too()
    {
        var history = (await NewSetAsync()).History;
        await history.PutPositionsAsync(D19, [Position(D19, "MM1", "ZNZ6", -40)], 1, default);
        await history.PutTradesAsync([Trade("T-1", "a.csv", 1)], default);

        Assert.Equal(D20, await history.GetLatestBusinessDateAsync(default));
    }

    [Fact]
    public async Task An_order_snapshot_can_be_stored_twice()
    {
        var history = (await NewSetAsync()).History;
        var snapshot = new OrderSnapshot(T0, [new WorkingOrder("tt-1", "MM1", "ZNZ6", "BUY", 10, 112.5m, 10, 0, "WORKING", "LIMIT", "DAY", T0)]);

        await history.PutOrderSnapshotAsync(snapshot, default);
        await history.PutOrderSnapshotAsync(snapshot, default);
    }

    internal static Position Position(DateOnly date, string account, string ticker, long net) =>
        new(date, account, ticker, -40, 112.34375m, net, 112.359375m, 112.421875m, -703.125m, -1875m, -2578.125m, net * 1m, 0m, 0.5m, -0.011m, T0, GreeksSource.Model);

    private static EodRow Eod(DateOnly date, string account, string instrument, decimal settlement, decimal delta) =>
        new(date, account, instrument, -40, settlement, delta, 0.21m, 0.062m, -0.011m);

    private static Trade Trade(string id, string file, long quantity) =>
        new(id, D20, "MM1", "ZNZ6", Side.Buy, quantity, 112.390625m, At(14, 5, 11, 250), "O-1", "jdoe", null, file);
}
