using System.Globalization;
using Frgm.Domain.Model;
using Frgm.Storage.Aws.Redis;
using StackExchange.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>Every ILatestStateStore method against redis-server with TLS + ACL. Each test uses its own environment.</summary>
[Trait("Needs", "servers")]
public class RedisLatestStateStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 14, 30, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private RedisAdapters _redis = null!;

    private IDatabase Db => _redis.Multiplexer.GetDatabase();

    public async ValueTask InitializeAsync() => _redis = await redis.ConnectAsync("unused");

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Older_price_never_overwrites_a_newer_one_even_within_an_out_of_order_batch()
    {
        var store = Store("prices");
        var first = await store.UpsertPricesAsync(
        [
            Price("ESZ5", 5010.25m, T0.AddSeconds(10)),
            Price("ESZ5", 5001.00m, T0), // older, later in the batch: ignored
            Price("NQZ5", 18000.5m, T0),
        ], Ct);
        var second = await store.UpsertPricesAsync(
        [
            Price("ESZ5", 4990m, T0.AddSeconds(5)), // older than stored: ignored
            Price("NQZ5", 18001.75m, T0.AddSeconds(1)),
            Price("CLF6", 71.02m, T0.ToOffset(TimeSpan.FromHours(-5))),
        ], Ct);

        Assert.Equal(2, first);
        Assert.Equal(2, second);
        var prices = await store.GetPricesAsync(Ct);
        Assert.Equal(3, prices.Count);
        Assert.Equal(Price("ESZ5", 5010.25m, T0.AddSeconds(10)), prices["ESZ5"]);
        Assert.Equal(18001.75m, prices["NQZ5"].Price);
        Assert.Equal(T0, prices["CLF6"].Timestamp); // same instant whatever the offset
    }

    [Fact]
    public async Task Replaying_the_same_prices_is_idempotent_and_keeps_every_field()
    {
        var store = Store("replay");
        var price = new MarketPrice("ZNH6", 110.515625m, 110.5m, 110.53125m, 123456, T0);
        Assert.Equal(1, await store.UpsertPricesAsync([price], Ct));
        Assert.Equal(1, await store.UpsertPricesAsync([price], Ct));
        Assert.Equal(price, (await store.GetPricesAsync(Ct))["ZNH6"]);
        Assert.Equal(0, await store.UpsertPricesAsync([], Ct));
    }

    [Fact]
    public async Task Many_prices_across_several_script_calls_keep_the_latest_per_instrument()
    {
        var store = Store("bulk");
        var rows = new List<MarketPrice>();
        for (var i = 0; i < 3000; i++)
        {
            // Instruments repeat every 700 rows; every third round goes back in time and must lose.
            var round = i / 700;
            var at = round % 3 == 2 ? T0.AddMinutes(-round) : T0.AddMinutes(round);
            rows.Add(Price("I" + (i % 700).ToString(CultureInfo.InvariantCulture), round, at));
        }

        await store.UpsertPricesAsync(rows, Ct);
        var prices = await store.GetPricesAsync(Ct);
        Assert.Equal(700, prices.Count);
        Assert.Equal(4m, prices["I0"].Price);     // rounds 0..4 exist for I0; round 4 is the latest time
        Assert.Equal(3m, prices["I699"].Price);   // I699 has rounds 0..3 only (3000 rows)
    }

    [Fact]
    public async Task Working_order_replace_never_shows_a_reader_a_mix_of_snapshots()
    {
        var store = Store("orders");
        Assert.Null(await store.GetWorkingOrdersAsync(Ct));
        var a = Snapshot("A", 1500);
        var b = Snapshot("B", 900);
        await store.ReplaceWorkingOrdersAsync(a, Ct);

        using var stop = new CancellationTokenSource();
        var seen = new HashSet<string>();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var snapshot = await store.GetWorkingOrdersAsync(Ct);
                Assert.NotNull(snapshot);
                var tags = snapshot.Orders.Select(o => o.AccountId).Distinct().ToList();
                var tag = Assert.Single(tags);
                Assert.Equal(tag == "A" ? 1500 : 900, snapshot.Orders.Count);
                seen.Add(tag!);
                reads++;
            }
        });
        for (var i = 0; i < 30; i++)
        {
            await store.ReplaceWorkingOrdersAsync(i % 2 == 0 ? b : a, Ct);
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(reads > 0);

        await store.ReplaceWorkingOrdersAsync(b, Ct);
        var final = await store.GetWorkingOrdersAsync(Ct);
        Assert.Equal(b.SnapshotTime, final!.SnapshotTime);
        Assert.Equal(b.Orders, final.Orders);

        // The live generation never carries the staging TTL, and no other generation is left behind.
        var live = (await store.GetWorkingOrderSetAsync(Ct))!.Generation;
        Assert.Null(await Db.KeyTimeToLiveAsync(live));
        var pattern = store.Keys.Prefix.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal) + "orders:gen:*";
        var server = _redis.Multiplexer.GetServer(_redis.Multiplexer.GetEndPoints().Single());
        var generations = new List<string>();
        await foreach (var generation in server.KeysAsync(pattern: pattern))
        {
            generations.Add(generation!);
        }

        Assert.Equal([live], generations);
    }

    [Fact]
    public async Task Positions_are_replaced_as_a_whole_and_the_date_only_moves_forward()
    {
        var store = Store("positions");
        var day1 = new DateOnly(2025, 3, 3);
        var day2 = day1.AddDays(1);
        Assert.Null(await store.GetPositionsDateAsync(Ct));
        Assert.Empty(await store.GetPositionsAsync(day1, Ct));

        await store.ReplacePositionsAsync(day1, [Pos(day1, "ACC1", "ESZ5", 3), Pos(day1, "ACC2", "NQZ5", -2)], 1, Ct);
        await store.ReplacePositionsAsync(day2, [Pos(day2, "ACC1", "ESZ5", 4)], 1, Ct);
        await store.ReplacePositionsAsync(day1, [Pos(day1, "ACC1", "ESZ5", 5)], 1, Ct); // restatement of an older day

        Assert.Equal(day2, await store.GetPositionsDateAsync(Ct));
        Assert.Equal([Pos(day1, "ACC1", "ESZ5", 5)], await store.GetPositionsAsync(day1, Ct));
        Assert.Equal([Pos(day2, "ACC1", "ESZ5", 4)], await store.GetPositionsAsync(day2, Ct));

        await store.ReplacePositionsAsync(day2, [], 1, Ct);
        Assert.Empty(await store.GetPositionsAsync(day2, Ct));
        Assert.Equal(day2, await store.GetPositionsDateAsync(Ct));

        var ttl = await Db.KeyTimeToLiveAsync(store.Keys.Positions(day2));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), RedisLatestStateStore.PositionsTtl);

        var wrongDate = await Assert.ThrowsAsync<ArgumentException>(() => store.ReplacePositionsAsync(day2, [Pos(day1, "ACC9", "ZNH6", 1)], 1, Ct));
        Assert.Contains("ACC9/ZNH6", wrongDate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Positions_of_an_older_facts_version_are_refused_atomically_with_their_version_key()
    {
        var store = Store("positions-version");
        var day = new DateOnly(2025, 3, 3);

        Assert.True(await store.ReplacePositionsAsync(day, [Pos(day, "ACC1", "ESZ5", 3)], 7, Ct));
        Assert.False(await store.ReplacePositionsAsync(day, [Pos(day, "ACC1", "ESZ5", 99)], 6, Ct));
        Assert.Equal([Pos(day, "ACC1", "ESZ5", 3)], await store.GetPositionsAsync(day, Ct));
        Assert.Equal("7", (string?)await Db.StringGetAsync(store.Keys.PositionsVersion(day)));
        var ttl = await Db.KeyTimeToLiveAsync(store.Keys.PositionsVersion(day));
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), RedisLatestStateStore.PositionsTtl);

        // Versions above 2^31 compare as numbers, not strings ("10" > "9").
        Assert.True(await store.ReplacePositionsAsync(day, [Pos(day, "ACC1", "ESZ5", 4)], 10, Ct));
        Assert.False(await store.ReplacePositionsAsync(day, [Pos(day, "ACC1", "ESZ5", 98)], 9, Ct));
        Assert.True(await store.ReplacePositionsAsync(day, [Pos(day, "ACC1", "ESZ5", 5)], 3_000_000_000, Ct));
        Assert.Equal([Pos(day, "ACC1", "ESZ5", 5)], await store.GetPositionsAsync(day, Ct));
        Assert.Equal(day, await store.GetPositionsDateAsync(Ct));
    }

    [Fact]
    public async Task Feed_timestamps_keep_the_latest_time_per_feed()
    {
        var store = Store("feeds");
        Assert.Empty(await store.GetFeedTimestampsAsync(Ct));
        await store.SetFeedTimestampAsync("market-data", T0.AddMinutes(5), Ct);
        await store.SetFeedTimestampAsync("market-data", T0, Ct);
        await store.SetFeedTimestampAsync("tt-poll", T0.ToOffset(TimeSpan.FromHours(2)), Ct);
        await store.SetFeedTimestampAsync("tt-poll", T0.AddTicks(1), Ct);

        var feeds = await store.GetFeedTimestampsAsync(Ct);
        Assert.Equal(2, feeds.Count);
        Assert.Equal(T0.AddMinutes(5), feeds["market-data"]);
        Assert.Equal(T0.AddTicks(1), feeds["tt-poll"]);
        Assert.Equal(TimeSpan.Zero, feeds["tt-poll"].Offset);
    }

    [Fact]
    public async Task Probe_pings_and_environments_do_not_see_each_other()
    {
        var dev = Store("dev");
        var prod = Store("prod");
        Assert.Equal("redis", dev.Name);
        await dev.PingAsync(Ct);
        await dev.UpsertPricesAsync([Price("ESZ5", 1m, T0)], Ct);
        Assert.Empty(await prod.GetPricesAsync(Ct));
        Assert.Equal("frgm:{dev}:prices", dev.Keys.Prices);
        Assert.Throws<ArgumentException>(() => new RedisKeys("a}b"));
    }

    [Fact]
    public async Task A_corrupt_stored_value_fails_with_the_key_and_field_named()
    {
        var store = Store("corrupt");
        await Db.HashSetAsync(store.Keys.Prices, "BAD1", "{oops");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetPricesAsync(Ct));
        Assert.Contains("frgm:{corrupt}:prices field BAD1", error.Message, StringComparison.Ordinal);
    }

    private RedisLatestStateStore Store(string environment) => new(_redis.Multiplexer, environment);

    private static MarketPrice Price(string instrument, decimal price, DateTimeOffset at) => new(instrument, price, null, null, null, at);

    private static Position Pos(DateOnly date, string account, string ticker, long qty) =>
        new(date, account, ticker, 0, null, qty, 100.25m, 101m, 0m, 0.75m * qty, 0.75m * qty, qty, 0m, 0m, 0m, T0);

    private static OrderSnapshot Snapshot(string tag, int count) => new(
        T0.AddMinutes(tag == "A" ? 0 : 1),
        [.. Enumerable.Range(0, count).Select(i => new WorkingOrder(
            $"{tag}-{i}", tag, "ESZ5", "BUY", 1m, 5000.25m + i, 1m, 0m, "WORKING", "LIMIT", "DAY", T0))]);
}
