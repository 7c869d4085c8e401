namespace Frgm.Application.Ingestion;

/// <summary>
/// The largest TT working-order snapshot ingested: beyond either limit the file is FAILED with the limit named (a
/// FEED_FAILED alarm) and the current set is kept. The snapshot is streamed into the store a batch at a time, so
/// these bound the store and the time of one ingest, not the memory of the process. The byte limit is the feed's one
/// size limit, checked before the content is read (IngestionService); the order limit while it is parsed.
/// </summary>
public sealed record WorkingOrderLimits(long MaxBytes, int MaxOrders)
{
    /// <summary>Over 2M orders as the poller writes them (about 225 bytes each); 1M orders is a 225 MB file.</summary>
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    public const int DefaultMaxOrders = 2_000_000;

    public static WorkingOrderLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxOrders);

    public string DescribeOverBytes() =>
        $"working-orders snapshot is over the maximum of {MaxBytes} bytes ({FileSizeLimits.Describe(MaxBytes)}, Frgm:MaxWorkingOrderBytes): not read, the current working orders are kept";

    public string DescribeOverOrders() =>
        $"working-orders snapshot has more than {MaxOrders} orders, over the maximum of {MaxOrders} (Frgm:MaxWorkingOrders): refused whole, the current working orders are kept";
}
