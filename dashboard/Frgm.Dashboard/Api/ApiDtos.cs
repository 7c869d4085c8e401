namespace Frgm.Dashboard.Api;

// Wire shapes of API.md. Property names become snake_case through ApiJsonContext; nullable numbers are null when unknown.

public sealed record ErrorResponse(string Error, string Message);

public sealed record PositionsResponse(DateOnly? Date, IReadOnlyList<PositionDto> Positions);

public sealed record PositionDto(
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
    string GreeksSource);

public sealed record AccountsResponse(DateOnly? Date, IReadOnlyList<AccountDto> Accounts);

public sealed record AccountDto(
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

public sealed record BlotterResponse(DateOnly? Date, IReadOnlyList<TradeDto> Trades, string? NextCursor);

public sealed record TradeDto(
    string TradeId,
    DateOnly TradeDate,
    string AccountId,
    string Ticker,
    string Side,
    long Quantity,
    decimal Price,
    DateTimeOffset? ExecTime,
    string? OrderId,
    string? Trader,
    string? SourceFile);

public sealed record MarketResponse(IReadOnlyList<PriceDto> Prices);

public sealed record PriceDto(
    string Ticker,
    decimal Price,
    decimal? Bid,
    decimal? Ask,
    long? Volume,
    DateTimeOffset Timestamp,
    double AgeSeconds);

public sealed record OrdersResponse(DateTimeOffset? SnapshotTime, IReadOnlyList<OrderDto> Orders, string? NextCursor);

public sealed record OrderDto(
    string OrderId,
    string? AccountId,
    string? Ticker,
    string? Side,
    decimal? Quantity,
    decimal? Price,
    decimal? LeavesQty,
    decimal? CumQty,
    string? Status,
    string? OrderType,
    string? TimeInForce,
    DateTimeOffset? UpdatedAt);

public sealed record AlarmsResponse(IReadOnlyList<AlarmDto> Alarms);

public sealed record AlarmDto(
    string AlarmId,
    string Type,
    string Severity,
    string State,
    string? AccountId,
    string? Ticker,
    string Message,
    decimal? Value,
    decimal? Threshold,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ClearedAt,
    string Kind,
    bool NeedsAck,
    string? Comment,
    string? ClearedBy);

public sealed record AckRequest(string? By, string? Comment);

public sealed record AlarmHistoryResponse(string AlarmId, IReadOnlyList<AlarmEventDto> Events);

public sealed record AlarmEventDto(DateTimeOffset At, string Event, string State, string Severity, decimal? Value, string? By, string? Comment);

public sealed record FilesResponse(IReadOnlyList<FileDto> Files, string? NextCursor);

public sealed record FileDto(
    string Bucket,
    string Key,
    string? Feed,
    string Status,
    string Sha256,
    int Rows,
    int RejectedRows,
    IReadOnlyList<string> Errors,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CompletedAt,
    int Duplicates,
    IReadOnlyList<string> Notes,
    DateOnly BusinessDate);

public sealed record HealthResponse(string Status);

public sealed record StoreStatusDto(string Name, bool Ok, string? Error);

/// <summary>/ready: 200 with every store ok, or 503 with error/message naming the first store that failed.</summary>
public sealed record ReadyResponse(string Status, string? Error, string? Message, IReadOnlyList<StoreStatusDto> Stores);

public sealed record ChangeEventDto(string Topic, DateTimeOffset At, string? Detail);

/// <summary>One point of a 1-minute bar series for the market charts (UI only).</summary>
public sealed record BarsResponse(string Ticker, IReadOnlyList<long> Time, IReadOnlyList<decimal> Close, IReadOnlyList<decimal> High, IReadOnlyList<decimal> Low);
