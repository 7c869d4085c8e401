using Frgm.Domain.Positions;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Positions;

public sealed class MarksAndGreeksTests
{
    [Fact]
    public void Without_a_market_price_the_latest_EOD_settlement_is_the_mark()
    {
        // Settlements 111 (11-18) and 112 (11-19): 11-19 is latest. Unrealized = 1000 × 2 × (112 − 110.5) = 3000.
        var inputs = Inputs(
            sod: [Sod("A", "ZNZ6", 2, 110.5m)],
            eod: [Eod(Yesterday, "OTHER", "ZNZ6", 112m), Eod(Yesterday.AddDays(-1), "A", "ZNZ6", 111m)]);

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal(112m, position.MarkPrice);
        Assert.Equal((3000m, 3000m), (position.UnrealizedPnl, position.DayPnl));
    }

    [Fact]
    public void A_market_price_wins_over_the_settlement()
    {
        var inputs = Inputs(
            sod: [Sod("A", "ZNZ6", 2, 110.5m)],
            prices: Prices(("ZNZ6", 113m)),
            eod: [Eod(Yesterday, "A", "ZNZ6", 112m)]);

        Assert.Equal(113m, Assert.Single(PositionEngine.Compute(inputs)).MarkPrice);
    }

    [Fact]
    public void EOD_rows_dated_after_the_business_date_are_not_used()
    {
        var inputs = Inputs(
            sod: [Sod("A", "ZNZ6", 2, 110.5m)],
            eod: [Eod(Today.AddDays(1), "A", "ZNZ6", 150m, delta: 9m), Eod(Yesterday, "A", "ZNZ6", 112m, delta: 1m)]);

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((112m, 2m), (position.MarkPrice, position.Delta));
    }

    [Fact]
    public void With_no_mark_at_all_unrealized_and_day_are_null_but_realized_is_known()
    {
        // SOD 5 @ 100, SELL 2 @ 101: realized (101 − 100) × 2 × 1000 = 2000 needs no mark.
        var inputs = Inputs(sod: [Sod("A", "ZNZ6", 5, 100m)], trades: [Trade("t", "A", "ZNZ6", -2, 101m)]);

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Null(position.MarkPrice);
        Assert.Equal(2000m, position.RealizedPnl);
        Assert.Null(position.UnrealizedPnl);
        Assert.Null(position.DayPnl);
        Assert.Equal((3L, 100m), (position.NetQty, position.AvgPrice));
    }

    [Fact]
    public void An_unknown_instrument_gets_a_position_but_no_pnl()
    {
        var inputs = Inputs(
            sod: [Sod("A", "XYZ9", 5, 100m)],
            trades: [Trade("t", "A", "XYZ9", -2, 101m)],
            prices: Prices(("XYZ9", 102m)),
            eod: [Eod(Yesterday, "A", "XYZ9", 99m, delta: 0.5m)]);

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((3L, 100m, 102m), (position.NetQty, position.AvgPrice, position.MarkPrice));
        Assert.Null(position.RealizedPnl);
        Assert.Null(position.UnrealizedPnl);
        Assert.Null(position.DayPnl);
        Assert.Equal(1.5m, position.Delta);
    }

    [Fact]
    public void Greeks_come_from_the_same_accounts_row_when_it_exists()
    {
        var inputs = Inputs(
            sod: [Sod("A", "OZN Z6 C112.5", 10, 0.5m)],
            eod: [Eod(Yesterday, "B", "OZN Z6 C112.5", 0.5m, 0.9m, 0.9m, 0.9m, 0.9m), Eod(Yesterday, "A", "OZN Z6 C112.5", 0.5m, 0.4m, 0.2m, 0.1m, -0.01m)]);

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((4m, 2m, 1m, -0.1m), (position.Delta, position.Gamma, position.Vega, position.Theta));
    }

    [Fact]
    public void Greeks_fall_back_to_another_accounts_row_of_that_date()
    {
        var inputs = Inputs(
            sod: [Sod("A", "OZN Z6 C112.5", -10, 0.5m)],
            eod: [Eod(Yesterday, "B", "OZN Z6 C112.5", 0.5m, 0.45m, 0.2m, 0.06m, -0.01m), Eod(Yesterday, "C", "OZN Z6 C112.5", 0.5m, 0.99m)]);

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((-4.5m, -2m, -0.6m, 0.1m), (position.Delta, position.Gamma, position.Vega, position.Theta));
    }

    [Fact]
    public void The_latest_EOD_date_wins_over_an_older_row_of_the_same_account()
    {
        // 11-19 has only account B's row; the 11-18 row of account A is older and loses.
        var inputs = Inputs(
            sod: [Sod("A", "OZN Z6 C112.5", 10, 0.5m)],
            eod: [Eod(Yesterday.AddDays(-1), "A", "OZN Z6 C112.5", 0.4m, 0.3m), Eod(Yesterday, "B", "OZN Z6 C112.5", 0.5m, 0.5m)]);

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal(5m, position.Delta);
        Assert.Equal(0.5m, position.MarkPrice);
    }

    [Fact]
    public void Greeks_are_zero_without_any_EOD_row()
    {
        var position = Assert.Single(PositionEngine.Compute(Inputs(sod: [Sod("A", "ZNZ6", 10, 100m)])));

        Assert.Equal((0m, 0m, 0m, 0m), (position.Delta, position.Gamma, position.Vega, position.Theta));
    }
}
