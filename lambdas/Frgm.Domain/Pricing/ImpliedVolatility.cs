namespace Frgm.Domain.Pricing;

/// <summary>Why an implied volatility could or could not be backed out of a price.</summary>
public enum ImpliedVolatilityStatus
{
    Solved,

    /// <summary>The price is at or below the discounted intrinsic value: no volatility reproduces it.</summary>
    BelowIntrinsic,

    /// <summary>The price is at or above the no-arbitrage ceiling (discounted F for a call, K for a put).</summary>
    AboveUpperBound,

    /// <summary>At or past expiry: the price carries no time value to imply from.</summary>
    Expired,

    /// <summary>A forward, strike or price that is not a positive finite number.</summary>
    InvalidInput,
}

/// <summary>The outcome of <see cref="ImpliedVolatility.Solve"/>; <see cref="Volatility"/> is NaN unless solved.</summary>
public readonly record struct ImpliedVolatilityResult(ImpliedVolatilityStatus Status, double Volatility, int Iterations)
{
    public bool IsSolved => Status == ImpliedVolatilityStatus.Solved;
}

/// <summary>
/// Black-76 implied volatility by safeguarded Newton: a bracket [lo, hi] that always contains the root (price is
/// strictly increasing in σ), a Newton step on vega when it stays inside the bracket, bisection otherwise. It
/// therefore converges for any price strictly inside the no-arbitrage bounds, and says which bound a price
/// outside them breaks instead of returning a number.
/// </summary>
public static class ImpliedVolatility
{
    /// <summary>Ceiling of the search (1000 vol points): past it the price is indistinguishable from the bound.</summary>
    public const double MaxVolatility = 10.0;

    private const int MaxIterations = 100;

    /// <param name="o">the option; its <see cref="OptionInputs.Volatility"/> is ignored</param>
    /// <param name="price">the option's observed price, in the same points as forward and strike</param>
    /// <param name="tolerance">price tolerance, absolute</param>
    public static ImpliedVolatilityResult Solve(in OptionInputs o, double price, double tolerance = 1e-10)
    {
        if (!IsPositive(o.Forward) || !IsPositive(o.Strike) || !(price >= 0.0) || double.IsInfinity(price)
            || double.IsNaN(o.Rate) || double.IsInfinity(o.Rate) || double.IsNaN(o.YearsToExpiry))
        {
            return new(ImpliedVolatilityStatus.InvalidInput, double.NaN, 0);
        }

        if (o.YearsToExpiry <= 0.0)
        {
            return new(ImpliedVolatilityStatus.Expired, double.NaN, 0);
        }

        var discount = Math.Exp(-o.Rate * o.YearsToExpiry);
        var isCall = o.Right == Model.OptionRight.Call;
        var intrinsic = discount * Math.Max(isCall ? o.Forward - o.Strike : o.Strike - o.Forward, 0.0);
        var ceiling = discount * (isCall ? o.Forward : o.Strike);
        if (price <= intrinsic + tolerance)
        {
            return new(ImpliedVolatilityStatus.BelowIntrinsic, double.NaN, 0);
        }

        if (price >= ceiling - tolerance)
        {
            return new(ImpliedVolatilityStatus.AboveUpperBound, double.NaN, 0);
        }

        var lo = 0.0;
        var hi = MaxVolatility;
        if (Black76.Price(o with { Volatility = hi }) < price)
        {
            return new(ImpliedVolatilityStatus.AboveUpperBound, double.NaN, 0);
        }

        // Brenner–Subrahmanyam's at-the-money estimate is a good start anywhere near the money.
        var sigma = Math.Clamp(Math.Sqrt(2.0 * Math.PI / o.YearsToExpiry) * price / (discount * o.Forward), 1e-4, hi / 2);
        for (var i = 1; i <= MaxIterations; i++)
        {
            var g = Black76.Evaluate(o with { Volatility = sigma });
            var diff = g.Price - price;
            if (Math.Abs(diff) <= tolerance)
            {
                return new(ImpliedVolatilityStatus.Solved, sigma, i);
            }

            if (diff > 0)
            {
                hi = sigma;
            }
            else
            {
                lo = sigma;
            }

            var next = g.Vega > 0 ? sigma - (diff / g.Vega) : double.NaN;
            sigma = next > lo && next < hi ? next : 0.5 * (lo + hi);
            if (hi - lo < 1e-15)
            {
                return new(ImpliedVolatilityStatus.Solved, sigma, i);
            }
        }

        return new(ImpliedVolatilityStatus.Solved, sigma, MaxIterations);
    }

    private static bool IsPositive(double x) => x > 0.0 && !double.IsInfinity(x);
}
