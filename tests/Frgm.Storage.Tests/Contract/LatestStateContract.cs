using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="ILatestStateStore"/> must show (in-process + SQLite, MemoryDB).</summary>
public abstract class LatestStateContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    private static readonly DateOnly D19 = new(2026, 11, 19);
    private static readonly DateOnly D20 = new(2026, 11, 20);

    [Fact]
    public async Task A_price_never_replaces_a_later_one()
    {
        var latest = (await NewSetAsync()).Latest;
        var stored = await latest.UpsertPricesAsync(
            [new("ZNZ6", 112.421875m, 112.40625m, 112.4375m, 154230, At(14, 30, 0)), new("ESZ6", 6021.25m, null, null, null, At(14, 30, 0))],
            default);
        var older = await latest.UpsertPricesAsync([new("ZNZ6", 100m, null, null, null, At(14, 29, 0))], default);
        var newer = await latest.UpsertPricesAsync([new("ESZ6", 6022m, 6021.75m, 6022.25m, 10, At(14, 31, 0))], default);

        var prices = await latest.GetPricesAsync(default);

        Assert.Equal((2, 0, 1), (stored, older, newer));
        Assert.Equal(new MarketPrice("ZNZ6", 112.421875m, 112.40625m, 112.4375m, 154230, At(14, 30, 0)), prices["ZNZ6"]);
        Assert.Equal(6022m, prices["ESZ6"].Price);
        Assert.Equal(2, prices.Count);
    }

    [Fact]
    public async Task Within_one_batch_the_latest_timestamp_wins_whatever_the_order()
    {
        var latest = (await NewSetAsync()).Latest;

        await latest.UpsertPricesAsync(
            [new("ZNZ6", 2m, null, null, null, At(14, 31, 0)), new("ZNZ6", 1m, null, null, null, At(14, 30, 0))],
            default);

        Assert.Equal(2m, (await latest.GetPricesAsync(default))["ZNZ6"].Price);
    }

    [Fact]
    public async Task A_file_of_snapshots_stores_each_instruments_latest_price_and_counts_instruments_and_an_equal_time_replaces()
    {
        var latest = (await NewSetAsync()).Latest;
        var snapshots = Enumerable.Range(0, 30)
            .SelectMany(second => new[] { "ZNZ6", "ESZ6", "ZBZ6" }.Select((ticker, i) => new MarketPrice(ticker, 100m + second + i, null, null, second, At(14, 30, second))))
            .Reverse() // newest first: every row after the first of each instrument is older
            .ToList();
        snapshots.Add(new MarketPrice("ESZ6", 7000m, null, null, null, At(14, 30, 29))); // the same time as the newest, later in the file

        var stored = await latest.UpsertPricesAsync(snapshots, default);
        var replayed = await latest.UpsertPricesAsync(snapshots, default);
        var older = await latest.UpsertPricesAsync([new MarketPrice("ZNZ6", 1m, null, null, null, At(14, 30, 28)), new MarketPrice("CLF7", 70m, null, null, null, At(14, 0, 0))], default);

        Assert.Equal((3, 3, 1), (stored, replayed, older));
        var prices = await latest.GetPricesAsync(default);
        Assert.Equal((129m, 7000m, 131m, 70m), (prices["ZNZ6"].Price, prices["ESZ6"].Price, prices["ZBZ6"].Price, prices["CLF7"].Price));
        Assert.Equal(29, prices["ZNZ6"].Volume);
    }

    [Fact]
    public async Task Working_orders_are_replaced_as_a_whole()
    {
        var latest = (await NewSetAsync()).Latest;
        Assert.Null(await latest.GetWorkingOrdersAsync(default));
        var first = new OrderSnapshot(At(14, 30, 0), [Order("tt-1"), Order("tt-2")]);
        var second = new OrderSnapshot(At(14, 30, 30), [Order("tt-3")]);

        await latest.ReplaceWorkingOrdersAsync(first, default);
        await latest.ReplaceWorkingOrdersAsync(second, default);
        var current = await latest.GetWorkingOrdersAsync(default);

        Assert.Equal(second.SnapshotTime, current!.SnapshotTime);
        Assert.Equal(Order("tt-3"), Assert.Single(current.Orders));
    }

    [Fact]
    public async Task A_snapshot_staged_in_batches_is_invisible_until_committed_then_read_in_pages_once_in_file_order()
    {
        var latest = (await NewSetAsync()).Latest;
        await latest.ReplaceWorkingOrdersAsync(new OrderSnapshot(At(14, 0, 0), [Order("old-1")]), default);
        var before = (await latest.GetWorkingOrderSetAsync(default))!;

        await using (var staging = await latest.BeginWorkingOrdersAsync(default))
        {
            for (var batch = 0; batch < 3; batch++)
            {
                await staging.AddAsync([.. Enumerable.Range(batch * 4000, 4000).Select(i => Order($"new-{i}"))], default);
                Assert.Equal(before, await latest.GetWorkingOrderSetAsync(default));
            }

            Assert.True(await staging.CommitAsync(At(14, 30, 0), onlyIfNewer: true, default));
        }

        var set = (await latest.GetWorkingOrderSetAsync(default))!;
        Assert.Equal((At(14, 30, 0), 12_000), (set.SnapshotTime, set.Count));
        var ids = new List<string>();
        for (var start = 0; start < set.Count; start += 3000)
        {
            var page = await latest.ReadWorkingOrdersAsync(set, start, 3000, default);
            Assert.Equal(3000, page.Count);
            ids.AddRange(page.Select(o => o.OrderId));
        }

        Assert.Equal(Enumerable.Range(0, 12_000).Select(i => $"new-{i}"), ids);
        Assert.Equal(Order("new-11999"), Assert.Single(await latest.ReadWorkingOrdersAsync(set, 11_999, 10, default)));
        Assert.Empty(await latest.ReadWorkingOrdersAsync(set, 12_000, 10, default));
        Assert.Empty(await latest.ReadWorkingOrdersAsync(before, 0, 10, default)); // the replaced set is deleted
    }

    [Fact]
    public async Task A_staged_snapshot_abandoned_or_older_keeps_the_current_set()
    {
        var latest = (await NewSetAsync()).Latest;
        await latest.ReplaceWorkingOrdersAsync(new OrderSnapshot(At(14, 30, 0), [Order("tt-1"), Order("tt-2")]), default);
        var current = (await latest.GetWorkingOrderSetAsync(default))!;

        await using (var failed = await latest.BeginWorkingOrdersAsync(default))
        {
            await failed.AddAsync([Order("bad-1")], default); // a snapshot that fails half way: disposed, not committed
        }

        await using (var older = await latest.BeginWorkingOrdersAsync(default))
        {
            await older.AddAsync([Order("late-1")], default);
            Assert.False(await older.CommitAsync(At(14, 30, 0), onlyIfNewer: true, default)); // same time: not newer
        }

        Assert.Equal(current, await latest.GetWorkingOrderSetAsync(default));
        Assert.Equal([Order("tt-1"), Order("tt-2")], await latest.ReadWorkingOrdersAsync(current, 0, 10, default));

        await using (var empty = await latest.BeginWorkingOrdersAsync(default))
        {
            Assert.True(await empty.CommitAsync(At(14, 31, 0), onlyIfNewer: true, default));
        }

        var none = (await latest.GetWorkingOrderSetAsync(default))!;
        Assert.Equal((At(14, 31, 0), 0), (none.SnapshotTime, none.Count));
        Assert.Empty(await latest.ReadWorkingOrdersAsync(none, 0, 10, default));
    }

    [Fact]
    public async Task Positions_are_held_per_date_and_replaced_as_a_whole()
    {
        var latest = (await NewSetAsync()).Latest;
        Assert.Null(await latest.GetPositionsDateAsync(default));

        await latest.ReplacePositionsAsync(D19, [HistoryStoreContract.Position(D19, "MM1", "ZNZ6", -40)], 1, default);
        await latest.ReplacePositionsAsync(D20, [HistoryStoreContract.Position(D20, "MM1", "ZNZ6", -30), HistoryStoreContract.Position(D20, "MM1", "ZBZ6", 2)], 1, default);
        await latest.ReplacePositionsAsync(D20, [HistoryStoreContract.Position(D20, "MM1", "ZNZ6", -29)], 1, default);

        Assert.Equal(D20, await latest.GetPositionsDateAsync(default));
        Assert.Equal(HistoryStoreContract.Position(D20, "MM1", "ZNZ6", -29), Assert.Single(await latest.GetPositionsAsync(D20, default)));
        Assert.Empty(await latest.GetPositionsAsync(new DateOnly(2026, 11, 21), default));
    }

    [Fact]
    public async Task Positions_of_an_older_facts_version_never_replace_newer_ones()
    {
        var latest = (await NewSetAsync()).Latest;

        Assert.True(await latest.ReplacePositionsAsync(D20, [HistoryStoreContract.Position(D20, "MM1", "ZNZ6", -30)], 3, default));
        Assert.False(await latest.ReplacePositionsAsync(D20, [HistoryStoreContract.Position(D20, "MM1", "ZNZ6", -99)], 2, default));
        Assert.Equal(-30, Assert.Single(await latest.GetPositionsAsync(D20, default)).NetQty);

        Assert.True(await latest.ReplacePositionsAsync(D20, [HistoryStoreContract.Position(D20, "MM1", "ZNZ6", -31)], 3, default));
        Assert.True(await latest.ReplacePositionsAsync(D20, [], 4, default));
        Assert.Empty(await latest.GetPositionsAsync(D20, default));
        Assert.False(await latest.ReplacePositionsAsync(D20, [HistoryStoreContract.Position(D20, "MM1", "ZNZ6", -99)], 1, default));
        Assert.Empty(await latest.GetPositionsAsync(D20, default));

        // Versions are per date; an older date with a low version still lands and leaves the current date alone.
        Assert.True(await latest.ReplacePositionsAsync(D19, [HistoryStoreContract.Position(D19, "MM1", "ZNZ6", -40)], 1, default));
        Assert.Equal(D20, await latest.GetPositionsDateAsync(default));
    }

    [Fact]
    public async Task Feed_timestamps_keep_the_later_time()
    {
        var latest = (await NewSetAsync()).Latest;

        await latest.SetFeedTimestampAsync("market-data", At(14, 30, 0), default);
        await latest.SetFeedTimestampAsync("market-data", At(14, 0, 0), default);
        await latest.SetFeedTimestampAsync("working-orders", At(14, 29, 0), default);
        await latest.SetFeedTimestampAsync("working-orders", At(14, 31, 0), default);

        var feeds = await latest.GetFeedTimestampsAsync(default);
        Assert.Equal(At(14, 30, 0), feeds["market-data"]);
        Assert.Equal(At(14, 31, 0), feeds["working-orders"]);
    }

    private static WorkingOrder Order(string id) =>
        new(id, "MM1", "ZNZ6", "BUY", 10, 112.40625m, 10, 0, "WORKING", "LIMIT", "DAY", At(14, 29, 58));
}
