namespace Frgm.Domain.Model;

/// <summary>A position for one business date, account and instrument (FORMATS.md "Positions and P&amp;L").</summary>
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
    DateTimeOffset UpdatedAt);

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

/// <summary>Identity of an alarm condition: at most one ACTIVE alarm per key.</summary>
public readonly record struct AlarmKey(AlarmType Type, string? AccountId, string? Ticker);

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
    DateTimeOffset? ClearedAt)
{
    public AlarmKey Key => new(Type, AccountId, Ticker);

    /// <summary>ACTIVE and ACKNOWLEDGED alarms are open: the condition has not ended.</summary>
    public bool IsOpen => State != AlarmState.Cleared;
}

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
