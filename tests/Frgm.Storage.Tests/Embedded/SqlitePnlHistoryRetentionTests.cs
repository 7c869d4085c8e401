using Frgm.Storage.Embedded;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Embedded;

/// <summary>The embedded counterpart of the DynamoDB TTL: a write drops points recorded longer than the retention ago.</summary>
public sealed class SqlitePnlHistoryRetentionTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    [Fact]
    public async Task Points_recorded_longer_ago_than_the_retention_are_pruned_by_the_next_write()
    {
        var store = EmbeddedStorage.Create(fixture.NewDataDir()).PnlHistory;
        var now = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var old = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-31);
        var kept = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-29);
        await store.RecordAsync(old, [new("MM1", 1m)], now.AddDays(-31), default);
        await store.RecordAsync(kept, [new("MM1", 2m)], now.AddDays(-29), default);
        Assert.Single(await store.GetAsync("MM1", old, default));

        // An old business date recomputed today (a late file) is kept: expiry follows the recording time.
        await store.RecordAsync(old, [new("LATE", 4m)], now.AddMinutes(-1), default);

        await store.RecordAsync(DateOnly.FromDateTime(now.UtcDateTime), [new("MM1", 3m)], now, default);

        Assert.True(IPnlHistoryStore.Retention == TimeSpan.FromDays(30));
        Assert.Empty(await store.GetAsync("MM1", old, default));
        Assert.Single(await store.GetAsync("MM1", kept, default));
        Assert.Single(await store.GetAsync("LATE", old, default));
    }
}
