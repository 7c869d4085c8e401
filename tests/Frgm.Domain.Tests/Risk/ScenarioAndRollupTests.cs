using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using Frgm.Domain.Risk;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Risk;

public sealed class ScenarioAndRollupTests
{
    private const double Rate = 0.04;
    private static readonly DateOnly Expiry = new(2026, 12, 24);
    private static readonly DateTimeOffset PriceTime = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly double T = (new DateTimeOffset(2026, 12, 24, 21, 0, 0, TimeSpan.Zero) - PriceTime).TotalDays / 365.0;

    private static readonly InstrumentCatalog Catalog = new(
    [
        new Instrument("ZNZ6", "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", new DateOnly(2026, 12, 19)),
        new Instrument("ZNH7", "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNH7", new DateOnly(2027, 3, 19)),
        new Instrument("OZN C113", "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", Expiry, OptionRight.Call, 113m),
        new Instrument("OZN P111", "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", Expiry, OptionRight.Put, 111m),
        new Instrument("OZN EODONLY", "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", Expiry, OptionRight.Call, 114m),
        new Instrument("ESZ6", "ES", "XCME", 50m, 0.25m, "USD", "ESZ6", new DateOnly(2026, 12, 18)),
    ]);

    private static readonly double CallPrice = IndependentBlack76.Price(true, 112.25, 113, T, 0.06, Rate);
    private static readonly double PutPrice = IndependentBlack76.Price(false, 112.25, 111, T, 0.075, Rate);

    private static (IReadOnlyList<Position> Positions, RiskContext Context) Book()
    {
        var prices = Prices(("ZNZ6", 112.25m), ("ZNH7", 111.5m), ("ESZ6", 6000m), ("OZN C113", (decimal)CallPrice), ("OZN P111", (decimal)PutPrice));
        var inputs = Inputs(
            sod:
            [
                Sod("A", "ZNZ6", -20, 112m), Sod("A", "OZN C113", 50, 0.4m), Sod("A", "OZN P111", -30, 0.3m),
                Sod("A", "OZN EODONLY", 10, 0.2m), Sod("A", "ESZ6", 3, 5990m), Sod("B", "OZN C113", 5, 0.4m), Sod("A", "ZNH7", 2, 111m),
            ],
            prices: prices,
            eod:
            [
                Eod(Yesterday, "A", "OZN EODONLY", 0.2m, delta: 0.3m, gamma: 0.25m, vega: 0.08m, theta: -0.01m),
                Eod(Yesterday, "A", "ZNZ6", 112m, delta: 1m),
            ],
            instruments: Catalog) with { Rate = Rate };
        return (PositionEngine.Compute(inputs), new RiskContext(Catalog, prices, Rate));
    }

    [Fact]
    public void Each_cell_is_the_full_revaluation_of_the_book_computed_independently()
    {
        var (positions, context) = Book();
        var u = ScenarioMatrix.DefaultUnderlyingShifts;
        var v = ScenarioMatrix.DefaultVolShifts;

        var rows = ScenarioMatrix.Compute(positions, context, u, v);

        var zn = Assert.Single(rows, r => r.AccountId == "A" && r.Underlying == "ZNZ6");
        var callVol = context.For(positions.First(p => p.Ticker == "OZN C113")).Model!.ImpliedVolatility;
        var putVol = context.For(positions.Single(p => p.Ticker == "OZN P111")).Model!.ImpliedVolatility;
        Assert.Equal(0.06, callVol, 6);
        Assert.Equal(0.075, putVol, 6);
        for (var i = 0; i < u.Count; i++)
        {
            for (var j = 0; j < v.Count; j++)
            {
                var f = 112.25 * (1 + (u[i] / 100));
                var df = f - 112.25;
                var dv = v[j];
                var future = -20 * 1000 * df;
                var call = 50 * 1000 * (IndependentBlack76.Price(true, f, 113, T, callVol + (dv / 100), Rate) - IndependentBlack76.Price(true, 112.25, 113, T, callVol, Rate));
                var put = -30 * 1000 * (IndependentBlack76.Price(false, f, 111, T, putVol + (dv / 100), Rate) - IndependentBlack76.Price(false, 112.25, 111, T, putVol, Rate));
                var eodOnly = 1000 * ((10 * 0.3 * df) + (0.5 * 10 * 0.25 * df * df) + (10 * 0.08 * dv));
                Assert.Equal(future + call + put + eodOnly, zn.Cells[i][j], 4);
            }
        }

        // The centre cell (no shift) is zero; a long call book gains from vol.
        Assert.Equal(0, zn.Cells[4][1], 6);
        var b = Assert.Single(rows, r => r.AccountId == "B");
        Assert.True(b.Cells[4][2] > 0 && b.Cells[4][0] < 0);
    }

    [Fact]
    public void Futures_are_linear_and_blind_to_volatility()
    {
        var (positions, context) = Book();

        var es = Assert.Single(ScenarioMatrix.Compute(positions, context, [-5, 5], [-5, 0, 5]), r => r.Underlying == "ESZ6");

        Assert.Equal(new[] { -3 * 50 * 300.0, -3 * 50 * 300.0, -3 * 50 * 300.0 }, es.Cells[0]);
        Assert.Equal(new[] { 3 * 50 * 300.0, 3 * 50 * 300.0, 3 * 50 * 300.0 }, es.Cells[1]);
    }

    [Fact]
    public void A_vol_shift_below_zero_volatility_revalues_at_intrinsic()
    {
        var (positions, context) = Book();

        var b = Assert.Single(ScenarioMatrix.Compute(positions, context, [0], [-50]), r => r.AccountId == "B");

        // 5 OTM calls lose all their time value: 5 × 1000 × (0 − price).
        Assert.Equal(-5 * 1000 * CallPrice, b.Cells[0][0], 4);
    }

    [Fact]
    public void Rollup_groups_product_underlying_expiry_contract_and_sums_each_level()
    {
        var (positions, context) = Book();

        var groups = RiskRollup.Build(positions, context);

        Assert.Equal(["ES", "ZN"], groups.Select(g => g.Key));
        var zn = groups[1];
        Assert.Equal("product", zn.Level);
        Assert.Equal(["ZNH7", "ZNZ6"], zn.Children.Select(c => c.Key));
        var znz6 = zn.Children[1];
        Assert.Equal(["2026-12-19", "2026-12-24"], znz6.Children.Select(c => c.Key));
        var options = znz6.Children[1];
        Assert.Equal("expiry", options.Level);
        Assert.Equal(["OZN C113", "OZN EODONLY", "OZN P111"], options.Children.Select(c => c.Key));
        var call = options.Children[0];
        Assert.Equal(("contract", 55L), (call.Level, call.NetQty)); // A 50 + B 5
        var znPositions = positions.Where(p => p.Ticker != "ESZ6").ToList();
        Assert.Equal(znPositions.Sum(p => p.Delta), zn.Delta);
        Assert.Equal(znPositions.Sum(p => p.Vega), zn.Vega);
        Assert.Equal(znPositions.Sum(p => p.DayPnl!.Value), zn.DayPnl);
        Assert.Equal(znPositions.Sum(p => p.RealizedPnl!.Value) + znPositions.Sum(p => p.UnrealizedPnl!.Value), zn.DayPnl);

        // Delta-adjusted notional: delta (underlying contracts) × underlying price × multiplier.
        var callPositions = positions.Where(p => p.Ticker == "OZN C113").ToList();
        Assert.Equal(callPositions.Sum(p => p.Delta) * 112.25m * 1000m, call.DeltaNotional);
        Assert.Equal(-20m * 112.25m * 1000m, znz6.Children[0].DeltaNotional);
    }

    [Fact]
    public void An_unknown_instrument_is_its_own_underlying_under_an_unknown_product()
    {
        var positions = PositionEngine.Compute(Inputs(sod: [Sod("A", "MYSTERY", 1, 1m)], instruments: Catalog));

        var group = Assert.Single(RiskRollup.Build(positions, new RiskContext(Catalog, new Dictionary<string, MarketPrice>(), Rate)));

        Assert.Equal((RiskRollup.UnknownProduct, "MYSTERY", RiskRollup.NoExpiry), (group.Key, group.Children[0].Key, group.Children[0].Children[0].Key));
        Assert.Null(group.DayPnl);
        Assert.Null(group.DeltaNotional);
    }
}
