using Frgm.Domain.Model;
using Frgm.Domain.Pricing;

namespace Frgm.Domain.Tests.Pricing;

/// <summary>Black-76 against published values, an independent erfc (Python's math.erfc), parity and finite differences.</summary>
public sealed class Black76Tests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(-1.96, 0.024997895148220435)]
    [InlineData(2.5, 0.9937903346742238)]
    [InlineData(0.3, 0.6179114221889526)]
    [InlineData(-5.0, 2.866515718791946e-07)]
    [InlineData(-8.0, 6.220960574271819e-16)]
    public void Normal_cdf_matches_an_independent_erfc(double x, double expected)
    {
        var actual = NormalDistribution.Cdf(x);

        // Relative in the far tail, where the absolute value is tiny.
        Assert.True(Math.Abs(actual - expected) <= 1e-14 + (1e-12 * expected), $"N({x}) = {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Haugs_black76_example_prices_call_and_put_at_1_7011()
    {
        // Haug, The Complete Guide to Option Pricing Formulas: F = K = 19, T = 0.75, r = 10%, σ = 28% → 1.7011.
        var call = Black76.Evaluate(new OptionInputs(OptionRight.Call, 19, 19, 0.75, 0.28, 0.10));
        var put = Black76.Evaluate(new OptionInputs(OptionRight.Put, 19, 19, 0.75, 0.28, 0.10));

        Assert.Equal(1.7011, call.Price, 4);
        Assert.Equal(1.7011, put.Price, 4);
        Assert.Equal(1.701050725236268, call.Price, 12);
        Assert.Equal(0.5086362359336519, call.Delta, 12);
        Assert.Equal(-0.419107250394901, put.Delta, 12);
    }

    [Fact]
    public void Hulls_futures_put_example_is_1_12()
    {
        // Hull, Options, Futures and Other Derivatives: F = K = 20, r = 9%, T = 4 months, σ = 25% → 1.12.
        var put = Black76.Evaluate(new OptionInputs(OptionRight.Put, 20, 20, 4.0 / 12, 0.25, 0.09));

        Assert.Equal(1.12, put.Price, 2);
        Assert.Equal(1.1166414565589438, put.Price, 12);
    }

    [Theory]
    [InlineData(OptionRight.Call, 112.40625, 112.5, 1.0487738921931096, 0.48746988451227957)]
    [InlineData(OptionRight.Put, 112.40625, 110.0, 0.2827429858863986, -0.18469796304273522)]
    public void Treasury_option_values_match_an_independent_implementation(OptionRight right, double f, double k, double price, double delta)
    {
        var greeks = Black76.Evaluate(new OptionInputs(right, f, k, 0.2, 0.055, 0.04));

        Assert.Equal(price, greeks.Price, 12);
        Assert.Equal(delta, greeks.Delta, 12);
    }

    [Theory]
    [InlineData(100.0, 90.0, 0.5, 0.2, 0.03)]
    [InlineData(100.0, 100.0, 0.05, 0.35, 0.0)]
    [InlineData(112.4, 115.0, 2.0, 0.06, 0.05)]
    [InlineData(6000.0, 5200.0, 0.1, 0.18, 0.04)]
    public void Put_call_parity_holds(double f, double k, double t, double vol, double r)
    {
        var call = Black76.Price(new OptionInputs(OptionRight.Call, f, k, t, vol, r));
        var put = Black76.Price(new OptionInputs(OptionRight.Put, f, k, t, vol, r));

        Assert.Equal(Math.Exp(-r * t) * (f - k), call - put, 9);
    }

    [Theory]
    [InlineData(OptionRight.Call, 100.0, 95.0, 0.4, 0.25, 0.03)]
    [InlineData(OptionRight.Put, 100.0, 95.0, 0.4, 0.25, 0.03)]
    [InlineData(OptionRight.Call, 112.4, 113.0, 0.08, 0.055, 0.04)]
    [InlineData(OptionRight.Put, 112.4, 111.5, 0.08, 0.055, 0.04)]
    public void Greeks_agree_with_central_finite_differences(OptionRight right, double f, double k, double t, double vol, double r)
    {
        var at = new OptionInputs(right, f, k, t, vol, r);
        var g = Black76.Evaluate(at);
        var hF = f * 1e-4;
        const double hVol = 1e-5;
        const double hT = 1e-6;

        double P(OptionInputs o) => Black76.Price(o);
        var delta = (P(at with { Forward = f + hF }) - P(at with { Forward = f - hF })) / (2 * hF);
        var gamma = (P(at with { Forward = f + hF }) - (2 * g.Price) + P(at with { Forward = f - hF })) / (hF * hF);
        var vega = (P(at with { Volatility = vol + hVol }) - P(at with { Volatility = vol - hVol })) / (2 * hVol);
        var theta = -(P(at with { YearsToExpiry = t + hT }) - P(at with { YearsToExpiry = t - hT })) / (2 * hT);

        Assert.True(Math.Abs(delta - g.Delta) <= 1e-5, $"delta {g.Delta} vs {delta}");
        Assert.True(Math.Abs(gamma - g.Gamma) <= 1e-4 * Math.Max(1, Math.Abs(g.Gamma)), $"gamma {g.Gamma} vs {gamma}");
        Assert.True(Math.Abs(vega - g.Vega) <= 1e-5 * Math.Max(1, Math.Abs(g.Vega)), $"vega {g.Vega} vs {vega}");
        Assert.True(Math.Abs(theta - g.Theta) <= 1e-4 * Math.Max(1, Math.Abs(g.Theta)), $"theta {g.Theta} vs {theta}");
        Assert.True(g.Gamma > 0 && g.Vega > 0 && g.Theta < 0, "a long option has positive gamma and vega and loses value with time");
        Assert.Equal(g.Vega / 100, g.VegaPerVolPoint, 15);
        Assert.Equal(g.Theta / 365, g.ThetaPerDay, 15);
    }

    [Fact]
    public void Calls_fall_and_puts_rise_with_strike()
    {
        double previousCall = double.MaxValue, previousPut = double.MinValue;
        for (var k = 100.0; k <= 125.0; k += 0.5)
        {
            var call = Black76.Price(new OptionInputs(OptionRight.Call, 112.4, k, 0.1, 0.055, 0.04));
            var put = Black76.Price(new OptionInputs(OptionRight.Put, 112.4, k, 0.1, 0.055, 0.04));
            Assert.True(call < previousCall, $"call at {k}");
            Assert.True(put > previousPut, $"put at {k}");
            (previousCall, previousPut) = (call, put);
        }
    }

    [Fact]
    public void At_expiry_an_option_is_worth_its_discounted_intrinsic_value()
    {
        var itmCall = Black76.Evaluate(new OptionInputs(OptionRight.Call, 105, 100, 0, 0.2, 0.05));
        var otmPut = Black76.Evaluate(new OptionInputs(OptionRight.Put, 105, 100, -0.01, 0.2, 0.05));
        var noVolPut = Black76.Evaluate(new OptionInputs(OptionRight.Put, 95, 100, 1, 0, 0.05));

        Assert.Equal((5.0, 1.0, 0.0, 0.0), (itmCall.Price, itmCall.Delta, itmCall.Gamma, itmCall.Vega));
        Assert.Equal((0.0, 0.0), (otmPut.Price, otmPut.Delta));
        Assert.Equal(5 * Math.Exp(-0.05), noVolPut.Price, 12);
        Assert.Equal(-Math.Exp(-0.05), noVolPut.Delta, 12);
    }

    [Theory]
    [InlineData(0.0, 100.0, 0.2)]
    [InlineData(100.0, -1.0, 0.2)]
    [InlineData(100.0, 100.0, -0.1)]
    [InlineData(double.NaN, 100.0, 0.2)]
    public void Nonsense_inputs_are_refused(double f, double k, double vol) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Black76.Evaluate(new OptionInputs(OptionRight.Call, f, k, 0.5, vol, 0.01)));
}
