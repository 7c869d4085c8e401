using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>Data-quality and feed-health rules: stale prices, a silent TT poller, failed files, rejected rows.</summary>
internal static class FeedAlarmRules
{
    public static List<AlarmCondition> StaleMarketData(
        IReadOnlyList<Position> positions,
        IReadOnlyDictionary<string, MarketPrice> latestPrices,
        DateTimeOffset now,
        AlarmThresholds thresholds)
    {
        decimal limit = thresholds.StaleMarketDataSeconds;
        var holdersByTicker = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var position in positions)
        {
            if (position.NetQty == 0)
            {
                continue;
            }

            if (!holdersByTicker.TryGetValue(position.Ticker, out var holders))
            {
                holders = [];
                holdersByTicker[position.Ticker] = holders;
            }

            if (!holders.Contains(position.AccountId, StringComparer.Ordinal))
            {
                holders.Add(position.AccountId);
            }
        }

        var conditions = new List<AlarmCondition>();
        foreach (var (ticker, holders) in holdersByTicker)
        {
            var accounts = string.Join(", ", holders);
            var key = new AlarmKey(AlarmType.StaleMarketData, null, ticker);
            if (!latestPrices.TryGetValue(ticker, out var price))
            {
                conditions.Add(new AlarmCondition(
                    key,
                    AlarmSeverity.Warning,
                    $"No market price has arrived for {ticker} while {accounts} hold a position in it; its P&L " +
                    "uses the last settlement price or none. Check the Actant market-data feed.",
                    null,
                    limit));
                continue;
            }

            var age = Math.Floor((decimal)(now - price.Timestamp).TotalSeconds);
            if (age > limit)
            {
                conditions.Add(new AlarmCondition(
                    key,
                    AlarmSeverity.Warning,
                    $"The last price for {ticker} is {AlarmText.Seconds(age)} old (limit {AlarmText.Seconds(limit)}) " +
                    $"while {accounts} hold a position in it; its P&L uses that old mark. Check the Actant " +
                    "market-data feed.",
                    age,
                    limit));
            }
        }

        return conditions;
    }

    public static AlarmCondition? TtFeed(DateTimeOffset? lastSuccess, DateTimeOffset now, AlarmThresholds thresholds)
    {
        decimal limit = thresholds.TtFeedStaleSeconds;
        var key = new AlarmKey(AlarmType.TtFeedStale, null, null);
        if (lastSuccess is not { } last)
        {
            return new AlarmCondition(
                key,
                AlarmSeverity.Warning,
                "No TT working-order snapshot has succeeded yet, so working orders are not shown. Check the TT " +
                "poller's logs and its TT API credentials.",
                null,
                limit);
        }

        var age = Math.Floor((decimal)(now - last).TotalSeconds);
        if (age <= limit)
        {
            return null;
        }

        return new AlarmCondition(
            key,
            AlarmSeverity.Warning,
            $"The last successful TT working-order snapshot is {AlarmText.Seconds(age)} old (limit " +
            $"{AlarmText.Seconds(limit)}), so working orders may be out of date. Check the TT poller's logs and " +
            "its TT API credentials.",
            age,
            limit);
    }

    /// <summary>The subject of a file's event alarms: one alarm per file, named by bucket and key.</summary>
    public static string FileSubject(string bucket, string key) => bucket + "/" + key;

    public static AlarmCondition FailedFile(FeedKind? feed, string bucket, string key, string reason)
    {
        var feedName = feed is { } kind ? WireNames.Of(kind) : null;
        var feedText = feedName is null ? "unknown feed" : $"{feedName} feed";
        return new AlarmCondition(
            new AlarmKey(AlarmType.FeedFailed, null, feedName, FileSubject(bucket, key)),
            AlarmSeverity.Critical,
            $"File {key} in bucket {bucket} ({feedText}) failed and none of its rows were loaded: {reason.TrimEnd('.')}. " +
            "Fix the file and deliver it again.",
            1,
            null);
    }

    public static AlarmCondition HandOffOverdue(FeedKind? feed, string bucket, string key, TimeSpan maxWait)
    {
        var feedName = feed is { } kind ? WireNames.Of(kind) : null;
        var feedText = feedName is null ? "unknown feed" : $"{feedName} feed";
        var minutes = maxWait.TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        return new AlarmCondition(
            new AlarmKey(AlarmType.FeedFailed, null, feedName, FileSubject(bucket, key)),
            AlarmSeverity.Critical,
            $"File {key} in bucket {bucket} ({feedText}) is over the ingest function's size limit and has waited more than {minutes} min " +
            "for the dashboard's oversize worker, which has not taken it: none of its rows are loaded. Check that the dashboard service runs " +
            "(its log says \"Oversize worker\"); it takes the file as soon as it runs.",
            1,
            null);
    }

    public static AlarmCondition RejectedRows(FeedKind feed, string bucket, string key, int rejectedRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rejectedRows, 1);
        var rows = rejectedRows == 1 ? "1 row was" : $"{rejectedRows} rows were";
        return new AlarmCondition(
            new AlarmKey(AlarmType.FeedRejectedRows, null, WireNames.Of(feed), FileSubject(bucket, key)),
            AlarmSeverity.Warning,
            $"File {key} in bucket {bucket} ({WireNames.Of(feed)} feed): {rows} rejected and the rest loaded. " +
            "The ingestion ledger lists each line and reason; correct those rows and deliver them again.",
            rejectedRows,
            null);
    }
}
