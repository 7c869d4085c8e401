namespace Frgm.Domain.Model;

/// <summary>The exact spellings API.md and FORMATS.md use on the wire, in one place.</summary>
public static class WireNames
{
    public static string Of(BucketRole role) => role switch
    {
        BucketRole.Actant => "actant",
        BucketRole.Tt => "tt",
        BucketRole.Trades => "trades",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string Of(FeedKind kind) => kind switch
    {
        FeedKind.MarketData => "market-data",
        FeedKind.Eod => "eod",
        FeedKind.Sod => "sod",
        FeedKind.Trades => "trades",
        FeedKind.WorkingOrders => "working-orders",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Of(GreeksSource source) => source switch
    {
        GreeksSource.Model => "model",
        GreeksSource.Eod => "eod",
        _ => "none",
    };

    public static GreeksSource ParseGreeksSource(string value) => Parse<GreeksSource>(value, Of);

    public static string Of(Side side) => side == Side.Buy ? "BUY" : "SELL";

    public static string Of(FileStatus status) => status switch
    {
        FileStatus.Processing => "PROCESSING",
        FileStatus.Completed => "COMPLETED",
        FileStatus.CompletedWithErrors => "COMPLETED_WITH_ERRORS",
        FileStatus.Failed => "FAILED",
        FileStatus.Ignored => "IGNORED",
        FileStatus.HandedOff => "HANDED_OFF",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Of(AlarmType type) => type switch
    {
        AlarmType.PositionLimit => "POSITION_LIMIT",
        AlarmType.LossLimit => "LOSS_LIMIT",
        AlarmType.DeltaLimit => "DELTA_LIMIT",
        AlarmType.LargeTrade => "LARGE_TRADE",
        AlarmType.PriceDeviation => "PRICE_DEVIATION",
        AlarmType.StaleMarketData => "STALE_MARKET_DATA",
        AlarmType.TtFeedStale => "TT_FEED_STALE",
        AlarmType.FeedFailed => "FEED_FAILED",
        AlarmType.FeedRejectedRows => "FEED_REJECTED_ROWS",
        AlarmType.UnknownInstrument => "UNKNOWN_INSTRUMENT",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string Of(AlarmSeverity severity) => severity.ToString().ToUpperInvariant();

    public static string Of(AlarmState state) => state.ToString().ToUpperInvariant();

    public static string Of(AlarmKind kind) => kind.ToString().ToUpperInvariant();

    public static string Of(AlarmEventType type) => type switch
    {
        AlarmEventType.Raised => "raised",
        AlarmEventType.Updated => "updated",
        AlarmEventType.Escalated => "escalated",
        AlarmEventType.Acknowledged => "acknowledged",
        _ => "cleared",
    };

    public static BucketRole ParseBucketRole(string value) => Parse<BucketRole>(value, Of);

    public static FeedKind ParseFeedKind(string value) => Parse<FeedKind>(value, Of);

    public static FileStatus ParseFileStatus(string value) => Parse<FileStatus>(value, Of);

    public static AlarmType ParseAlarmType(string value) => Parse<AlarmType>(value, Of);

    public static AlarmSeverity ParseAlarmSeverity(string value) => Parse<AlarmSeverity>(value, Of);

    public static AlarmState ParseAlarmState(string value) => Parse<AlarmState>(value, Of);

    public static AlarmEventType ParseAlarmEventType(string value) => Parse<AlarmEventType>(value, Of);

    public static bool TryParse<T>(string? value, Func<T, string> name, out T result)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(name(candidate), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }

    private static T Parse<T>(string value, Func<T, string> name)
        where T : struct, Enum =>
        TryParse(value, name, out var result)
            ? result
            : throw new FormatException($"'{value}' is not a known {typeof(T).Name}");
}
