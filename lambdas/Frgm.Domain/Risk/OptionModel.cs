using Frgm.Domain.Model;
using Frgm.Domain.Pricing;

namespace Frgm.Domain.Risk;

/// <summary>
/// One option calibrated to the market: the volatility implied by its live price at the underlying's live price,
/// and the Black-76 inputs and Greeks at that volatility.
/// </summary>
public sealed record CalibratedOption(OptionInputs Inputs, OptionGreeks Greeks, DateTimeOffset At)
{
    public double ImpliedVolatility => Inputs.Volatility;

    /// <summary>
    /// Per-contract Greeks in the units of Actant's EOD file (and DemoPricing.EodGreeks): delta in underlying
    /// contracts, gamma per point of the underlying, vega per vol point, theta per calendar day.
    /// </summary>
    public PerContractGreeks PerContract => new(
        ToDecimal(Greeks.Delta), ToDecimal(Greeks.Gamma), ToDecimal(Greeks.VegaPerVolPoint), ToDecimal(Greeks.ThetaPerDay));

    private static decimal ToDecimal(double value) => double.IsFinite(value) && Math.Abs(value) < 1e20 ? (decimal)value : 0m;
}

public readonly record struct PerContractGreeks(decimal Delta, decimal Gamma, decimal Vega, decimal Theta);

/// <summary>
/// Live model Greeks for options (issue 15 item 2). An option has model inputs when its reference row names the
/// underlying, expiry, put/call and strike, and both it and its underlying have a live price (as of the business
/// date). Time to expiry runs from the later of the two price timestamps to the expiry date's close, so the result
/// is a pure function of the stored facts, whatever time it is recomputed.
/// </summary>
public static class OptionModel
{
    /// <summary>Options and futures expire at this UTC time of their last trading day (≈ the CME close).</summary>
    public static readonly TimeSpan ExpiryCloseUtc = TimeSpan.FromHours(21);

    private const double DaysPerYear = 365.0;

    /// <summary>Calendar years from <paramref name="at"/> to the close of <paramref name="expiry"/>; ≤ 0 once expired.</summary>
    public static double YearsToExpiry(DateOnly expiry, DateTimeOffset at)
    {
        var close = new DateTimeOffset(expiry.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + ExpiryCloseUtc;
        return (close - at).TotalDays / DaysPerYear;
    }

    /// <summary>True when the reference row carries every model term (underlying, expiry, put/call, strike &gt; 0).</summary>
    public static bool HasModelTerms(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument is { PutCall: not null, Expiry: not null, Strike: > 0, Underlying.Length: > 0 }
            && !string.Equals(instrument.Underlying, instrument.Key, StringComparison.Ordinal);
    }

    /// <summary>
    /// The calibrated option, or null when a model input is missing, expired, or the option price lies outside
    /// Black-76's no-arbitrage bounds at that underlying price (then the caller falls back to EOD Greeks).
    /// </summary>
    public static CalibratedOption? Calibrate(Instrument option, IReadOnlyDictionary<string, MarketPrice> livePrices, double rate)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(livePrices);
        if (!HasModelTerms(option)
            || !livePrices.TryGetValue(option.Key, out var optionPrice)
            || !livePrices.TryGetValue(option.Underlying!, out var underlyingPrice))
        {
            return null;
        }

        return Calibrate(option, optionPrice, underlyingPrice, rate);
    }

    public static CalibratedOption? Calibrate(Instrument option, MarketPrice optionPrice, MarketPrice underlyingPrice, double rate)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(optionPrice);
        ArgumentNullException.ThrowIfNull(underlyingPrice);
        if (!HasModelTerms(option) || underlyingPrice.Price <= 0m || optionPrice.Price < 0m)
        {
            return null;
        }

        var at = optionPrice.Timestamp > underlyingPrice.Timestamp ? optionPrice.Timestamp : underlyingPrice.Timestamp;
        var inputs = new OptionInputs(
            option.PutCall!.Value,
            (double)underlyingPrice.Price,
            (double)option.Strike!.Value,
            YearsToExpiry(option.Expiry!.Value, at),
            0.0,
            rate);
        var vol = ImpliedVolatility.Solve(inputs, (double)optionPrice.Price);
        if (!vol.IsSolved)
        {
            return null;
        }

        var calibrated = inputs with { Volatility = vol.Volatility };
        return new CalibratedOption(calibrated, Black76.Evaluate(calibrated), at);
    }
}
