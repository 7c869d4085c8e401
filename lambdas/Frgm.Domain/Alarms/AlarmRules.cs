using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>
/// Pure rules: facts in, conditions that are true now out. No state, no clock of their own.
/// Each rule returns at most one condition per <see cref="AlarmKey"/>. Severities:
/// <list type="bullet">
/// <item>POSITION_LIMIT, DELTA_LIMIT: WARNING, CRITICAL once the value exceeds 1.5 × the limit.</item>
/// <item>LOSS_LIMIT: CRITICAL (money is already lost).</item>
/// <item>UNKNOWN_INSTRUMENT, PRICE_DEVIATION, STALE_MARKET_DATA, TT_FEED_STALE, FEED_REJECTED_ROWS: WARNING.</item>
/// <item>LARGE_TRADE: INFO, WARNING once the quantity exceeds 2 × the threshold.</item>
/// <item>FEED_FAILED: CRITICAL (a whole file is missing from positions).</item>
/// </list>
/// Thresholds: an account's override wins over the default (see <see cref="AlarmThresholds"/>).
/// </summary>
public static class AlarmRules
{
    /// <summary>
    /// POSITION_LIMIT, LOSS_LIMIT, DELTA_LIMIT and UNKNOWN_INSTRUMENT for one business date.
    /// POSITION_LIMIT (key type, account, ticker; value abs(net_qty)): the limit is the first that exists of
    /// the account's entry for the instrument, for its product, the account's PositionLimit, then the same
    /// three defaults. LOSS_LIMIT (key type, account, null; value day P&amp;L, threshold −limit) when the
    /// account's day P&amp;L is known and below −LossLimit. DELTA_LIMIT (key type, account, null; value
    /// abs(delta)). UNKNOWN_INSTRUMENT (key type, null, ticker): once per ticker missing from the catalog.
    /// </summary>
    public static IReadOnlyList<AlarmCondition> ForPositions(
        IReadOnlyList<Position> positions,
        IReadOnlyList<AccountSummary> accounts,
        InstrumentCatalog instruments,
        AlarmThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(thresholds);
        return PositionAlarmRules.Evaluate(positions, accounts, instruments, thresholds);
    }

    /// <summary>
    /// LARGE_TRADE (quantity &gt; the account's LargeTradeQuantity) and PRICE_DEVIATION
    /// (abs(price − mark) / mark &gt; the account's fraction; skipped without a positive mark) for newly
    /// ingested trades. Keys (type, account, ticker, trade id): one event alarm per breaching trade.
    /// </summary>
    public static IReadOnlyList<AlarmCondition> ForTrades(
        IEnumerable<Trade> trades,
        IReadOnlyDictionary<string, decimal> marks,
        AlarmThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(thresholds);
        return TradeAlarmRules.Evaluate(trades, marks, thresholds);
    }

    /// <summary>
    /// STALE_MARKET_DATA: a non-zero position whose instrument has no price, or whose latest price is older
    /// than StaleMarketDataSeconds. Key (type, null, ticker); value the age in whole seconds (null: never priced).
    /// </summary>
    public static IReadOnlyList<AlarmCondition> ForStaleMarketData(
        IReadOnlyList<Position> positions,
        IReadOnlyDictionary<string, MarketPrice> latestPrices,
        DateTimeOffset now,
        AlarmThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(latestPrices);
        ArgumentNullException.ThrowIfNull(thresholds);
        return FeedAlarmRules.StaleMarketData(positions, latestPrices, now, thresholds);
    }

    /// <summary>TT_FEED_STALE when the last successful snapshot is older than the limit (or never happened).
    /// Key (type, null, null); value the age in whole seconds (null: never).</summary>
    public static AlarmCondition? ForTtFeed(DateTimeOffset? lastSuccess, DateTimeOffset now, AlarmThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return FeedAlarmRules.TtFeed(lastSuccess, now, thresholds);
    }

    /// <summary>The subject of a file's event alarms ("bucket/key"): one FEED_FAILED / FEED_REJECTED_ROWS per file.</summary>
    public static string FileSubject(string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(key);
        return FeedAlarmRules.FileSubject(bucket, key);
    }

    /// <summary>FEED_FAILED for a failed file; key (FeedFailed, null, feed wire name or null when the feed is
    /// unknown, <see cref="FileSubject"/>); value 1.</summary>
    public static AlarmCondition ForFailedFile(FeedKind? feed, string bucket, string key, string reason)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(reason);
        return FeedAlarmRules.FailedFile(feed, bucket, key, reason);
    }

    /// <summary>
    /// FEED_FAILED for a file handed off to the oversize worker that has waited longer than <paramref name="maxWait"/>:
    /// the same key as <see cref="ForFailedFile"/>, so the worker's clean ingestion of the key clears it; value 1.
    /// </summary>
    public static AlarmCondition ForHandOffOverdue(FeedKind? feed, string bucket, string key, TimeSpan maxWait)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(key);
        return FeedAlarmRules.HandOffOverdue(feed, bucket, key, maxWait);
    }

    /// <summary>FEED_REJECTED_ROWS for a file with rejected rows; value = count (at least 1);
    /// key (FeedRejectedRows, null, feed wire name, <see cref="FileSubject"/>).</summary>
    public static AlarmCondition ForRejectedRows(FeedKind feed, string bucket, string key, int rejectedRows)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(key);
        return FeedAlarmRules.RejectedRows(feed, bucket, key, rejectedRows);
    }
}
