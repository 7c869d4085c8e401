namespace Frgm.Dashboard.Requests;

/// <summary>Wrong or missing API keys, and requests refused because a client sent too many of them.</summary>
public sealed class ApiKeyFailureMetrics
{
    private long _failures;
    private long _rateLimited;

    public long Failures => Interlocked.Read(ref _failures);

    public long RateLimited => Interlocked.Read(ref _rateLimited);

    public void Failure() => Interlocked.Increment(ref _failures);

    /// <summary>Counts a refusal and returns the running total.</summary>
    public long Limited() => Interlocked.Increment(ref _rateLimited);
}
