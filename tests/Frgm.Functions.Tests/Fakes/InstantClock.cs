using System.Collections.Concurrent;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>
/// A TimeProvider whose waits return at once and move its clock forward by the wait, recording each wait.
/// Retry-After and the 30-second poll spacing are then asserted as behaviour (the wait asked for), and the
/// tests do not sleep.
/// </summary>
public sealed class InstantClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private DateTimeOffset _now;

    public InstantClock(DateTimeOffset start) => _now = start;

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
