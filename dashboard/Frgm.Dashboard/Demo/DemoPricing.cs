using Frgm.Domain.Model;
using Frgm.Domain.Pricing;
using Frgm.Domain.Risk;

namespace Frgm.Dashboard.Demo;

/// <summary>
/// The demo's one market model: per-product volatility and a flat rate, Black-76 for options from their
/// underlying's price, tick rounding. The EOD Greeks and the live option prices both come from here, so the
/// risk on screen is coherent with the prices the demo trades at.
/// </summary>
public static class DemoPricing
{
    /// <summary>Discount rate for option premiums: the live model's default (<see cref="RiskSettings.DefaultRate"/>).</summary>
    public const double Rate = RiskSettings.DefaultRate;

    /// <summary>The demo settles when options expire: the domain model's close (<see cref="OptionModel.ExpiryCloseUtc"/>).</summary>
    public static readonly TimeSpan CloseUtc = OptionModel.ExpiryCloseUtc;

    // Annualised lognormal volatilities of the future price, roughly what these markets implied in 2026.
    private static readonly Dictionary<string, double> ProductVolatility = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ZN"] = 0.055, ["ZB"] = 0.10, ["ZF"] = 0.04, ["ZT"] = 0.015, ["UB"] = 0.12, ["TN"] = 0.07,
        ["ES"] = 0.16, ["NQ"] = 0.20, ["YM"] = 0.15, ["RTY"] = 0.22, ["SR3"] = 0.006, ["GE"] = 0.006,
    };

    public static double Volatility(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return ProductVolatility.TryGetValue(instrument.Product, out var vol) ? vol : 0.15;
    }

    public static decimal Tick(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.TickSize is > 0 ? instrument.TickSize.Value : 0.01m;
    }

    public static decimal RoundToTick(double price, Instrument instrument)
    {
        var tick = Tick(instrument);
        return Math.Round((decimal)price / tick, MidpointRounding.AwayFromZero) * tick;
    }

    /// <summary>Calendar years from <paramref name="at"/> to the option's expiry close; ≤ 0 once it has expired.</summary>
    public static double YearsToExpiry(Instrument option, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(option);
        var expiry = option.Expiry ?? throw new ArgumentException($"{option.Key} has no expiry", nameof(option));
        return OptionModel.YearsToExpiry(expiry, at);
    }

    /// <summary>Black-76 value and Greeks of one option contract (in price points) with the underlying at <paramref name="underlying"/>.</summary>
    public static OptionGreeks Option(Instrument option, decimal underlying, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(option);
        var right = option.PutCall ?? throw new ArgumentException($"{option.Key} is not an option", nameof(option));
        var strike = option.Strike ?? throw new ArgumentException($"{option.Key} has no strike", nameof(option));
        return Black76.Evaluate(new OptionInputs(right, (double)underlying, (double)strike, YearsToExpiry(option, at), Volatility(option), Rate));
    }

    /// <summary>
    /// Per-contract Greeks as Actant's EOD file carries them: delta in underlying contracts, gamma per point,
    /// vega per vol point, theta per day. A future is delta 1.
    /// </summary>
    public static (decimal Delta, decimal Gamma, decimal Vega, decimal Theta) EodGreeks(Instrument instrument, decimal underlying, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!instrument.IsOption)
        {
            return (1m, 0m, 0m, 0m);
        }

        var g = Option(instrument, underlying, at);
        return (Round(g.Delta), Round(g.Gamma), Round(g.VegaPerVolPoint), Round(g.ThetaPerDay));
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 6, MidpointRounding.AwayFromZero);
}
