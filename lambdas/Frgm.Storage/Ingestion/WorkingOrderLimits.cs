namespace Frgm.Storage.Ingestion;

/// <summary>
/// The largest TT working-order snapshot ingested. A snapshot is parsed and replaces the set whole, so its size
/// bounds the memory of every process that ingests or serves it; beyond either limit the file is FAILED with the
/// limit named and the current set is kept. The byte limit is checked before parsing (it bounds the parse itself);
/// the order limit after.
/// </summary>
public sealed record WorkingOrderLimits(long MaxBytes, int MaxOrders)
{
    /// <summary>About 150k orders as the poller writes them: a parse well under 200 MB, a set of about 60 MB held.</summary>
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    public const int DefaultMaxOrders = 100_000;

    public static WorkingOrderLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxOrders);
}
