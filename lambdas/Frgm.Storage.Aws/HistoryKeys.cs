namespace Frgm.Storage.Aws;

/// <summary>
/// Key patterns of the history table, one method per item type (TABLES.md is the reference). Components are
/// joined with '#'; an instrument key may contain spaces ("OZN Z6 C112.5"), which DynamoDB keys allow.
/// </summary>
internal static class HistoryKeys
{
    public static string BarPartition(string instrument, DateOnly utcDay) => $"BAR#{instrument}#{AttributeValues.Format(utcDay)}";

    /// <summary>Minute start, UTC, to the minute: "2026-11-20T14:30Z".</summary>
    public static string BarSort(DateTimeOffset minuteStart) =>
        minuteStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A bar contribution: "2026-11-20T14:30Z#3f9a0c1d2e4b5a69" (minute, then the content hash).</summary>
    public static string BarContributionSort(DateTimeOffset minuteStart, string contentHash) => BarSort(minuteStart) + "#" + contentHash;

    /// <summary>Above every contribution sort key of the minute ('~' sorts after '#' and every hex digit).</summary>
    public static string BarSortUpperBound(DateTimeOffset minuteStart) => BarSort(minuteStart) + "~";

    public static string EodPartition(DateOnly date) => "EOD#" + AttributeValues.Format(date);

    public static string EodSort(string instrument, string account) => $"{instrument}#{account}";

    /// <summary>One item per instrument ever seen in an EOD file, holding the set of its EOD dates.</summary>
    public const string EodIndexPartition = "EOD_INDEX";

    public static string SodPartition(DateOnly date) => "SOD#" + AttributeValues.Format(date);

    public static string SodSort(string account, string instrument) => $"{account}#{instrument}";

    public static string TradePartition(string tradeId) => "TRADE#" + tradeId;

    public const string TradeSort = "TRADE";

    public static string BlotterPartition(DateOnly tradeDate) => "BLOTTER#" + AttributeValues.Format(tradeDate);

    /// <summary>Exec time then trade_id; a trade without exec time sorts before every timed one (last when newest first).</summary>
    public static string BlotterSort(DateTimeOffset? execTime, string tradeId) =>
        (execTime is { } t ? AttributeValues.Format(t) : NoExecTime) + "#" + tradeId;

    public const string NoExecTime = "0000-00-00T00:00:00.0000000Z";

    public static string PositionPartition(DateOnly date) => "POS#" + AttributeValues.Format(date);

    public static string PositionSort(string account, string ticker) => $"{account}#{ticker}";

    /// <summary>The facts version the date's stored positions were computed from.</summary>
    public static string PositionsHeaderPartition(DateOnly date) => "POS_HEADER#" + AttributeValues.Format(date);

    /// <summary>The date's facts counter, bumped after each file's facts for the date are stored.</summary>
    public static string FactsVersionPartition(DateOnly date) => "FACTS#" + AttributeValues.Format(date);

    public const string VersionSort = "VERSION";

    /// <summary>Every date whose facts version was bumped; sort key = the date.</summary>
    public const string FactDatesPartition = "FACT_DATES";

    /// <summary>Per market-data business date, each instrument's latest price (sort key = instrument).</summary>
    public static string DayPricePartition(DateOnly date) => "DAY_PRICE#" + AttributeValues.Format(date);

    /// <summary>"SHARD#07": the day-price item holding the instruments whose hash falls in that shard.</summary>
    public static string DayPriceShardSort(int shard) => "SHARD#" + shard.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every date that has day prices; sort key = the date.</summary>
    public const string DayPriceDatesPartition = "DAY_PRICE_DATES";

    public static string OrderSnapshotPartition(DateTimeOffset snapshotTime) => "ORDERS#" + AttributeValues.Format(snapshotTime);

    public const string OrderSnapshotHeaderSort = "SNAPSHOT";

    public static string OrderSort(string orderId) => "ORDER#" + orderId;

    public static string OrderSnapshotsByDay(DateOnly utcDay) => "ORDERS#" + AttributeValues.Format(utcDay);

    /// <summary>An account's intraday P&amp;L points of a business date; sort key = the UTC minute (<see cref="BarSort"/>).</summary>
    public static string PnlPartition(DateOnly date, string account) => $"PNL#{AttributeValues.Format(date)}#{account}";

    public const string LatestPartition = "LATEST";

    public const string LatestBusinessDateSort = "BUSINESS_DATE";
}
