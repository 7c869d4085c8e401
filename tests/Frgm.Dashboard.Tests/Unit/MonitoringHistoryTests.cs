using Frgm.Dashboard.Monitoring;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Unit;

public sealed class MonitoringHistoryTests : IDisposable
{
    private readonly string _dir = DashboardTestData.NewDataDir("monitoring");

    [Fact]
    public async Task Uses_the_rollback_journal_never_wal_and_keeps_samples_for_a_week()
    {
        using var history = new MonitoringHistory(Path.Combine(_dir, "sub", "monitoring.db"));
        Assert.Equal("delete", history.JournalMode());

        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await history.RecordAsync(t0, [("feed_age_seconds", "market-data", 3.5)], CancellationToken.None);
        await history.RecordAsync(t0.AddDays(1), [("feed_age_seconds", "market-data", 1.0), ("store_up", "sqlite", 1)], CancellationToken.None);
        var read = await history.ReadAsync("feed_age_seconds", "market-data", t0, CancellationToken.None);
        Assert.Equal([3.5, 1.0], read.Select(r => r.Value));

        await history.RecordAsync(t0.AddDays(9), [("store_up", "sqlite", 0)], CancellationToken.None);
        Assert.Empty(await history.ReadAsync("feed_age_seconds", "market-data", t0, CancellationToken.None));
        Assert.False(File.Exists(history.Path + "-wal"));
    }

    public void Dispose() => DashboardTestData.DeleteQuietly(_dir);
}
