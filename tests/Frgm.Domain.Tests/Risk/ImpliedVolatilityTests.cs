using Frgm.Domain.Model;
using Frgm.Domain.Pricing;

namespace Frgm.Domain.Tests.Risk;

public sealed class ImpliedVolatilityTests
{
    [Theory]
    [InlineData(OptionRight.Call, 112.0, 112.5, 0.1, 0.055)]
    [InlineData(OptionRight.Put, 112.0, 110.0, 0.1, 0.055)]
    [InlineData(OptionRight.Call, 6000.0, 6500.0, 0.5, 0.16)]
    [InlineData(OptionRight.Put, 6000.0, 5000.0, 0.02, 0.45)]
    [InlineData(OptionRight.Call, 96.0, 95.0, 1.5, 0.006)]
    [InlineData(OptionRight.Call, 100.0, 40.0, 0.25, 2.5)]
    public void Round_trip_recovers_the_volatility_that_priced_the_option(OptionRight right, double f, double k, double t, double sigma)
    {
        var inputs = new OptionInputs(right, f, k, t, sigma, 0.04);
        var price = IndependentBlack76.Price(right == OptionRight.Call, f, k, t, sigma, 0.04);

        var result = ImpliedVolatility.Solve(inputs with { Volatility = 0 }, price, 1e-12);

        Assert.Equal(ImpliedVolatilityStatus.Solved, result.Status);
        Assert.Equal(sigma, result.Volatility, 6);
        Assert.InRange(result.Iterations, 1, 100);
    }

    [Fact]
    public void A_price_below_discounted_intrinsic_has_no_volatility()
    {
        // Call F 120, K 110, T 0.5, r 4 %: intrinsic e^(−0.02) × 10 = 9.80.
        var result = ImpliedVolatility.Solve(new OptionInputs(OptionRight.Call, 120, 110, 0.5, 0, 0.04), 9.5);

        Assert.Equal(ImpliedVolatilityStatus.BelowIntrinsic, result.Status);
        Assert.True(double.IsNaN(result.Volatility));
    }

    [Fact]
    public void A_call_priced_at_or_above_the_discounted_forward_has_no_volatility()
    {
        var result = ImpliedVolatility.Solve(new OptionInputs(OptionRight.Call, 100, 100, 0.5, 0, 0.04), 100);

        Assert.Equal(ImpliedVolatilityStatus.AboveUpperBound, result.Status);
    }

    [Fact]
    public void A_put_priced_above_the_discounted_strike_has_no_volatility()
    {
        var result = ImpliedVolatility.Solve(new OptionInputs(OptionRight.Put, 100, 90, 1, 0, 0.0), 90.5);

        Assert.Equal(ImpliedVolatilityStatus.AboveUpperBound, result.Status);
    }

    [Fact]
    public void An_expired_option_and_nonsense_inputs_say_so()
    {
        Assert.Equal(ImpliedVolatilityStatus.Expired, ImpliedVolatility.Solve(new OptionInputs(OptionRight.Call, 100, 100, 0, 0, 0.04), 1).Status);
        Assert.Equal(ImpliedVolatilityStatus.InvalidInput, ImpliedVolatility.Solve(new OptionInputs(OptionRight.Call, -1, 100, 1, 0, 0.04), 1).Status);
        Assert.Equal(ImpliedVolatilityStatus.InvalidInput, ImpliedVolatility.Solve(new OptionInputs(OptionRight.Call, 100, 100, 1, 0, 0.04), double.NaN).Status);
    }
}
