namespace Frgm.Domain.Model;

/// <summary>A position for one business date, account and instrument (FORMATS.md "Positions and P&amp;L"); <see cref="GreeksSource"/> says where its Greeks come from.</summary>
public sealed record Position(
    DateOnly BusinessDate,
    string AccountId,
    string Ticker,
    long SodQty,
    decimal? SodPrice,
    long NetQty,
    decimal? AvgPrice,
    decimal? MarkPrice,
    decimal? RealizedPnl,
    decimal? UnrealizedPnl,
    decimal? DayPnl,
    decimal Delta,
    decimal Gamma,
    decimal Vega,
    decimal Theta,
    DateTimeOffset UpdatedAt,
    GreeksSource GreeksSource = GreeksSource.None);

/// <summary>Per-account roll-up for /api/accounts.</summary>
public sealed record AccountSummary(
    DateOnly BusinessDate,
    string AccountId,
    int Positions,
    decimal? DayPnl,
    decimal? RealizedPnl,
    decimal? UnrealizedPnl,
    decimal? GrossExposure,
    decimal? NetExposure,
    decimal Delta,
    decimal Gamma,
    decimal Vega,
    decimal Theta,
    int ActiveAlarms);

/// <summary>
/// Identity of an alarm: at most one open alarm per key. Condition alarms are keyed by (type, account, ticker);
/// event alarms add <see cref="Subject"/>, what happened once (the file's bucket/key, the trade id).
/// </summary>
public readonly record struct AlarmKey(AlarmType Type, string? AccountId, string? Ticker, string? Subject = null);

/// <summary>
/// One alarm (API.md "Alarms"). <see cref="Subject"/> is set for event alarms only. <see cref="Comment"/> is the
/// latest acknowledgement's comment; <see cref="ClearedBy"/> is "system" when the condition ended or a corrected
/// re-delivery cleared it, else the person whose acknowledgement cleared a latched event alarm.
/// </summary>
public sealed record Alarm(
    string AlarmId,
    AlarmType Type,
    AlarmSeverity Severity,
    AlarmState State,
    string? AccountId,
    string? Ticker,
    string Message,
    decimal? Value,
    decimal? Threshold,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ClearedAt,
    string? Subject = null,
    string? ClearedBy = null,
    string? Comment = null)
{
    public AlarmKey Key => new(Type, AccountId, Ticker, Subject);

    public AlarmKind Kind => AlarmKinds.Of(Type);

    /// <summary>ACTIVE and ACKNOWLEDGED alarms are open: the condition has not ended (an event alarm: nobody acknowledged it).</summary>
    public bool IsOpen => State != AlarmState.Cleared;

    /// <summary>Nobody has acknowledged it yet: ACTIVE, or CLEARED before anyone saw it. It stays on screen until someone does.</summary>
    public bool NeedsAck => AcknowledgedBy is null;
}

/// <summary>One transition of an alarm, with who made it (null: the system) and the acknowledgement comment.</summary>
public sealed record AlarmHistoryEvent(
    string AlarmId,
    DateTimeOffset At,
    AlarmEventType Event,
    AlarmState State,
    AlarmSeverity Severity,
    decimal? Value,
    string? By,
    string? Comment);

/// <summary>An alarm as it is after a transition, and the history event that records the transition.</summary>
public sealed record AlarmChange(Alarm Alarm, AlarmHistoryEvent Event);

/// <summary>A rejected row: 1-based line number in the file and the reason.</summary>
public sealed record RowError(int Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}

/// <summary>One ingestion-ledger entry, keyed by bucket + key + SHA-256 of the content.</summary>
public sealed record LedgerEntry(
    BucketRole Bucket,
    string Key,
    string Sha256,
    FeedKind? Feed,
    FileStatus Status,
    int Rows,
    int RejectedRows,
    IReadOnlyList<string> Errors,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CompletedAt,
    int Attempts)
{
    /// <summary>Trade rows skipped because their trade_id was already stored from another file (not errors).</summary>
    public int Duplicates { get; init; }

    /// <summary>
    /// Remarks that are not errors, as "line N: ..." (one per duplicate trade id, naming the file that booked it first),
    /// capped like <see cref="Errors"/>.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
