using Frgm.Domain.Positions;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Positions;

public sealed class TradeSequencingTests
{
    [Fact]
    public void A_repeated_trade_id_is_ignored_and_the_first_one_wins()
    {
        // BUY 10 @ 100 counts; the repeat (even with another quantity and price) does not.
        var inputs = Inputs(
            trades: [Trade("T1", "A", "ESZ6", 10, 100m), Trade("T1", "A", "ESZ6", 99, 1m), Trade("T1", "A", "ESZ6", 10, 100m)],
            prices: Prices(("ESZ6", 101m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((10L, 100m), (position.NetQty, position.AvgPrice));
        Assert.Equal(500m, position.DayPnl); // 50 × 10 × (101 − 100)
    }

    [Fact]
    public void Trades_are_applied_in_exec_time_order_not_file_order()
    {
        // In time order: BUY 10 @ 100 (09:00), SELL 10 @ 110 (10:00) → realized (110 − 100) × 10 × 50 = 5000.
        // In file order the SELL would open a short at 110 and the BUY would cover it at 100: realized −5000.
        var inputs = Inputs(
            trades: [Trade("late", "A", "ESZ6", -10, 110m, At(10, 0, 0)), Trade("early", "A", "ESZ6", 10, 100m, At(9, 0, 0))],
            prices: Prices(("ESZ6", 105m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal(5000m, position.RealizedPnl);
    }

    [Fact]
    public void Trades_without_exec_time_go_last_and_equal_times_keep_input_order()
    {
        // Applied order: a, b, c (all 09:00, input order), then the untimed d although it comes first in the file.
        // a BUY 2 @ 100, b BUY 2 @ 110 → 4 @ 105; c SELL 2 @ 120 → realized 15 × 2 × 50 = 1500; 2 @ 105 left;
        // d SELL 1 @ 100 → realized −5 × 1 × 50 = −250. Total 1250, 1 left @ 105.
        // d first would give avg 106.66…; c before a or b would give 2000 on c: both differ.
        var inputs = Inputs(
            trades:
            [
                Trade("d", "A", "ESZ6", -1, 100m),
                Trade("a", "A", "ESZ6", 2, 100m, At(9, 0, 0)),
                Trade("b", "A", "ESZ6", 2, 110m, At(9, 0, 0)),
                Trade("c", "A", "ESZ6", -2, 120m, At(9, 0, 0)),
            ],
            prices: Prices(("ESZ6", 100m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal((1L, 105m, 1250m), (position.NetQty, position.AvgPrice, position.RealizedPnl));
    }

    [Fact]
    public void Exec_times_in_other_offsets_are_ordered_in_UTC()
    {
        // 10:30+02:00 is 08:30Z, before 09:00Z: BUY 2 @ 100 first, then SELL 2 @ 101 → realized +100.
        var inputs = Inputs(
            trades:
            [
                Trade("s", "A", "ESZ6", -2, 101m, At(9, 0, 0)),
                Trade("b", "A", "ESZ6", 2, 100m, new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.FromHours(2))),
            ],
            prices: Prices(("ESZ6", 100m)));

        Assert.Equal(100m, Assert.Single(PositionEngine.Compute(inputs)).RealizedPnl);
    }

    [Fact]
    public void Rows_of_other_business_dates_are_left_out()
    {
        var inputs = Inputs(
            sod: [Sod("A", "ESZ6", 5, 100m), Sod("B", "ESZ6", 7, 100m) with { BusinessDate = Yesterday }],
            trades: [Trade("t1", "A", "ESZ6", 1, 100m), Trade("t2", "A", "ESZ6", 100, 100m, date: Yesterday), Trade("t3", "C", "ESZ6", 3, 1m, date: Yesterday)],
            prices: Prices(("ESZ6", 100m)));

        var position = Assert.Single(PositionEngine.Compute(inputs));

        Assert.Equal(("A", 6L), (position.AccountId, position.NetQty));
    }

    [Fact]
    public void A_position_exists_for_a_trade_without_SOD_and_for_SOD_without_trades()
    {
        var inputs = Inputs(
            sod: [Sod("A", "ESZ6", 0, 100m)],
            trades: [Trade("t1", "B", "ZNZ6", -3, 112m)],
            prices: Prices(("ESZ6", 100m), ("ZNZ6", 112m)));

        var positions = PositionEngine.Compute(inputs);

        var flatSod = Single(positions, "A", "ESZ6");
        Assert.Equal((0L, 100m, 0L, (decimal?)null), (flatSod.SodQty, flatSod.SodPrice, flatSod.NetQty, flatSod.AvgPrice));
        var noSod = Single(positions, "B", "ZNZ6");
        Assert.Equal((0L, (decimal?)null, -3L, 112m), (noSod.SodQty, noSod.SodPrice, noSod.NetQty, noSod.AvgPrice));
    }

    [Fact]
    public void No_inputs_no_positions()
    {
        Assert.Empty(PositionEngine.Compute(Inputs()));
    }
}
