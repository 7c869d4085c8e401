namespace Frgm.Storage.Ingestion;

/// <summary>
/// The largest TT working-order snapshot ingested. A snapshot is parsed and replaces the set whole, so its size
/// bounds the memory of every process that ingests or serves it; beyond either limit the file is FAILED with the
/// limit named and the current set is kept. The byte limit is checked before parsing (it bounds the parse itself);
/// the order limit after.
/// </summary>
public sealed record WorkingOrderLimits(long MaxBytes, int MaxOrders)
{
    /// <summary>
    /// About 70k orders as the poller writes them. Measured (orders-memory benchmark): the dashboard process peaks
    /// within its 300 MB budget ingesting a snapshot at these limits.
    /// </summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    public const int DefaultMaxOrders = 50_000;

    public static WorkingOrderLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxOrders);
}
