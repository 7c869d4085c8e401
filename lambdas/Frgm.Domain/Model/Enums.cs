namespace Frgm.Domain.Model;

/// <summary>Which bucket an object arrived in. Names match the S3 bucket roles and the embedded folders.</summary>
public enum BucketRole
{
    Actant,
    Tt,
    Trades,
}

public enum FeedKind
{
    MarketData,
    Eod,
    Sod,
    Trades,
    WorkingOrders,
}

public enum Side
{
    Buy,
    Sell,
}

/// <summary>An option's right: <c>C</c> or <c>P</c> in instruments.csv's <c>put_call</c>.</summary>
public enum OptionRight
{
    Call,
    Put,
}

/// <summary>Where a position's Greeks come from (API.md <c>greeks_source</c>).</summary>
public enum GreeksSource
{
    /// <summary>No model inputs and no EOD row: the Greeks are 0.</summary>
    None,

    /// <summary>The per-contract Greeks of the latest EOD file dated on or before the business date.</summary>
    Eod,

    /// <summary>Black-76 at the volatility implied by the live option price and the underlying's live price.</summary>
    Model,
}

public enum FileStatus
{
    Processing,
    Completed,
    CompletedWithErrors,
    Failed,
    Ignored,

    /// <summary>
    /// Over the ingest function's per-feed size limit: not read there, queued for the dashboard's oversize worker,
    /// which has no time limit (README.md, "Large files"). Not final: the worker replaces it with the file's real entry.
    /// </summary>
    HandedOff,
}

public enum AlarmType
{
    PositionLimit,
    LossLimit,
    DeltaLimit,
    LargeTrade,
    PriceDeviation,
    StaleMarketData,
    TtFeedStale,
    FeedFailed,
    FeedRejectedRows,
    UnknownInstrument,
}

public enum AlarmSeverity
{
    Info,
    Warning,
    Critical,
}

public enum AlarmState
{
    Active,
    Acknowledged,
    Cleared,
}

/// <summary>Condition alarms describe a state that holds or not; event alarms something that happened once (latched).</summary>
public enum AlarmKind
{
    Condition,
    Event,
}

/// <summary>The transitions an alarm's history records.</summary>
public enum AlarmEventType
{
    Raised,
    Updated,
    Escalated,
    Acknowledged,
    Cleared,
}
