using Frgm.Domain.Model;

namespace Frgm.Domain.Pricing;

/// <summary>What Black-76 needs to value a European option on a future.</summary>
/// <param name="Forward">the underlying future's price F (&gt; 0)</param>
/// <param name="Strike">K (&gt; 0)</param>
/// <param name="YearsToExpiry">T in years; 0 or less means at or past expiry (intrinsic value)</param>
/// <param name="Volatility">σ, annualised lognormal volatility as a fraction (0.06 = 6%)</param>
/// <param name="Rate">r, continuously compounded, used only to discount the payoff</param>
public readonly record struct OptionInputs(
    OptionRight Right,
    double Forward,
    double Strike,
    double YearsToExpiry,
    double Volatility,
    double Rate);

/// <summary>
/// Value and sensitivities of one option, in the units of the formula: delta per 1.0 of F, gamma per 1.0 of F
/// squared, vega per 1.00 of σ (100 vol points), theta per year of calendar time passing (−∂V/∂T).
/// Use <see cref="VegaPerVolPoint"/> and <see cref="ThetaPerDay"/> for the per-point / per-day figures desks quote.
/// </summary>
public readonly record struct OptionGreeks(double Price, double Delta, double Gamma, double Vega, double Theta)
{
    public double VegaPerVolPoint => Vega / 100.0;

    public double ThetaPerDay => Theta / 365.0;
}

/// <summary>
/// Black (1976) for European options on futures: C = e^(−rT)[F·N(d1) − K·N(d2)], P = e^(−rT)[K·N(−d2) − F·N(−d1)],
/// d1 = (ln(F/K) + σ²T/2) / (σ√T), d2 = d1 − σ√T. Pure and allocation-free, so it can serve live Greeks and an
/// implied-volatility search as well as the demo market.
/// </summary>
public static class Black76
{
    public static double Price(in OptionInputs o) => Evaluate(o).Price;

    public static OptionGreeks Evaluate(in OptionInputs o)
    {
        Validate(o);
        var discount = Math.Exp(-o.Rate * Math.Max(o.YearsToExpiry, 0.0));
        var sign = o.Right == OptionRight.Call ? 1.0 : -1.0;
        var stdDev = o.Volatility * Math.Sqrt(Math.Max(o.YearsToExpiry, 0.0));
        if (stdDev <= 0.0)
        {
            // At expiry (or with no volatility) the option is its discounted intrinsic value: a step in F.
            var intrinsic = Math.Max(sign * (o.Forward - o.Strike), 0.0);
            var inTheMoney = sign * (o.Forward - o.Strike) > 0.0;
            var price = discount * intrinsic;
            return new OptionGreeks(price, inTheMoney ? sign * discount : 0.0, 0.0, 0.0, o.YearsToExpiry > 0 ? o.Rate * price : 0.0);
        }

        var d1 = (Math.Log(o.Forward / o.Strike) + (0.5 * stdDev * stdDev)) / stdDev;
        var d2 = d1 - stdDev;
        var nd1 = NormalDistribution.Cdf(sign * d1);
        var nd2 = NormalDistribution.Cdf(sign * d2);
        var value = sign * discount * ((o.Forward * nd1) - (o.Strike * nd2));
        var density = NormalDistribution.Density(d1);
        var sqrtT = Math.Sqrt(o.YearsToExpiry);
        var delta = sign * discount * nd1;
        var gamma = discount * density / (o.Forward * stdDev);
        var vega = discount * o.Forward * density * sqrtT;
        var theta = (o.Rate * value) - (discount * o.Forward * density * o.Volatility / (2.0 * sqrtT));
        return new OptionGreeks(value, delta, gamma, vega, theta);
    }

    private static void Validate(in OptionInputs o)
    {
        if (!(o.Forward > 0.0) || double.IsInfinity(o.Forward))
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.Forward, "the forward (underlying price) must be a positive number");
        }

        if (!(o.Strike > 0.0) || double.IsInfinity(o.Strike))
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.Strike, "the strike must be a positive number");
        }

        if (!(o.Volatility >= 0.0) || double.IsInfinity(o.Volatility))
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.Volatility, "the volatility must be 0 or more");
        }

        if (double.IsNaN(o.YearsToExpiry) || double.IsNaN(o.Rate) || double.IsInfinity(o.Rate))
        {
            throw new ArgumentOutOfRangeException(nameof(o), "time to expiry and rate must be numbers");
        }
    }
}
