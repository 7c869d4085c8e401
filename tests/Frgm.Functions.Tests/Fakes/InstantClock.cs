using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>
/// The fake clock (<see cref="FakeTimeProvider"/>) whose waits return at once and move it forward by the wait,
/// recording each wait. Retry-After and the 30-second poll spacing are then asserted as behaviour (the wait asked
/// for), and the tests do not sleep.
/// </summary>
public sealed class InstantClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

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
