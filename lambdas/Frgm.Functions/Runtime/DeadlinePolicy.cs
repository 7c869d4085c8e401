namespace Frgm.Functions.Runtime;

/// <summary>
/// When to cancel the handler and when to give up waiting for it. Lambda stops the sandbox hard at the
/// deadline; cancelling a little before leaves time to post a clean error (and to log why) instead.
/// </summary>
public static class DeadlinePolicy
{
    private static readonly TimeSpan MaxMargin = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinMargin = TimeSpan.FromMilliseconds(40);

    /// <summary>How long before the deadline the handler's CancellationToken fires: 10% of the time left, 40-500 ms.</summary>
    public static TimeSpan Margin(TimeSpan remaining)
    {
        var tenth = remaining / 10;
        return tenth < MinMargin ? MinMargin : tenth > MaxMargin ? MaxMargin : tenth;
    }

    /// <summary>A handler that ignores its token is abandoned half a margin before the deadline.</summary>
    public static TimeSpan HardStop(TimeSpan remaining) => remaining - (Margin(remaining) / 2);

    public static TimeSpan Cancel(TimeSpan remaining) => remaining - Margin(remaining);
}
