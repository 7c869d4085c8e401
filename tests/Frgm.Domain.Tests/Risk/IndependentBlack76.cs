namespace Frgm.Domain.Tests.Risk;

/// <summary>
/// Black-76 closed form written again for the tests, with its own normal CDF (Simpson integration of the density),
/// so the model Greeks are checked against a computation that shares no code with Frgm.Domain.Pricing.
/// </summary>
internal static class IndependentBlack76
{
    public static double Price(bool call, double f, double k, double t, double sigma, double r)
    {
        var df = Math.Exp(-r * t);
        var sd = sigma * Math.Sqrt(t);
        var d1 = (Math.Log(f / k) / sd) + (sd / 2);
        var d2 = d1 - sd;
        return call ? df * ((f * N(d1)) - (k * N(d2))) : df * ((k * N(-d2)) - (f * N(-d1)));
    }

    public static double Delta(bool call, double f, double k, double t, double sigma, double r)
    {
        var sd = sigma * Math.Sqrt(t);
        var d1 = (Math.Log(f / k) / sd) + (sd / 2);
        return Math.Exp(-r * t) * (call ? N(d1) : N(d1) - 1);
    }

    public static double Gamma(double f, double k, double t, double sigma, double r)
    {
        var sd = sigma * Math.Sqrt(t);
        var d1 = (Math.Log(f / k) / sd) + (sd / 2);
        return Math.Exp(-r * t) * Phi(d1) / (f * sd);
    }

    /// <summary>Per 1.00 of σ.</summary>
    public static double Vega(double f, double k, double t, double sigma, double r)
    {
        var sd = sigma * Math.Sqrt(t);
        var d1 = (Math.Log(f / k) / sd) + (sd / 2);
        return Math.Exp(-r * t) * f * Phi(d1) * Math.Sqrt(t);
    }

    private static double Phi(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);

    /// <summary>Φ(x) by integrating the density: slow, but independent and accurate to ~1e-13.</summary>
    private static double N(double x)
    {
        if (x < -12)
        {
            return 0;
        }

        if (x > 12)
        {
            return 1;
        }

        // ∫_{-12}^{x} φ by composite Simpson with 20,000 panels: error ~ h⁴ ≈ 1e-14 for this smooth integrand.
        const int n = 20_000;
        var a = -12.0;
        var h = (x - a) / n;
        var sum = Phi(a) + Phi(x);
        for (var i = 1; i < n; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Phi(a + (i * h));
        }

        return sum * h / 3;
    }
}
