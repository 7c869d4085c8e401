using Frgm.Domain.Model;

namespace Frgm.Domain.Risk;

/// <summary>
/// What the roll-up and the scenarios know about each instrument of a position set: its reference row, its
/// underlying (a future is its own), the underlying's price and multiplier, and its calibrated model (options with
/// model inputs only). Each instrument is calibrated once, however many accounts hold it.
/// </summary>
public sealed class RiskContext
{
    private readonly InstrumentCatalog _instruments;
    private readonly IReadOnlyDictionary<string, MarketPrice> _prices;
    private readonly double _rate;
    private readonly Dictionary<string, RiskInstrument> _cache = new(StringComparer.Ordinal);

    public RiskContext(InstrumentCatalog instruments, IReadOnlyDictionary<string, MarketPrice> prices, double rate)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(prices);
        _instruments = instruments;
        _prices = prices;
        _rate = rate;
    }

    public RiskInstrument For(Position position)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (_cache.TryGetValue(position.Ticker, out var known))
        {
            return known;
        }

        _instruments.TryGet(position.Ticker, out var instrument);
        var underlying = instrument?.Underlying is { Length: > 0 } u ? u : position.Ticker;
        decimal? underlyingPrice = _prices.TryGetValue(underlying, out var price)
            ? price.Price
            : string.Equals(underlying, position.Ticker, StringComparison.Ordinal) ? position.MarkPrice : null;
        decimal? underlyingMultiplier = _instruments.TryGet(underlying, out var u2) ? u2.Multiplier : instrument?.Multiplier;
        var model = instrument is { IsOption: true } ? OptionModel.Calibrate(instrument, _prices, _rate) : null;
        var result = new RiskInstrument(position.Ticker, instrument, underlying, underlyingPrice, underlyingMultiplier, model);
        _cache[position.Ticker] = result;
        return result;
    }
}

/// <param name="UnderlyingPrice">live price of the underlying (for a future without one: its own mark), else null</param>
/// <param name="Model">the calibrated option, null for futures and for options without model inputs</param>
public sealed record RiskInstrument(
    string Ticker,
    Instrument? Reference,
    string Underlying,
    decimal? UnderlyingPrice,
    decimal? UnderlyingMultiplier,
    CalibratedOption? Model)
{
    public string Product => Reference?.Product ?? RiskRollup.UnknownProduct;

    public bool IsOption => Reference is { IsOption: true };
}
