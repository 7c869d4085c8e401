using System.Globalization;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

/// <summary>
/// The largest object, per feed, that one ingest call reads. In Lambda it is the size the function is known to finish
/// inside its timeout (derived in README.md, "Large files"); a larger file is recorded FAILED at once with the way to
/// process it (no timeout, no endless redelivery, no silent DLQ), and the spill file never outgrows the function's
/// ephemeral storage. Null means no limit (embedded mode, the local runner).
/// </summary>
public sealed record FileSizeLimits(long? MarketData, long? Eod, long? Sod, long? Trades, long? WorkingOrders)
{
    public const long MiB = 1024 * 1024;

    public static readonly FileSizeLimits None = new(null, null, null, null, null);

    /// <summary>
    /// The ingest Lambda's defaults (60 s timeout): each fits inside half the timeout at the end-to-end rates measured on
    /// DynamoDB Local on a loaded machine (the ingest-limit benchmark), which is slower than the service, so they hold on
    /// the service too (README.md, "Large files"). A larger file is handed off, so erring low costs seconds, not a file.
    /// All are under <see cref="ContentReader.InMemoryLimit"/>: with the defaults nothing spills to /tmp.
    /// </summary>
    public static readonly FileSizeLimits Lambda = new(MarketData: 16 * MiB, Eod: 4 * MiB, Sod: 4 * MiB, Trades: 1 * MiB, WorkingOrders: 32 * MiB);

    public long? For(FeedKind? feed) => feed switch
    {
        FeedKind.MarketData => MarketData,
        FeedKind.Eod => Eod,
        FeedKind.Sod => Sod,
        FeedKind.Trades => Trades,
        FeedKind.WorkingOrders => WorkingOrders,
        _ => null,
    };

    public static string Describe(long bytes) =>
        bytes >= MiB ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MiB:0.#} MiB") : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}

/// <summary>The object is larger than its feed's <see cref="FileSizeLimits"/>; reading stopped at the limit.</summary>
public sealed class ObjectTooLargeException : Exception
{
    public ObjectTooLargeException(long limit)
        : base($"the object is larger than the limit of {FileSizeLimits.Describe(limit)}")
    {
        Limit = limit;
    }

    public ObjectTooLargeException()
    {
    }

    public ObjectTooLargeException(string message)
        : base(message)
    {
    }

    public ObjectTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public long Limit { get; }
}
