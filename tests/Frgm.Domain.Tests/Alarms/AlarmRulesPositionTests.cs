using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Alarms;

public sealed class AlarmRulesPositionTests
{
    private static IReadOnlyList<AlarmCondition> Evaluate(AlarmThresholds thresholds, params (string Account, string Ticker, long Qty)[] holdings)
    {
        var inputs = Inputs(
            sod: holdings.Select(h => Sod(h.Account, h.Ticker, h.Qty, 100m)).ToList(),
            prices: Prices(holdings.Select(h => (h.Ticker, 100m)).Distinct().ToArray()));
        var positions = PositionEngine.Compute(inputs);
        var accounts = PositionEngine.Summarize(positions, SampleInstruments, []);
        return AlarmRules.ForPositions(positions, accounts, SampleInstruments, thresholds);
    }

    private static AlarmCondition? Find(IReadOnlyList<AlarmCondition> conditions, AlarmType type, string? account, string? ticker) =>
        conditions.SingleOrDefault(c => c.Key == new AlarmKey(type, account, ticker));

    [Fact]
    public void Position_limit_breach_is_a_warning_and_critical_above_one_and_a_half_times()
    {
        var conditions = Evaluate(new AlarmThresholds(), ("A", "ZNZ6", 500), ("B", "ZNZ6", -501), ("C", "ZNZ6", 751), ("D", "ZNZ6", 750));

        Assert.Null(Find(conditions, AlarmType.PositionLimit, "A", "ZNZ6"));
        var b = Find(conditions, AlarmType.PositionLimit, "B", "ZNZ6")!;
        Assert.Equal((AlarmSeverity.Warning, 501m, 500m), (b.Severity, b.Value, b.Threshold));
        Assert.Contains("B is short 501 ZNZ6", b.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 500", b.Message, StringComparison.Ordinal);
        Assert.Equal(AlarmSeverity.Critical, Find(conditions, AlarmType.PositionLimit, "C", "ZNZ6")!.Severity);
        Assert.Equal(AlarmSeverity.Warning, Find(conditions, AlarmType.PositionLimit, "D", "ZNZ6")!.Severity);
    }

    [Fact]
    public void An_instrument_limit_wins_over_its_product_limit()
    {
        var thresholds = new AlarmThresholds { PositionLimits = { ["ZN"] = 100, ["ZNZ6"] = 300 } };

        var conditions = Evaluate(thresholds, ("A", "ZNZ6", 200), ("A", "OZN Z6 C112.5", 200), ("A", "ESZ6", 200));

        Assert.Null(Find(conditions, AlarmType.PositionLimit, "A", "ZNZ6"));
        var option = Find(conditions, AlarmType.PositionLimit, "A", "OZN Z6 C112.5")!;
        Assert.Equal(100m, option.Threshold);
        Assert.Contains("product ZN", option.Message, StringComparison.Ordinal);
        Assert.Null(Find(conditions, AlarmType.PositionLimit, "A", "ESZ6"));
    }

    [Fact]
    public void An_account_override_applies_to_that_account_only()
    {
        var thresholds = new AlarmThresholds { Accounts = { ["MM1"] = new AccountAlarmOverrides { PositionLimit = 50 } } };

        var conditions = Evaluate(thresholds, ("MM1", "ZNZ6", 60), ("HEDGE", "ZNZ6", 60));

        Assert.Equal(50m, Find(conditions, AlarmType.PositionLimit, "MM1", "ZNZ6")!.Threshold);
        Assert.Null(Find(conditions, AlarmType.PositionLimit, "HEDGE", "ZNZ6"));
    }

    [Fact]
    public void Account_entries_win_over_default_entries_and_instrument_over_product_within_the_account()
    {
        var thresholds = new AlarmThresholds
        {
            PositionLimits = { ["ZNZ6"] = 300 },
            Accounts =
            {
                ["MM1"] = new AccountAlarmOverrides { PositionLimit = 1000, PositionLimits = { ["ZN"] = 700, ["OZN Z6 P110"] = 20 } },
            },
        };

        var conditions = Evaluate(
            thresholds, ("MM1", "ZNZ6", 650), ("MM1", "OZN Z6 P110", 30), ("MM1", "ESZ6", 900), ("HEDGE", "ZNZ6", 301));

        Assert.Null(Find(conditions, AlarmType.PositionLimit, "MM1", "ZNZ6")); // account product ZN 700 beats default 300
        Assert.Equal(20m, Find(conditions, AlarmType.PositionLimit, "MM1", "OZN Z6 P110")!.Threshold);
        Assert.Null(Find(conditions, AlarmType.PositionLimit, "MM1", "ESZ6")); // account limit 1000
        Assert.Equal(300m, Find(conditions, AlarmType.PositionLimit, "HEDGE", "ZNZ6")!.Threshold);
    }

    [Fact]
    public void Loss_limit_is_critical_below_minus_the_limit_with_account_override()
    {
        var thresholds = new AlarmThresholds { LossLimit = 1000, Accounts = { ["B"] = new AccountAlarmOverrides { LossLimit = 5000 } } };
        AccountSummary Account(string id, decimal? day) => new(Today, id, 1, day, 0, day, 0, 0, 0, 0, 0, 0, 0);

        var conditions = AlarmRules.ForPositions(
            [],
            [Account("A", -1000.01m), Account("B", -1000.01m), Account("C", -1000m), Account("D", null)],
            SampleInstruments,
            thresholds);

        var a = Assert.Single(conditions);
        Assert.Equal(new AlarmKey(AlarmType.LossLimit, "A", null), a.Key);
        Assert.Equal((AlarmSeverity.Critical, -1000.01m, -1000m), (a.Severity, a.Value, a.Threshold));
        Assert.Contains("A day P&L is -1,000.01", a.Message, StringComparison.Ordinal);
        Assert.Contains("-1,000.00", a.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delta_limit_on_the_absolute_account_delta()
    {
        AccountSummary Account(string id, decimal delta) => new(Today, id, 1, 0, 0, 0, 0, 0, delta, 0, 0, 0, 0);

        var conditions = AlarmRules.ForPositions(
            [],
            [Account("A", -1000.5m), Account("B", 1000m), Account("C", 1500.01m)],
            SampleInstruments,
            new AlarmThresholds());

        var a = Find(conditions, AlarmType.DeltaLimit, "A", null)!;
        Assert.Equal((AlarmSeverity.Warning, 1000.5m, 1000m), (a.Severity, a.Value, a.Threshold));
        Assert.Contains("-1,000.5", a.Message, StringComparison.Ordinal);
        Assert.Null(Find(conditions, AlarmType.DeltaLimit, "B", null));
        Assert.Equal(AlarmSeverity.Critical, Find(conditions, AlarmType.DeltaLimit, "C", null)!.Severity);
    }

    [Fact]
    public void Sample_positions_delta_feeds_the_delta_rule()
    {
        // MM1 delta is 25.2 (see SummarizeAndRestateTests): a limit of 25 is breached, HEDGE's 2 is not.
        var positions = PositionEngine.Compute(SampleInputs);
        var accounts = PositionEngine.Summarize(positions, SampleInstruments, []);

        var conditions = AlarmRules.ForPositions(positions, accounts, SampleInstruments, new AlarmThresholds { DeltaLimit = 25 });

        var delta = Assert.Single(conditions);
        Assert.Equal((new AlarmKey(AlarmType.DeltaLimit, "MM1", null), 25.2m), (delta.Key, delta.Value));
    }

    [Fact]
    public void Unknown_instrument_is_one_condition_per_ticker_naming_the_holders()
    {
        var conditions = Evaluate(new AlarmThresholds(), ("A", "XYZ9", 1), ("B", "XYZ9", 0), ("A", "ZNZ6", 1));

        var unknown = Assert.Single(conditions, c => c.Key.Type == AlarmType.UnknownInstrument);
        Assert.Equal(new AlarmKey(AlarmType.UnknownInstrument, null, "XYZ9"), unknown.Key);
        Assert.Equal(AlarmSeverity.Warning, unknown.Severity);
        Assert.Contains("'XYZ9' (held by A, B)", unknown.Message, StringComparison.Ordinal);
    }
}
