using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Aws;

[Collection(DynamoCollection.Name)]
[Trait("Needs", "servers")]
public sealed class DynamoHistoryStoreTests(DynamoFixture dynamo) : IAsyncLifetime
{
    private static readonly DateTimeOffset Minute = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private AwsSettings _settings = null!;
    private DynamoHistoryStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _settings = await dynamo.NewTablesAsync();
        _store = new DynamoHistoryStore(dynamo.Client, _settings);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static MarketPrice Price(string instrument, double seconds, decimal price, long? volume = null) =>
        new(instrument, price, price - 0.01m, price + 0.01m, volume, Minute.AddSeconds(seconds));

    [Fact]
    public async Task Bars_take_open_and_close_by_timestamp_and_high_low_across_the_minute()
    {
        await _store.WriteMarketBarsAsync(
            [Price("B1", 50, 101m, 40), Price("B1", 5, 100m, 10), Price("B1", 20, 99m, 25), Price("B1", 10, 103m, 20), Price("B1", 61, 104m, 45)],
            CancellationToken.None);

        var bars = await _store.GetMarketBarsAsync("B1", Minute, Minute.AddMinutes(1), CancellationToken.None);

        Assert.Equal(2, bars.Count);
        var first = bars[0];
        Assert.Equal(Minute, first.MinuteStart);
        Assert.Equal((100m, Minute.AddSeconds(5)), (first.Open, first.OpenTime));
        Assert.Equal((101m, Minute.AddSeconds(50)), (first.Close, first.CloseTime));
        Assert.Equal((103m, 99m), (first.High, first.Low));
        Assert.Equal(40, first.Volume);
        Assert.Equal(4, first.Ticks);
        Assert.Equal((Minute.AddMinutes(1), 104m, 1), (bars[1].MinuteStart, bars[1].Open, bars[1].Ticks));
    }

    [Fact]
    public async Task Bars_replayed_and_out_of_order_equal_one_write_and_do_not_double_count_ticks()
    {
        MarketPrice[] late = [Price("B2", 30, 7m), Price("B2", 45, 9m)];
        MarketPrice[] early = [Price("B2", 1, 8m), Price("B2", 15, 6m)];
        await _store.WriteMarketBarsAsync(late, CancellationToken.None);
        await _store.WriteMarketBarsAsync(early, CancellationToken.None);
        var stored = await BarItemsAsync("B2");
        await _store.WriteMarketBarsAsync(late, CancellationToken.None);
        await _store.WriteMarketBarsAsync(early, CancellationToken.None);

        await _store.WriteMarketBarsAsync([.. early.Concat(late).Select(p => p with { Instrument = "B2-once" })], CancellationToken.None);

        var replayed = Assert.Single(await _store.GetMarketBarsAsync("B2", Minute, Minute, CancellationToken.None));
        var once = Assert.Single(await _store.GetMarketBarsAsync("B2-once", Minute, Minute, CancellationToken.None));
        Assert.Equal(once with { Instrument = "B2" }, replayed);
        Assert.Equal((8m, 9m, 9m, 6m, 4), (replayed.Open, replayed.Close, replayed.High, replayed.Low, replayed.Ticks));
        Assert.Equal(stored, await BarItemsAsync("B2"));
    }

    [Fact]
    public async Task Tick_times_are_stored_as_one_string_and_a_bar_stored_with_a_number_set_still_counts_its_ticks()
    {
        // A contribution as written before tick times became one string: three ticks in a number set.
        await dynamo.Client.PutItemAsync(new PutItemRequest
        {
            TableName = _settings.HistoryTable,
            Item = new()
            {
                ["pk"] = new() { S = HistoryKeys.BarPartition("B9", DateOnly.FromDateTime(Minute.UtcDateTime)) },
                ["sk"] = new() { S = HistoryKeys.BarContributionSort(Minute, "0123456789abcdef") },
                ["type"] = new() { S = "BAR" },
                ["instrument"] = new() { S = "B9" },
                ["minute_start"] = AttributeValues.Time(Minute),
                ["open"] = new() { N = "5" },
                ["open_time"] = AttributeValues.Time(Minute),
                ["high"] = new() { N = "6" },
                ["low"] = new() { N = "5" },
                ["close"] = new() { N = "6" },
                ["close_time"] = AttributeValues.Time(Minute.AddSeconds(10)),
                ["ticks"] = new() { N = "3" },
                ["tick_ms"] = new() { NS = ["0", "5000", "10000"] },
            },
        });

        await _store.WriteMarketBarsAsync([Price("B9", 20, 7m), Price("B9", 12.5, 4m)], CancellationToken.None);

        // Read as a set, the old item's middle tick counts: five distinct times, where its open and close alone give four.
        var bar = Assert.Single(await _store.GetMarketBarsAsync("B9", Minute, Minute, CancellationToken.None));
        Assert.Equal((5m, 7m, 7m, 4m, 5), (bar.Open, bar.Close, bar.High, bar.Low, bar.Ticks));
        Assert.Contains(await BarItemsAsync("B9"), item => item.Contains(";tick_ms=12500,20000;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bars_are_read_across_days_within_the_range_only()
    {
        var midnight = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        await _store.WriteMarketBarsAsync(
            [new("B3", 1m, null, null, null, midnight.AddMinutes(-2)), new("B3", 2m, null, null, null, midnight.AddSeconds(5)), new("B3", 3m, null, null, null, midnight.AddMinutes(3))],
            CancellationToken.None);

        var bars = await _store.GetMarketBarsAsync("B3", midnight.AddMinutes(-2), midnight.AddMinutes(2), CancellationToken.None);

        Assert.Equal([1m, 2m], bars.Select(b => b.Close));
        Assert.Null(bars[0].Volume);
    }

    [Fact]
    public async Task Latest_eod_takes_each_instrument_from_its_latest_file_on_or_before_the_date()
    {
        var d1 = new DateOnly(2026, 11, 18);
        var d2 = new DateOnly(2026, 11, 19);
        await _store.PutEodAsync(d1, [Eod(d1, "A", "X", 1), Eod(d1, "B", "X", 2), Eod(d1, "A", "Y", 3)], CancellationToken.None);
        await _store.PutEodAsync(d2, [Eod(d2, "A", "X", 10)], CancellationToken.None);

        var onD2 = await _store.GetLatestEodAsync(d2, CancellationToken.None);
        var onD1 = await _store.GetLatestEodAsync(d1, CancellationToken.None);
        var before = await _store.GetLatestEodAsync(d1.AddDays(-1), CancellationToken.None);

        Assert.Equal(["X A 10 2026-11-19", "Y A 3 2026-11-18"], onD2.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(["X A 1 2026-11-18", "X B 2 2026-11-18", "Y A 3 2026-11-18"], onD1.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Empty(before);
        Assert.Equal(Eod(d2, "A", "X", 10), Assert.Single(onD2, r => r.Instrument == "X"));
    }

    [Fact]
    public async Task Sod_restatement_replaces_only_the_accounts_it_names()
    {
        var d = new DateOnly(2026, 10, 1);
        await _store.ReplaceSodAccountsAsync(d, [new(d, "A", "X", 1, 1m), new(d, "A", "Y", 2, 2m), new(d, "B", "X", 3, 3m)], CancellationToken.None);

        await _store.ReplaceSodAccountsAsync(d, [new(d, "A", "Z", 5, 5.5m), new(d, "A", "X", 6, 6m)], CancellationToken.None);

        var sod = await _store.GetSodAsync(d, CancellationToken.None);
        Assert.Equal(
            [new(d, "A", "X", 6, 6m), new(d, "A", "Z", 5, 5.5m), new SodRow(d, "B", "X", 3, 3m)],
            sod.OrderBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Instrument, StringComparer.Ordinal));
        Assert.Empty(await _store.GetSodAsync(d.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task Trades_from_another_file_are_duplicates_and_a_retry_of_the_same_file_is_not()
    {
        var d = new DateOnly(2026, 9, 1);
        Trade[] file1 = [TradeOn(d, "DT-1", "MM1", "ZNZ6", 1, "f1.csv"), TradeOn(d, "DT-2", "MM1", "ZNZ6", 2, "f1.csv")];

        var first = await _store.PutTradesAsync(file1, CancellationToken.None);
        var retry = await _store.PutTradesAsync(file1, CancellationToken.None);
        var other = await _store.PutTradesAsync(
            [TradeOn(d, "DT-2", "MM1", "ZNZ6", 99, "f2.csv"), TradeOn(d, "DT-3", "MM1", "ZNZ6", 3, "f2.csv")], CancellationToken.None);

        Assert.Equal((2, 0, 0), (first.Written, first.Duplicates, first.DuplicateTradeIds.Count));
        Assert.Equal((2, 0), (retry.Written, retry.Duplicates));
        Assert.Equal((1, 1), (other.Written, other.Duplicates));
        Assert.Equal(["DT-2"], other.DuplicateTradeIds);
        Assert.Equal("f1.csv", other.FirstSources["DT-2"]);
        var stored = await _store.GetTradesAsync(d, CancellationToken.None);
        Assert.Equal(["DT-1", "DT-2", "DT-3"], stored.Select(t => t.TradeId).Order(StringComparer.Ordinal));
        Assert.Equal(file1[1], Assert.Single(stored, t => t.TradeId == "DT-2"));
    }

    [Fact]
    public async Task Trades_round_trip_every_field_including_missing_ones()
    {
        var d = new DateOnly(2026, 9, 2);
        var full = new Trade("RT-1", d, "MM1", "OZN Z6 C112.5", Side.Sell, 20, 0.5625m, new DateTimeOffset(2026, 9, 2, 14, 25, 0, 123, TimeSpan.Zero), "O-1", "jdoe", "XCME", "trades/x.csv");
        var bare = new Trade("RT-2", d, "HEDGE", "ESZ6", Side.Buy, 2, 6018.75m, null, null, null, null, null);
        await _store.PutTradesAsync([full, bare], CancellationToken.None);

        var stored = await _store.GetTradesAsync(d, CancellationToken.None);

        Assert.Equal([full, bare], stored.OrderBy(t => t.TradeId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Blotter_pages_newest_first_with_filters_and_ends_with_a_null_cursor()
    {
        var d = new DateOnly(2026, 8, 3);
        var start = new DateTimeOffset(2026, 8, 3, 13, 0, 0, TimeSpan.Zero);
        var trades = Enumerable.Range(0, 40)
            .Select(i => TradeOn(d, $"BL-{i:00}", i % 2 == 0 ? "MM1" : "HEDGE", i % 4 < 2 ? "ZNZ6" : "ESZ6", i + 1, "b.csv") with { ExecTime = start.AddSeconds(i) })
            .ToList();
        await _store.PutTradesAsync(trades, CancellationToken.None);
        await _store.PutTradesAsync([TradeOn(d.AddDays(1), "BL-next", "MM1", "ZNZ6", 1, "c.csv")], CancellationToken.None);

        var expected = trades.Where(t => t is { AccountId: "MM1", Ticker: "ZNZ6" }).OrderByDescending(t => t.ExecTime).Select(t => t.TradeId).ToList();
        var pages = new List<BlotterPage>();
        string? cursor = null;
        do
        {
            var page = await _store.QueryBlotterAsync(new BlotterQuery(d, "MM1", "ZNZ6", 4, cursor), CancellationToken.None);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal(10, expected.Count);
        Assert.Equal([4, 4, 2], pages.Select(p => p.Trades.Count));
        Assert.Equal(expected, pages.SelectMany(p => p.Trades).Select(t => t.TradeId));

        var all = await _store.QueryBlotterAsync(new BlotterQuery(d, null, null, 0, null), CancellationToken.None);
        Assert.Equal(40, all.Trades.Count);
        Assert.Null(all.NextCursor);
        var exact = await _store.QueryBlotterAsync(new BlotterQuery(d, null, "ESZ6", 20, null), CancellationToken.None);
        Assert.Equal(20, exact.Trades.Count);
        Assert.Null(exact.NextCursor);
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(-3, 500)]
    [InlineData(7, 7)]
    [InlineData(5000, 5000)]
    [InlineData(9999, 5000)]
    public void Blotter_limit_defaults_to_500_and_caps_at_5000(int requested, int effective) =>
        Assert.Equal(effective, BlotterReader.EffectiveLimit(requested));

    [Fact]
    public async Task Blotter_rejects_a_cursor_that_is_garbage_or_from_another_date()
    {
        var d = new DateOnly(2026, 8, 4);
        await _store.PutTradesAsync([TradeOn(d, "BC-1", "MM1", "X", 1, "a.csv"), TradeOn(d, "BC-2", "MM1", "X", 1, "a.csv")], CancellationToken.None);
        var page = await _store.QueryBlotterAsync(new BlotterQuery(d, null, null, 1, null), CancellationToken.None);
        Assert.NotNull(page.NextCursor);

        var garbage = await Assert.ThrowsAsync<ArgumentException>(() => _store.QueryBlotterAsync(new BlotterQuery(d, null, null, 1, "%%%not-base64"), CancellationToken.None));
        var otherDate = await Assert.ThrowsAsync<ArgumentException>(() => _store.QueryBlotterAsync(new BlotterQuery(d.AddDays(1), null, null, 1, page.NextCursor), CancellationToken.None));

        Assert.Contains("cursor", garbage.Message, StringComparison.Ordinal);
        Assert.Contains("another blotter date", otherDate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Positions_round_trip_and_move_the_latest_business_date_forward_only()
    {
        var settings = await dynamo.NewTablesAsync();
        var store = new DynamoHistoryStore(dynamo.Client, settings);
        Assert.Null(await store.GetLatestBusinessDateAsync(CancellationToken.None));
        var d = new DateOnly(2026, 11, 20);
        Position[] positions =
        [
            new(d, "MM1", "ZNZ6", -40, 112.34375m, -30, 112.3m, 112.421875m, 1.5m, 2.25m, 3.75m, -30m, 0m, 0m, 0m, new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero)),
            new(d, "MM1", "UNKNOWN", 0, null, 5, 1m, null, null, null, null, 0m, 0m, 0m, 0m, new DateTimeOffset(2026, 11, 20, 14, 31, 0, TimeSpan.Zero)),
        ];

        Assert.True(await store.PutPositionsAsync(d, positions, 1, CancellationToken.None));
        await store.PutTradesAsync([TradeOn(d.AddDays(-3), "LB-1", "MM1", "X", 1, "old.csv")], CancellationToken.None);

        Assert.Equal(positions, (await store.GetPositionsAsync(d, CancellationToken.None)).OrderBy(p => p.Ticker, StringComparer.Ordinal).Reverse());
        Assert.Equal(d, await store.GetLatestBusinessDateAsync(CancellationToken.None));
        await store.PutTradesAsync([TradeOn(d.AddDays(1), "LB-2", "MM1", "X", 1, "new.csv")], CancellationToken.None);
        Assert.Equal(d.AddDays(1), await store.GetLatestBusinessDateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Versioned_positions_span_several_transactions_drop_missing_rows_and_refuse_older_versions()
    {
        var d = new DateOnly(2026, 11, 21);
        Position Pos(int i, long net) => new(d, "ACC" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "ZNZ6", 0, null, net, null, null, null, null, null, 0m, 0m, 0m, 0m, DateTimeOffset.UnixEpoch);

        Assert.True(await _store.PutPositionsAsync(d, [.. Enumerable.Range(0, 250).Select(i => Pos(i, 1))], 2, CancellationToken.None));
        Assert.Equal(250, (await _store.GetPositionsAsync(d, CancellationToken.None)).Count);

        Assert.False(await _store.PutPositionsAsync(d, [Pos(0, 99)], 1, CancellationToken.None));
        Assert.Equal(250, (await _store.GetPositionsAsync(d, CancellationToken.None)).Count(p => p.NetQty == 1));

        Assert.True(await _store.PutPositionsAsync(d, [.. Enumerable.Range(100, 120).Select(i => Pos(i, 2))], 3, CancellationToken.None));
        var stored = await _store.GetPositionsAsync(d, CancellationToken.None);
        Assert.Equal(120, stored.Count);
        Assert.All(stored, p => Assert.Equal(2, p.NetQty));

        var header = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _settings.HistoryTable,
            Key = new() { ["pk"] = new AttributeValue("POS_HEADER#2026-11-21"), ["sk"] = new AttributeValue("VERSION") },
            ConsistentRead = true,
        });
        Assert.Equal("3", header.Item["version"].N);

        Assert.Equal(1, await _store.BumpFactsVersionAsync(d, CancellationToken.None));
        var counter = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _settings.HistoryTable,
            Key = new() { ["pk"] = new AttributeValue("FACTS#2026-11-21"), ["sk"] = new AttributeValue("VERSION") },
            ConsistentRead = true,
        });
        Assert.Equal("1", counter.Item["version"].N);
    }

    [Fact]
    public async Task Order_snapshots_expire_after_seven_days()
    {
        var now = DateTimeOffset.UtcNow;
        var snapshot = new OrderSnapshot(now, [new("tt-1", "MM1", "ZNZ6", "BUY", 10, 112.5m, 10, 0, "WORKING", "LIMIT", "DAY", now), new("tt-2", null, null, null, null, null, null, null, null, null, null, null)]);

        await _store.PutOrderSnapshotAsync(snapshot, CancellationToken.None);

        var ttl = await dynamo.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = _settings.HistoryTable });
        Assert.Equal("ENABLED", ttl.TimeToLiveDescription.TimeToLiveStatus.Value);
        var items = (await dynamo.Client.QueryAsync(new QueryRequest
        {
            TableName = _settings.HistoryTable,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = "ORDERS#" + now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) } },
        })).Items;
        Assert.Equal(["ORDER#tt-1", "ORDER#tt-2", "SNAPSHOT"], items.Select(i => i["sk"].S).Order(StringComparer.Ordinal));
        Assert.All(items, i =>
        {
            var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(i["expires_at"].N, System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(expires, now.AddDays(7).AddMinutes(-1), now.AddDays(7).AddMinutes(1));
        });
        Assert.Equal("10", items.Single(i => i["sk"].S == "ORDER#tt-1")["quantity"].N);
    }

    /// <summary>Every stored item of the instrument's bar partition, attributes and all, in key order.</summary>
    private async Task<List<string>> BarItemsAsync(string instrument)
    {
        var page = await dynamo.Client.QueryAsync(new QueryRequest
        {
            TableName = _settings.HistoryTable,
            KeyConditionExpression = "pk = :p",
            ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = $"BAR#{instrument}#2026-11-20" } },
            ConsistentRead = true,
        });
        return [.. page.Items.Select(i => string.Join(';', i.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a =>
            $"{a.Key}={a.Value.S ?? a.Value.N ?? string.Join(',', (a.Value.NS ?? []).Order(StringComparer.Ordinal))}")))];
    }

    [Fact]
    public async Task Concurrent_day_price_writers_of_one_date_converge_on_the_latest_price_of_every_instrument()
    {
        var date = new DateOnly(2026, 11, 21);
        // 40 instruments (so every shard is shared), each with 6 prices at different times spread over 12 concurrent files.
        var prices = Enumerable.Range(0, 240).Select(i => Price($"DP{i % 40:D2}", i, 50m + (i % 11))).ToList();

        await Task.WhenAll(prices.Chunk(20).Select(file => Task.Run(() => _store.UpsertDayPricesAsync(date, file, CancellationToken.None))));
        await _store.UpsertDayPricesAsync(date, [.. prices.Take(40)], CancellationToken.None);

        var stored = await _store.GetPricesAsOfAsync(date, CancellationToken.None);
        var expected = Frgm.Application.Ports.DayPrices.Fold(prices);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), stored.Where(p => p.Key.StartsWith("DP", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Day_prices_are_stored_as_one_json_string_per_shard_and_a_shard_written_as_a_map_still_reads_and_merges()
    {
        var date = new DateOnly(2026, 11, 23);
        const string old = "DPM-A";
        var shard = DayPriceStore.ShardOf(old);
        var sameShard = Enumerable.Range(0, 1000).Select(i => $"DPM-{i}").First(name => name != old && DayPriceStore.ShardOf(name) == shard);
        // A shard as written before day prices became one string: a map of instrument -> price attributes.
        await dynamo.Client.PutItemAsync(new PutItemRequest
        {
            TableName = _settings.HistoryTable,
            Item = new()
            {
                ["pk"] = new() { S = HistoryKeys.DayPricePartition(date) },
                ["sk"] = new() { S = HistoryKeys.DayPriceShardSort(shard) },
                ["type"] = new() { S = "DAY_PRICES" },
                ["business_date"] = new() { S = "2026-11-23" },
                ["version"] = new() { N = "1" },
                ["prices"] = new()
                {
                    M = new()
                    {
                        [old] = new() { M = new() { ["instrument"] = new() { S = old }, ["price"] = new() { N = "10.5" }, ["timestamp"] = AttributeValues.Time(Minute.AddSeconds(30)) } },
                    },
                },
            },
        });
        await _store.UpsertDayPricesAsync(date, [Price("DPM-X", 0, 1m)], CancellationToken.None); // lists the date

        // An older price of the map's instrument loses to it; a new instrument of the same shard joins it.
        await _store.UpsertDayPricesAsync(date, [Price(old, 10, 9m), Price(sameShard, 20, 7.25m, 300)], CancellationToken.None);

        var stored = await _store.GetPricesAsOfAsync(date, CancellationToken.None);
        Assert.Equal((10.5m, (decimal?)null, Minute.AddSeconds(30)), (stored[old].Price, stored[old].Bid, stored[old].Timestamp));
        Assert.Equal(Price(sameShard, 20, 7.25m, 300), stored[sameShard]);
        var item = (await dynamo.Client.GetItemAsync(_settings.HistoryTable, new() { ["pk"] = new() { S = HistoryKeys.DayPricePartition(date) }, ["sk"] = new() { S = HistoryKeys.DayPriceShardSort(shard) } })).Item;
        Assert.Null(item["prices"].M);
        Assert.StartsWith($"[{{\"instrument\":\"{sameShard}\",\"price\":7.25,", item["prices"].S, StringComparison.Ordinal); // ordered by instrument
        Assert.Contains($"{{\"instrument\":\"{old}\",\"price\":10.5,", item["prices"].S, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_price_shard_that_is_not_json_fails_the_read_naming_the_item()
    {
        var date = new DateOnly(2026, 11, 24);
        await _store.UpsertDayPricesAsync(date, [Price("DPJ-A", 0, 1m)], CancellationToken.None);
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = HistoryKeys.DayPricePartition(date) }, ["sk"] = new() { S = HistoryKeys.DayPriceShardSort(DayPriceStore.ShardOf("DPJ-A")) } };
        await dynamo.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _settings.HistoryTable,
            Key = key,
            UpdateExpression = "SET prices = :p",
            ExpressionAttributeValues = new() { [":p"] = new() { S = "[{\"instrument\":" } },
        });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _store.GetPricesAsOfAsync(date, CancellationToken.None));
        Assert.Contains($"pk=DAY_PRICE#2026-11-24 sk={key["sk"].S}: 'prices' is not a JSON list of prices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_minute_lose_nothing()
    {
        var prices = Enumerable.Range(0, 40).Select(i => Price("B4", i, 100m + (i % 7))).ToList();

        await Task.WhenAll(prices.Chunk(5).Select(chunk => Task.Run(() => _store.WriteMarketBarsAsync(chunk, CancellationToken.None))));
        await _store.WriteMarketBarsAsync([.. prices.Select(p => p with { Instrument = "B4-once" })], CancellationToken.None);

        var concurrent = Assert.Single(await _store.GetMarketBarsAsync("B4", Minute, Minute, CancellationToken.None));
        var once = Assert.Single(await _store.GetMarketBarsAsync("B4-once", Minute, Minute, CancellationToken.None));
        Assert.Equal(once with { Instrument = "B4" }, concurrent);
        Assert.Equal(40, concurrent.Ticks);
    }

    private static EodRow Eod(DateOnly d, string account, string instrument, long position) =>
        new(d, account, instrument, position, 100m + position, 0.5m, 0.1m, 0.01m, -0.001m);

    private static string Describe(EodRow r) => $"{r.Instrument} {r.Account} {r.Position} {r.BusinessDate:yyyy-MM-dd}";

    internal static Trade TradeOn(DateOnly d, string id, string account, string ticker, long qty, string? source) =>
        new(id, d, account, ticker, Side.Buy, qty, 100m, d.ToDateTime(new TimeOnly(14, 0)).ToUniversalTimeOffset(), null, null, null, source);
}

internal static class TimeExtensions
{
    public static DateTimeOffset ToUniversalTimeOffset(this DateTime unspecifiedUtc) => new(DateTime.SpecifyKind(unspecifiedUtc, DateTimeKind.Utc));
}
