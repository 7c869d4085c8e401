using Frgm.Dashboard.Monitoring;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>Issue 14 item 4: one writer of the shared monitoring file, renewed while alive, taken over when it stops.</summary>
public sealed class MonitoringWriterLeaseTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("frgm-lease-").FullName;

    private string Db => Path.Combine(_dir, "monitoring.db");

    [Fact]
    public void Only_one_task_holds_the_lease_while_it_renews()
    {
        var a = new MonitoringWriterLease(Db, "task-a", TimeSpan.FromSeconds(90));
        var b = new MonitoringWriterLease(Db, "task-b", TimeSpan.FromSeconds(90));

        Assert.True(a.TryAcquire(T0));
        Assert.False(b.TryAcquire(T0.AddSeconds(1)));
        Assert.True(a.TryAcquire(T0.AddSeconds(60)));
        Assert.False(b.TryAcquire(T0.AddSeconds(120)));
        Assert.Equal("task-a", a.Holder()!.Value.Owner);
        Assert.Equal(T0.AddSeconds(150), a.Holder()!.Value.Expires);
    }

    [Fact]
    public void Another_task_takes_over_when_the_holder_stops_renewing()
    {
        var a = new MonitoringWriterLease(Db, "task-a", TimeSpan.FromSeconds(90));
        var b = new MonitoringWriterLease(Db, "task-b", TimeSpan.FromSeconds(90));
        Assert.True(a.TryAcquire(T0));

        Assert.False(b.TryAcquire(T0.AddSeconds(89)));
        Assert.True(b.TryAcquire(T0.AddSeconds(91)));
        Assert.False(a.TryAcquire(T0.AddSeconds(92)));
        Assert.Equal("task-b", b.Holder()!.Value.Owner);
    }

    [Fact]
    public void Release_hands_the_lease_over_at_once()
    {
        var a = new MonitoringWriterLease(Db, "task-a", TimeSpan.FromSeconds(90));
        var b = new MonitoringWriterLease(Db, "task-b", TimeSpan.FromSeconds(90));
        Assert.True(a.TryAcquire(T0));
        a.Release();

        Assert.Null(a.Holder());
        Assert.True(b.TryAcquire(T0.AddSeconds(1)));
    }

    [Fact]
    public void Two_tasks_racing_for_a_free_lease_never_both_win()
    {
        for (var round = 0; round < 20; round++)
        {
            var leases = Enumerable.Range(0, 4).Select(i => new MonitoringWriterLease(Db, $"r{round}-task-{i}", TimeSpan.FromSeconds(90))).ToList();
            var at = T0.AddHours(round);
            var winners = leases.AsParallel().Count(l => l.TryAcquire(at));
            Assert.Equal(1, winners);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
