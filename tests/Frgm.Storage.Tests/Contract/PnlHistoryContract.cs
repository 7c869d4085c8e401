using Frgm.Domain.Alarms;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="IPnlHistoryStore"/> must show (embedded SQLite, DynamoDB), and that a recompute feeds it.</summary>
public abstract class PnlHistoryContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    private static readonly DateOnly D19 = new(2026, 11, 19);
    private static readonly DateOnly D20 = new(2026, 11, 20);

    [Fact]
    public async Task A_minute_keeps_one_point_and_the_later_recompute_wins_whatever_the_write_order()
    {
        var store = (await NewSetAsync()).PnlHistory;

        await store.RecordAsync(D20, [new("MM1", 100m)], At(14, 30, 5), default);
        await store.RecordAsync(D20, [new("MM1", 130m)], At(14, 30, 50), default);
        // An older recompute arriving late (another Lambda, a retry) must not overwrite the newer point.
        await store.RecordAsync(D20, [new("MM1", 110m)], At(14, 30, 20), default);
        await store.RecordAsync(D20, [new("MM1", -20.5m)], At(14, 31, 0), default);
        await store.RecordAsync(D20, [new("MM1", -20.5m)], At(14, 31, 0), default);

        var points = await store.GetAsync("MM1", D20, default);

        Assert.Equal([new PnlPoint(At(14, 30, 50), 130m), new PnlPoint(At(14, 31, 0), -20.5m)], points);
    }

    [Fact]
    public async Task Points_belong_to_one_account_and_business_date_and_come_oldest_first()
    {
        var store = (await NewSetAsync()).PnlHistory;

        await store.RecordAsync(D20, [new("MM1", 3m), new("HEDGE", -7.25m)], At(15, 2, 0), default);
        await store.RecordAsync(D20, [new("MM1", 1m)], At(14, 0, 0), default);
        await store.RecordAsync(D20, [new("MM1", 2m)], At(14, 45, 30), default);
        await store.RecordAsync(D19, [new("MM1", 99m)], At(14, 10, 0).AddDays(-1), default);
        await store.RecordAsync(D20, [], At(16, 0, 0), default);

        Assert.Equal([1m, 2m, 3m], (await store.GetAsync("MM1", D20, default)).Select(p => p.DayPnl));
        Assert.Equal([new PnlPoint(At(15, 2, 0), -7.25m)], await store.GetAsync("HEDGE", D20, default));
        Assert.Equal([99m], (await store.GetAsync("MM1", D19, default)).Select(p => p.DayPnl));
        Assert.Empty(await store.GetAsync("NOBODY", D20, default));
        Assert.Empty(await store.GetAsync("HEDGE", D19, default));
    }

    [Fact]
    public async Task A_current_date_recompute_records_each_accounts_day_pnl_at_the_recompute_time()
    {
        var storage = await NewSetAsync();
        var service = new IngestionService(storage, SampleFeeds.Instruments(), new AlarmThresholds(), Clock, NullLogger<IngestionService>.Instance);

        foreach (var path in SampleFeeds.All)
        {
            var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, path);
            await service.IngestAsync(bucket, key, default);
        }

        var positions = await storage.Latest.GetPositionsAsync(D20, default);
        foreach (var account in new[] { "MM1", "HEDGE" })
        {
            var expected = positions.Where(p => p.AccountId == account).Sum(p => p.DayPnl!.Value);
            var point = Assert.Single(await storage.PnlHistory.GetAsync(account, D20, default));
            Assert.Equal(new PnlPoint(Clock.GetUtcNow(), expected), point);
        }
    }
}
