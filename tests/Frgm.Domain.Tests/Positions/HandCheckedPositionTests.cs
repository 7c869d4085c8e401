using Frgm.Domain.Positions;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Positions;

/// <summary>Every expected number below is worked out by hand in the comments, not taken from the engine.</summary>
public sealed class HandCheckedPositionTests
{
    [Fact]
    public void Issue_case_short_ZN_covered_then_added_to()
    {
        // SOD −40 @ 112.34375. BUY 15 @ 112.390625 covers 15 of the short at the average:
        //   realized = (112.34375 − 112.390625) × 15 × 1000 = −0.046875 × 15000 = −703.125; now −25 @ 112.34375.
        // SELL 5 @ 112.4375 adds to the short: avg = (25 × 112.34375 + 5 × 112.4375) / 30
        //   = (2808.59375 + 562.1875) / 30 = 3370.78125 / 30 = 112.359375.
        // unrealized = 1000 × −30 × (112.421875 − 112.359375) = −30 × 0.0625 × 1000 = −1875.
        // day = 1000 × (−40 × 0.078125 + 15 × 0.03125 − 5 × −0.015625) = 1000 × (−3.125 + 0.46875 + 0.078125) = −2578.125.
        var inputs = Inputs(
            [Sod("MM1", "ZNZ6", -40, 112.34375m)],
            [Trade("T-1001", "MM1", "ZNZ6", 15, 112.390625m), Trade("T-1002", "MM1", "ZNZ6", -5, 112.4375m)],
            Prices(("ZNZ6", 112.421875m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal(-40, position.SodQty);
        Assert.Equal(112.34375m, position.SodPrice);
        Assert.Equal(-30, position.NetQty);
        Assert.Equal(112.359375m, position.AvgPrice);
        Assert.Equal(112.421875m, position.MarkPrice);
        Assert.Equal(-703.125m, position.RealizedPnl);
        Assert.Equal(-1875m, position.UnrealizedPnl);
        Assert.Equal(-2578.125m, position.DayPnl);
        Assert.Equal(Today, position.BusinessDate);
        Assert.Equal(Now, position.UpdatedAt);
    }

    [Fact]
    public void Sample_day_gives_four_positions_in_account_then_ticker_order()
    {
        var positions = PositionEngine.Compute(SampleInputs);

        Assert.Equal(
            [("HEDGE", "ESZ6"), ("MM1", "OZN Z6 C112.5"), ("MM1", "OZN Z6 P110"), ("MM1", "ZNZ6")],
            positions.Select(p => (p.AccountId, p.Ticker)).ToArray());
    }

    [Fact]
    public void Sample_MM1_ZNZ6_matches_the_issue_and_takes_delta_from_EOD()
    {
        var zn = Single(PositionEngine.Compute(SampleInputs), "MM1", "ZNZ6");

        Assert.Equal((-30L, 112.359375m, -703.125m, -1875m, -2578.125m), (zn.NetQty, zn.AvgPrice, zn.RealizedPnl, zn.UnrealizedPnl, zn.DayPnl));
        // EOD delta 1 per contract × −30; the other Greeks are 0 in the file.
        Assert.Equal((-30m, 0m, 0m, 0m), (zn.Delta, zn.Gamma, zn.Vega, zn.Theta));
    }

    [Fact]
    public void Sample_MM1_call_partly_sold_out_of_a_long()
    {
        // SOD 120 @ 0.515625; SELL 20 @ 0.5625 reduces the long:
        //   realized = (0.5625 − 0.515625) × 20 × 1000 = 0.046875 × 20000 = 937.5; 100 left @ 0.515625.
        // unrealized = 1000 × 100 × (0.546875 − 0.515625) = 100000 × 0.03125 = 3125.
        // day = 1000 × (120 × 0.03125 + (−20) × (0.546875 − 0.5625)) = 1000 × (3.75 + 0.3125) = 4062.5.
        // Greeks × 100: delta 0.48 → 48, gamma 0.21 → 21, vega 0.062 → 6.2, theta −0.011 → −1.1.
        var call = Single(PositionEngine.Compute(SampleInputs), "MM1", "OZN Z6 C112.5");

        Assert.Equal((120L, 0.515625m, 100L, 0.515625m), (call.SodQty, call.SodPrice, call.NetQty, call.AvgPrice));
        Assert.Equal((937.5m, 3125m, 4062.5m), (call.RealizedPnl, call.UnrealizedPnl, call.DayPnl));
        Assert.Equal((48m, 21m, 6.2m, -1.1m), (call.Delta, call.Gamma, call.Vega, call.Theta));
    }

    [Fact]
    public void Sample_MM1_put_short_with_no_trades()
    {
        // SOD −60 @ 0.125, no trades, mark 0.109375:
        //   unrealized = day = 1000 × −60 × (0.109375 − 0.125) = −60000 × −0.015625 = 937.5; realized 0.
        // Greeks × −60: delta −0.12 → 7.2, gamma 0.09 → −5.4, vega 0.031 → −1.86, theta −0.006 → 0.36.
        var put = Single(PositionEngine.Compute(SampleInputs), "MM1", "OZN Z6 P110");

        Assert.Equal((-60L, 0.125m, 0.109375m), (put.NetQty, put.AvgPrice, put.MarkPrice));
        Assert.Equal((0m, 937.5m, 937.5m), (put.RealizedPnl, put.UnrealizedPnl, put.DayPnl));
        Assert.Equal((7.2m, -5.4m, -1.86m, 0.36m), (put.Delta, put.Gamma, put.Vega, put.Theta));
    }

    [Fact]
    public void Sample_HEDGE_ES_sold_out_of_a_long_with_multiplier_50()
    {
        // SOD 4 @ 6010.50; SELL 2 @ 6018.75: realized = (6018.75 − 6010.5) × 2 × 50 = 8.25 × 100 = 825.
        // unrealized = 50 × 2 × (6021.25 − 6010.5) = 100 × 10.75 = 1075.
        // day = 50 × (4 × 10.75 − 2 × (6021.25 − 6018.75)) = 50 × (43 − 5) = 1900; delta 2 × 1 = 2.
        var es = Single(PositionEngine.Compute(SampleInputs), "HEDGE", "ESZ6");

        Assert.Equal((2L, 6010.5m, 6021.25m), (es.NetQty, es.AvgPrice, es.MarkPrice));
        Assert.Equal((825m, 1075m, 1900m), (es.RealizedPnl, es.UnrealizedPnl, es.DayPnl));
        Assert.Equal(2m, es.Delta);
    }

    [Fact]
    public void Crossing_zero_closes_at_the_average_and_opens_the_rest_at_the_trade_price()
    {
        // SOD 10 @ 100, SELL 25 @ 103: close 10 → realized (103 − 100) × 10 × 1000 = 30000; open −15 @ 103.
        // mark 101: unrealized = 1000 × −15 × (101 − 103) = 30000; day = 1000 × (10 × 1 − 25 × (101 − 103)) = 60000.
        var inputs = Inputs([Sod("A", "ZNZ6", 10, 100m)], [Trade("X1", "A", "ZNZ6", -25, 103m)], Prices(("ZNZ6", 101m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((-15L, 103m), (position.NetQty, position.AvgPrice));
        Assert.Equal((30000m, 30000m, 60000m), (position.RealizedPnl, position.UnrealizedPnl, position.DayPnl));
    }

    [Fact]
    public void Closing_flat_leaves_no_average_and_no_unrealized()
    {
        // BUY 3 @ 100 then SELL 3 @ 99 (no SOD): realized = (99 − 100) × 3 × 50 = −150; flat.
        var inputs = Inputs(
            trades: [Trade("F1", "A", "ESZ6", 3, 100m, At(10, 0, 0)), Trade("F2", "A", "ESZ6", -3, 99m, At(10, 0, 1))],
            prices: Prices(("ESZ6", 120m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((0L, 0L, (decimal?)null), (position.SodQty, position.NetQty, position.AvgPrice));
        Assert.Null(position.SodPrice);
        Assert.Equal((-150m, 0m, -150m), (position.RealizedPnl, position.UnrealizedPnl, position.DayPnl));
    }

    [Fact]
    public void A_non_terminating_average_is_rounded_yet_the_pnl_identity_is_exact()
    {
        // BUY 1 @ 100, BUY 2 @ 100.1: avg = 300.2 / 3 = 100.0666…; SELL 1 @ 101 realizes ≈ 0.9333… × 1000.
        var inputs = Inputs(
            trades:
            [
                Trade("R1", "A", "ZNZ6", 1, 100m, At(9, 0, 0)),
                Trade("R2", "A", "ZNZ6", 2, 100.1m, At(9, 0, 1)),
                Trade("R3", "A", "ZNZ6", -1, 101m, At(9, 0, 2)),
            ],
            prices: Prices(("ZNZ6", 100.5m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal(100.066666666667m, position.AvgPrice);
        Assert.InRange(position.RealizedPnl!.Value, 933.333333m, 933.333334m);
        // day = 1000 × (1 × 0.5 + 2 × 0.4 − 1 × (−0.5)) = 1800, exactly.
        Assert.Equal(1800m, position.DayPnl);
        Assert.Equal(position.DayPnl, position.RealizedPnl + position.UnrealizedPnl);
    }
}
