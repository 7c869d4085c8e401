using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Positions;

public sealed class SummarizeAndRestateTests
{
    [Fact]
    public void Sample_accounts_roll_up_pnl_exposure_and_greeks()
    {
        var positions = PositionEngine.Compute(SampleInputs);

        var accounts = PositionEngine.Summarize(positions, SampleInstruments, []);

        Assert.Equal(["HEDGE", "MM1"], accounts.Select(a => a.AccountId).ToArray());
        var mm1 = accounts[1];
        // day −2578.125 + 4062.5 + 937.5; realized −703.125 + 937.5 + 0; unrealized −1875 + 3125 + 937.5.
        Assert.Equal((3, 2421.875m, 234.375m, 2187.5m), (mm1.Positions, mm1.DayPnl, mm1.RealizedPnl, mm1.UnrealizedPnl));
        // exposures: ZN −30 × 112.421875 × 1000 = −3,372,656.25; call 100 × 0.546875 × 1000 = 54,687.5;
        // put −60 × 0.109375 × 1000 = −6,562.5. gross = 3,433,906.25; net = −3,324,531.25.
        Assert.Equal((3_433_906.25m, -3_324_531.25m), (mm1.GrossExposure, mm1.NetExposure));
        // delta −30 + 48 + 7.2; gamma 0 + 21 − 5.4; vega 0 + 6.2 − 1.86; theta 0 − 1.1 + 0.36.
        Assert.Equal((25.2m, 15.6m, 4.34m, -0.74m), (mm1.Delta, mm1.Gamma, mm1.Vega, mm1.Theta));
        var hedge = accounts[0];
        // ES: 2 × 6021.25 × 50 = 602,125 both gross and net.
        Assert.Equal((1, 1900m, 825m, 1075m), (hedge.Positions, hedge.DayPnl, hedge.RealizedPnl, hedge.UnrealizedPnl));
        Assert.Equal((602_125m, 602_125m, 2m), (hedge.GrossExposure, hedge.NetExposure, hedge.Delta));
        Assert.Equal(Today, hedge.BusinessDate);
    }

    [Fact]
    public void Unknown_values_are_left_out_of_sums_and_all_unknown_is_null()
    {
        // A: ES long 2, mark 101 → exposure 2 × 101 × 50 = 10,100, day 50 × 2 × 1 = 100; XYZ9 unknown → left out.
        // B: only an unknown instrument → every P&L and exposure total is null.
        var inputs = Inputs(
            sod: [Sod("A", "ESZ6", 2, 100m), Sod("A", "XYZ9", 5, 10m), Sod("B", "XYZ9", 1, 10m)],
            prices: Prices(("ESZ6", 101m), ("XYZ9", 11m)));

        var accounts = PositionEngine.Summarize(PositionEngine.Compute(inputs), SampleInstruments, []);

        var a = accounts.Single(s => s.AccountId == "A");
        Assert.Equal((2, 100m, 0m, 100m, 10_100m, 10_100m), (a.Positions, a.DayPnl, a.RealizedPnl, a.UnrealizedPnl, a.GrossExposure, a.NetExposure));
        var b = accounts.Single(s => s.AccountId == "B");
        Assert.Equal(1, b.Positions);
        Assert.Null(b.DayPnl);
        Assert.Null(b.RealizedPnl);
        Assert.Null(b.UnrealizedPnl);
        Assert.Null(b.GrossExposure);
        Assert.Null(b.NetExposure);
    }

    [Fact]
    public void Active_alarms_count_open_alarms_of_the_account_only()
    {
        var positions = PositionEngine.Compute(SampleInputs);
        Alarm AlarmFor(string? account, AlarmState state) => new(
            Guid.NewGuid().ToString("N"), AlarmType.PositionLimit, AlarmSeverity.Warning, state, account, "ZNZ6",
            "m", 1, 1, Now, Now, null, state == AlarmState.Cleared ? Now : null);

        var accounts = PositionEngine.Summarize(
            positions,
            SampleInstruments,
            [AlarmFor("MM1", AlarmState.Active), AlarmFor("MM1", AlarmState.Acknowledged), AlarmFor("MM1", AlarmState.Cleared), AlarmFor(null, AlarmState.Active)]);

        Assert.Equal(2, accounts.Single(a => a.AccountId == "MM1").ActiveAlarms);
        Assert.Equal(0, accounts.Single(a => a.AccountId == "HEDGE").ActiveAlarms);
    }

    [Fact]
    public void Restating_SOD_replaces_only_the_accounts_the_new_file_names()
    {
        var current = SampleSod;
        IReadOnlyList<SodRow> incoming = [Sod("MM1", "ZNZ6", -10, 112.5m)];

        var restated = PositionEngine.Restate(current, incoming);

        Assert.Equal(
            [("HEDGE", "ESZ6", 4L), ("MM1", "ZNZ6", -10L)],
            restated.Select(r => (r.Account, r.Instrument, r.Position)).ToArray());
        var positions = PositionEngine.Compute(Inputs(restated, SampleTrades, SamplePrices, SampleEod));
        Assert.Equal(0, positions.Count(p => p.AccountId == "MM1" && p.Ticker.StartsWith("OZN", StringComparison.Ordinal) && p.SodQty != 0));
        Assert.Equal(-10 + 15 - 5, Single(positions, "MM1", "ZNZ6").NetQty);
    }

    [Fact]
    public void Restating_one_date_keeps_other_dates_rows()
    {
        IReadOnlyList<SodRow> current = [Sod("MM1", "ZNZ6", -40, 112m) with { BusinessDate = Yesterday }, Sod("MM1", "ZNZ6", -40, 112m)];

        var restated = PositionEngine.Restate(current, [Sod("MM1", "ESZ6", 1, 6000m)]);

        Assert.Equal(
            [(Yesterday, "ZNZ6"), (Today, "ESZ6")],
            restated.Select(r => (r.BusinessDate, r.Instrument)).ToArray());
    }
}
