namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>Reconnect delays: exponential from a minimum, capped, with "equal jitter" so many clients spread out.</summary>
internal static class RedisBackoff
{
    /// <summary>A delay in [cap/2, cap] where cap = min(max, min * 2^attempt); attempt counts from 0.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var cap = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
#pragma warning disable CA5394 // jitter, not security
        var jitter = (random ?? Random.Shared).NextDouble();
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds((cap / 2) + (jitter * cap / 2));
    }
}
