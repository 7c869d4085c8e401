using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using Frgm.Domain.Risk;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Risk;

/// <summary>Positions of options with model terms and live prices carry Black-76 Greeks at the implied volatility.</summary>
public sealed class ModelGreeksTests
{
    private const double Rate = 0.04;
    private const string Call = "OZN F7 C113";
    private const string Put = "OZN F7 P113";
    private static readonly DateOnly Expiry = new(2026, 12, 24);
    private static readonly DateTimeOffset PriceTime = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    private static readonly InstrumentCatalog Catalog = new(
    [
        new Instrument("ZNZ6", "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", new DateOnly(2026, 12, 19)),
        new Instrument(Call, "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", Expiry, OptionRight.Call, 113m),
        new Instrument(Put, "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", Expiry, OptionRight.Put, 113m),
        new Instrument("OZN NOTERMS", "ZN", "XCME", 1000m, 0.015625m, "USD", "ZNZ6", null, OptionRight.Call, 113m),
    ]);

    // 34 days 6.5 hours from the price time to the expiry close (21:00 UTC), in years of 365 days.
    private static readonly double T = (new DateTimeOffset(2026, 12, 24, 21, 0, 0, TimeSpan.Zero) - PriceTime).TotalDays / 365.0;

    private static PositionInputs WithMarket(decimal future, decimal call, decimal put, params SodRow[] sod) =>
        Inputs(sod: sod, prices: Prices(("ZNZ6", future), (Call, call), (Put, put)), instruments: Catalog) with { Rate = Rate };

    [Fact]
    public void Model_greeks_match_the_closed_form_at_the_volatility_implied_by_the_live_price()
    {
        // The call's market price is the closed form at 6.2 % vol (rounded to the cent of a point): the implied vol is ~6.2 %.
        var price = Math.Round(IndependentBlack76.Price(true, 112.25, 113, T, 0.062, Rate), 6);
        var inputs = WithMarket(112.25m, (decimal)price, 1.2m, Sod("A", Call, 10, 0.5m));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal(GreeksSource.Model, position.GreeksSource);
        var model = OptionModel.Calibrate(Catalog.All.Single(i => i.Key == Call), inputs.LatestPrices, Rate)!;
        Assert.Equal(0.062, model.ImpliedVolatility, 5);
        var sigma = model.ImpliedVolatility;
        Assert.Equal(10 * IndependentBlack76.Delta(true, 112.25, 113, T, sigma, Rate), (double)position.Delta, 9);
        Assert.Equal(10 * IndependentBlack76.Gamma(112.25, 113, T, sigma, Rate), (double)position.Gamma, 8);
        Assert.Equal(10 * IndependentBlack76.Vega(112.25, 113, T, sigma, Rate) / 100, (double)position.Vega, 9);
    }

    [Fact]
    public void Delta_gamma_vega_and_theta_are_finite_differences_of_the_price()
    {
        var price = IndependentBlack76.Price(false, 112.25, 113, T, 0.07, Rate);
        var inputs = WithMarket(112.25m, 0.9m, (decimal)price, Sod("A", Put, 1, 1m));
        var p = Assert.Single(PositionEngine.Compute(inputs));
        var sigma = 0.07;
        const double h = 1e-3;

        double V(double f, double t, double s) => IndependentBlack76.Price(false, f, 113, t, s, Rate);
        var delta = (V(112.25 + h, T, sigma) - V(112.25 - h, T, sigma)) / (2 * h);
        var gamma = (V(112.25 + h, T, sigma) - (2 * V(112.25, T, sigma)) + V(112.25 - h, T, sigma)) / (h * h);
        var vegaPerPoint = (V(112.25, T, sigma + 0.0001) - V(112.25, T, sigma - 0.0001)) / 0.0002 / 100;
        // Theta is −∂V/∂T per calendar day: a central difference in T, scaled from years to days.
        var thetaPerDay = (V(112.25, T - 1e-5, sigma) - V(112.25, T + 1e-5, sigma)) / 2e-5 / 365;

        Assert.Equal(GreeksSource.Model, p.GreeksSource);
        Assert.Equal(delta, (double)p.Delta, 6);
        Assert.Equal(gamma, (double)p.Gamma, 3);
        Assert.Equal(vegaPerPoint, (double)p.Vega, 6);
        Assert.Equal(thetaPerDay, (double)p.Theta, 4);
    }

    [Fact]
    public void Call_and_put_deltas_obey_put_call_parity()
    {
        // C − P = e^(−rT)(F − K) for every vol, so ∂C/∂F − ∂P/∂F = e^(−rT), whatever the two implied vols are.
        var call = IndependentBlack76.Price(true, 112.25, 113, T, 0.06, Rate);
        var put = IndependentBlack76.Price(false, 112.25, 113, T, 0.06, Rate);
        var inputs = WithMarket(112.25m, (decimal)call, (decimal)put, Sod("A", Call, 1, 0.5m), Sod("A", Put, 1, 0.5m));

        var positions = PositionEngine.Compute(inputs);

        var c = Single(positions, "A", Call);
        var p = Single(positions, "A", Put);
        Assert.Equal(Math.Exp(-Rate * T), (double)(c.Delta - p.Delta), 9);
        Assert.Equal((double)c.Gamma, (double)p.Gamma, 9);
        Assert.Equal((double)c.Vega, (double)p.Vega, 9);
    }

    [Fact]
    public void Without_a_live_option_price_or_model_terms_the_EOD_greeks_stand_and_otherwise_none()
    {
        var inputs = Inputs(
            sod: [Sod("A", Call, 10, 0.5m), Sod("A", "OZN NOTERMS", 10, 0.5m), Sod("A", Put, 10, 0.5m)],
            prices: Prices(("ZNZ6", 112.25m), ("OZN NOTERMS", 0.6m)),
            eod: [Eod(Yesterday, "A", Call, 0.5m, delta: 0.4m), Eod(Yesterday, "A", "OZN NOTERMS", 0.5m, delta: 0.45m)],
            instruments: Catalog) with { Rate = Rate };

        var positions = PositionEngine.Compute(inputs);

        Assert.Equal((GreeksSource.Eod, 4m), (Single(positions, "A", Call).GreeksSource, Single(positions, "A", Call).Delta));
        Assert.Equal((GreeksSource.Eod, 4.5m), (Single(positions, "A", "OZN NOTERMS").GreeksSource, Single(positions, "A", "OZN NOTERMS").Delta));
        Assert.Equal((GreeksSource.None, 0m), (Single(positions, "A", Put).GreeksSource, Single(positions, "A", Put).Delta));
    }

    [Fact]
    public void An_option_price_below_intrinsic_falls_back_to_EOD()
    {
        // Put K 113 with F 110: intrinsic ≈ 2.99; a price of 2 is impossible under Black-76.
        var inputs = WithMarket(110m, 0.1m, 2m, Sod("A", Put, 5, 2m)) with
        {
            EodRows = [Eod(Yesterday, "A", Put, 2m, delta: -0.9m)],
        };

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((GreeksSource.Eod, -4.5m), (position.GreeksSource, position.Delta));
    }

    [Fact]
    public void The_rate_setting_reaches_the_model()
    {
        var call = IndependentBlack76.Price(true, 112.25, 113, T, 0.06, 0.10);
        var atTen = Assert.Single(PositionEngine.Compute(WithMarket(112.25m, (decimal)call, 1m, Sod("A", Call, 100, 0.5m)) with { Rate = 0.10 }));
        var atZero = Assert.Single(PositionEngine.Compute(WithMarket(112.25m, (decimal)call, 1m, Sod("A", Call, 100, 0.5m)) with { Rate = 0.0 }));

        Assert.Equal(100 * IndependentBlack76.Delta(true, 112.25, 113, T, 0.06, 0.10), (double)atTen.Delta, 6);
        Assert.NotEqual(atTen.Delta, atZero.Delta);
    }

    [Fact]
    public void Accounts_and_DELTA_LIMIT_use_the_model_delta()
    {
        // 3,000 deep in-the-money calls: model delta ≈ 3,000 × e^(−rT) ≈ 2,989 > the 1,000 limit; the EOD row says 0.1
        // per contract (300, under the limit): the alarm must come from the model number.
        var call = IndependentBlack76.Price(true, 120, 113, T, 0.06, Rate);
        var inputs = WithMarket(120m, (decimal)call, 0.01m, Sod("A", Call, 3000, 7m)) with
        {
            EodRows = [Eod(Yesterday, "A", Call, 7m, delta: 0.1m)],
        };

        var positions = PositionEngine.Compute(inputs);
        var accounts = PositionEngine.Summarize(positions, Catalog, []);
        var conditions = AlarmRules.ForPositions(positions, accounts, Catalog, new AlarmThresholds());

        var position = Assert.Single(positions);
        Assert.Equal(GreeksSource.Model, position.GreeksSource);
        Assert.Equal(position.Delta, Assert.Single(accounts).Delta);
        var alarm = Assert.Single(conditions, c => c.Key.Type == AlarmType.DeltaLimit);
        Assert.Equal(Math.Abs(position.Delta), alarm.Value);
        Assert.InRange((double)position.Delta, 2900, 3000);
    }
}
