namespace Frgm.Domain.Model;

/// <summary>One Actant market-data row: the mark for an instrument at a time.</summary>
public sealed record MarketPrice(
    string Instrument,
    decimal Price,
    decimal? Bid,
    decimal? Ask,
    long? Volume,
    DateTimeOffset Timestamp);

/// <summary>One Actant end-of-day row; Greeks are per one contract (0 when the file leaves them empty).</summary>
public sealed record EodRow(
    DateOnly BusinessDate,
    string Account,
    string Instrument,
    long Position,
    decimal SettlementPrice,
    decimal Delta,
    decimal Gamma,
    decimal Vega,
    decimal Theta);

/// <summary>One Actant start-of-day row: the opening position and its cost basis.</summary>
public sealed record SodRow(
    DateOnly BusinessDate,
    string Account,
    string Instrument,
    long Position,
    decimal Price);

/// <summary>An executed trade (fill) from an SFTP trade file.</summary>
public sealed record Trade(
    string TradeId,
    DateOnly TradeDate,
    string AccountId,
    string Ticker,
    Side Side,
    long Quantity,
    decimal Price,
    DateTimeOffset? ExecTime,
    string? OrderId,
    string? Trader,
    string? Exchange,
    string? SourceFile)
{
    public long SignedQuantity => Side == Side.Buy ? Quantity : -Quantity;
}

/// <summary>A TT working order normalised to FORMATS.md names; unknown TT codes are kept as their raw text.</summary>
public sealed record WorkingOrder(
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

/// <summary>All working orders at one instant; a snapshot replaces the previous set as a whole.</summary>
public sealed record OrderSnapshot(DateTimeOffset SnapshotTime, IReadOnlyList<WorkingOrder> Orders);

/// <summary>
/// Instrument reference data (instruments.csv). The option terms are optional: a future names itself as
/// <see cref="Underlying"/> and has no <see cref="PutCall"/>; an option has all four.
/// </summary>
public sealed record Instrument(
    string Key,
    string Product,
    string? Exchange,
    decimal Multiplier,
    decimal? TickSize,
    string Currency,
    string? Underlying = null,
    DateOnly? Expiry = null,
    OptionRight? PutCall = null,
    decimal? Strike = null)
{
    public bool IsOption => PutCall is not null;
}
