using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>
/// Everything the position engine needs for one business date. Trades may contain duplicate ids
/// (the first one wins) and come in any order (the engine orders them by exec time, then input order).
/// EodRows may span several dates; the engine uses, per instrument, the latest date that has it.
/// <see cref="Rate"/> discounts option premiums in the live model Greeks (RiskSettings.Rate).
/// </summary>
public sealed record PositionInputs(
    DateOnly BusinessDate,
    IReadOnlyList<SodRow> Sod,
    IReadOnlyList<Trade> Trades,
    IReadOnlyDictionary<string, MarketPrice> LatestPrices,
    IReadOnlyList<EodRow> EodRows,
    InstrumentCatalog Instruments,
    DateTimeOffset Now)
{
    public double Rate { get; init; } = Risk.RiskSettings.DefaultRate;
}
