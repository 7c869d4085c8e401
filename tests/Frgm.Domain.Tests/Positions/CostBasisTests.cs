using System.Globalization;
using Frgm.Domain.Positions;

namespace Frgm.Domain.Tests.Positions;

/// <summary>The fixed-point fast path against the plain-decimal implementation of the same rules.</summary>
public sealed class CostBasisTests
{
    [Fact]
    public void Fixed_point_and_decimal_paths_agree_exactly_on_random_sequences()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var fast = new CostBasis();
            var slow = new DecimalCostBasis();
            var sodQty = random.Next(-30, 31);
            var sodPrice = 50m + (random.Next(0, 500) * 0.0078125m);
            fast.Open(sodQty, sodPrice);
            slow.Open(sodQty, sodPrice);
            for (var t = 0; t < 30; t++)
            {
                var qty = (long)random.Next(1, 40) * (random.Next(2) == 0 ? 1 : -1);
                var price = 50m + (random.Next(0, 5000) * 0.01m);
                fast.Apply(qty, price);
                slow.Apply(qty, price);
                Assert.True(
                    (fast.NetQty, fast.Cost, fast.Outlay, fast.AveragePrice) == (slow.NetQty, slow.Cost, slow.Outlay, slow.AveragePrice),
                    $"seed {seed} trade {t}: fast ({fast.Cost}, {fast.Outlay}, {fast.AveragePrice}) slow ({slow.Cost}, {slow.Outlay}, {slow.AveragePrice})");
            }
        }
    }

    [Fact]
    public void A_price_with_a_13th_decimal_switches_to_decimal_and_loses_nothing()
    {
        var fast = new CostBasis();
        var slow = new DecimalCostBasis();
        (long Qty, decimal Price)[] fills = [(3, 100m), (2, 100.1m), (-1, 101m), (4, 99.0000000000001m), (-10, 98.5m), (-3, 97m)];
        fast.Open(0, 0m);
        slow.Open(0, 0m);

        foreach (var (qty, price) in fills)
        {
            fast.Apply(qty, price);
            slow.Apply(qty, price);
            Assert.Equal((slow.NetQty, slow.Cost, slow.Outlay, slow.AveragePrice), (fast.NetQty, fast.Cost, fast.Outlay, fast.AveragePrice));
        }

        // The cross at 98.5 leaves −2 @ 98.5; adding 3 @ 97 → (197 + 291) / 5 = 97.6.
        Assert.Equal((-5L, (decimal?)97.6m), (fast.NetQty, fast.AveragePrice));
    }

    [Fact]
    public void Reopening_after_the_slow_path_returns_to_the_opening_state()
    {
        var basis = new CostBasis();
        basis.Open(5, 10m);
        basis.Apply(1, 10.00000000000001m);

        basis.Open(5, 10m);

        Assert.Equal((5L, 50m, 50m, (decimal?)10m), (basis.NetQty, basis.Cost, basis.Outlay, basis.AveragePrice));
    }

    [Theory]
    [InlineData(5, 2, 2)]
    [InlineData(7, 2, 4)]
    [InlineData(-5, 2, -2)]
    [InlineData(-7, 2, -4)]
    [InlineData(5, -2, -2)]
    [InlineData(1, 3, 0)]
    [InlineData(2, 3, 1)]
    [InlineData(-2, 3, -1)]
    [InlineData(9, 3, 3)]
    public void Division_rounds_half_to_even_like_Math_Round(long numerator, long divisor, long expected)
    {
        Assert.Equal((Int128)expected, FixedPoint.DivideRounded(numerator, divisor));
        Assert.Equal((decimal)expected, Math.Round((decimal)numerator / divisor, 0));
    }

    [Theory]
    [InlineData("112.390625", true)]
    [InlineData("-0.5", true)]
    [InlineData("100.0000000000000000", true)]
    [InlineData("0.000000000001", true)]
    [InlineData("0.0000000000001", false)]
    [InlineData("18000000", true)]
    [InlineData("19000000", false)]
    public void Prices_convert_exactly_or_are_refused(string text, bool fits)
    {
        var price = decimal.Parse(text, CultureInfo.InvariantCulture);

        Assert.Equal(fits, FixedPoint.TryFromDecimal(price, out var units));
        if (fits)
        {
            Assert.Equal(price, FixedPoint.ToDecimal(units));
        }
    }

    [Fact]
    public void Converted_values_carry_no_trailing_zeros()
    {
        Assert.True(FixedPoint.TryFromDecimal(112.50m, out var units));

        Assert.Equal("112.5", FixedPoint.ToDecimal(units).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("-3", FixedPoint.ToDecimal(-3_000_000_000_000).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0", FixedPoint.ToDecimal(0).ToString(CultureInfo.InvariantCulture));
    }
}
