using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>Pure rules: facts in, conditions that are true now out. No state, no clock of their own.</summary>
public static class AlarmRules
{
    // CONTRACT STUB: replaced by the alarm work (issue 2).

    /// <summary>POSITION_LIMIT, LOSS_LIMIT, DELTA_LIMIT and UNKNOWN_INSTRUMENT for one business date.</summary>
    public static IReadOnlyList<AlarmCondition> ForPositions(
        IReadOnlyList<Position> positions,
        IReadOnlyList<AccountSummary> accounts,
        InstrumentCatalog instruments,
        AlarmThresholds thresholds) => throw new NotImplementedException();

    /// <summary>LARGE_TRADE and PRICE_DEVIATION (against the mark per ticker) for newly ingested trades.</summary>
    public static IReadOnlyList<AlarmCondition> ForTrades(
        IEnumerable<Trade> trades,
        IReadOnlyDictionary<string, decimal> marks,
        AlarmThresholds thresholds) => throw new NotImplementedException();

    /// <summary>STALE_MARKET_DATA: a non-zero position whose instrument has no price newer than the limit.</summary>
    public static IReadOnlyList<AlarmCondition> ForStaleMarketData(
        IReadOnlyList<Position> positions,
        IReadOnlyDictionary<string, MarketPrice> latestPrices,
        DateTimeOffset now,
        AlarmThresholds thresholds) => throw new NotImplementedException();

    /// <summary>TT_FEED_STALE when the last successful snapshot is older than the limit (or never happened).</summary>
    public static AlarmCondition? ForTtFeed(DateTimeOffset? lastSuccess, DateTimeOffset now, AlarmThresholds thresholds) =>
        throw new NotImplementedException();

    /// <summary>FEED_FAILED for a failed file; key (FeedFailed, null, feed wire name).</summary>
    public static AlarmCondition ForFailedFile(FeedKind? feed, string bucket, string key, string reason) =>
        throw new NotImplementedException();

    /// <summary>FEED_REJECTED_ROWS for a file with rejected rows; value = count; key (FeedRejectedRows, null, feed wire name).</summary>
    public static AlarmCondition ForRejectedRows(FeedKind feed, string bucket, string key, int rejectedRows) =>
        throw new NotImplementedException();
}
