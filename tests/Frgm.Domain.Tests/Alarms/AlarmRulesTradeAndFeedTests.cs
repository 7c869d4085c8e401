using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Alarms;

public sealed class AlarmRulesTradeAndFeedTests
{
    private static readonly Dictionary<string, decimal> Marks = new(StringComparer.Ordinal) { ["ZNZ6"] = 100m, ["ESZ6"] = 0m };

    [Fact]
    public void Large_trade_is_info_above_the_threshold_and_warning_above_twice_it()
    {
        var conditions = AlarmRules.ForTrades(
            [Trade("t1", "A", "ZNZ6", 100, 100m), Trade("t2", "B", "ZNZ6", -101, 100m), Trade("t3", "C", "ZNZ6", 201, 100m)],
            Marks,
            new AlarmThresholds());

        Assert.Equal(2, conditions.Count);
        var b = conditions.Single(c => c.Key == new AlarmKey(AlarmType.LargeTrade, "B", "ZNZ6", "t2"));
        Assert.Equal((AlarmSeverity.Info, 101m, 100m), (b.Severity, b.Value, b.Threshold));
        Assert.Contains("Trade t2 for B (SELL 101 ZNZ6 @ 100)", b.Message, StringComparison.Ordinal);
        Assert.Equal(AlarmSeverity.Warning, conditions.Single(c => c.Key.AccountId == "C").Severity);
    }

    [Fact]
    public void Each_large_trade_is_its_own_alarm_keyed_by_trade_id()
    {
        var conditions = AlarmRules.ForTrades(
            [Trade("t1", "A", "ZNZ6", 150, 100m), Trade("t2", "A", "ZNZ6", 300, 100m), Trade("t3", "A", "ZNZ6", 120, 100m)],
            Marks,
            new AlarmThresholds());

        Assert.Equal(["t1", "t2", "t3"], conditions.Select(c => c.Key.Subject));
        Assert.Equal([150m, 300m, 120m], conditions.Select(c => c.Value));
        Assert.Contains("t2", conditions[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_deviation_compares_to_the_mark_and_is_skipped_without_a_usable_one()
    {
        // |102.5 − 100| / 100 = 0.025 > 0.02; |101.9 − 100| / 100 = 0.019 is fine; ESZ6 mark 0 and ZBZ6 no mark: skipped.
        var conditions = AlarmRules.ForTrades(
            [
                Trade("t1", "A", "ZNZ6", 1, 102.5m),
                Trade("t2", "B", "ZNZ6", 1, 101.9m),
                Trade("t3", "A", "ESZ6", 1, 5000m),
                Trade("t4", "A", "ZBZ6", 1, 5000m),
            ],
            Marks,
            new AlarmThresholds());

        var deviation = Assert.Single(conditions);
        Assert.Equal(new AlarmKey(AlarmType.PriceDeviation, "A", "ZNZ6", "t1"), deviation.Key);
        Assert.Equal((AlarmSeverity.Warning, 0.025m, 0.02m), (deviation.Severity, deviation.Value, deviation.Threshold));
        Assert.Contains("2.50% away from the mark 100 (allowed 2.00%)", deviation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trade_thresholds_follow_account_overrides()
    {
        var thresholds = new AlarmThresholds
        {
            Accounts = { ["A"] = new AccountAlarmOverrides { LargeTradeQuantity = 1000, PriceDeviationFraction = 0.001m } },
        };

        var conditions = AlarmRules.ForTrades(
            [Trade("t1", "A", "ZNZ6", 500, 100.5m), Trade("t2", "B", "ZNZ6", 500, 100.5m)],
            Marks,
            thresholds);

        Assert.Equal(
            [new AlarmKey(AlarmType.PriceDeviation, "A", "ZNZ6", "t1"), new AlarmKey(AlarmType.LargeTrade, "B", "ZNZ6", "t2")],
            conditions.Select(c => c.Key).ToArray());
    }

    [Fact]
    public void Stale_market_data_for_open_positions_once_per_ticker()
    {
        var now = Now;
        var prices = new Dictionary<string, MarketPrice>(StringComparer.Ordinal)
        {
            ["ZNZ6"] = new("ZNZ6", 1m, null, null, null, now.AddSeconds(-301)),
            ["ESZ6"] = new("ESZ6", 1m, null, null, null, now.AddSeconds(-299)),
            ["ZBZ6"] = new("ZBZ6", 1m, null, null, null, now.AddHours(-5)),
        };
        Position Held(string account, string ticker, long qty) =>
            new(Today, account, ticker, 0, null, qty, null, null, null, null, null, 0, 0, 0, 0, now);

        var conditions = AlarmRules.ForStaleMarketData(
            [Held("A", "ZNZ6", 5), Held("B", "ZNZ6", -1), Held("A", "ESZ6", 3), Held("A", "ZBZ6", 0), Held("A", "ZFZ6", 2)],
            prices,
            now,
            new AlarmThresholds());

        Assert.Equal(
            [new AlarmKey(AlarmType.StaleMarketData, null, "ZNZ6"), new AlarmKey(AlarmType.StaleMarketData, null, "ZFZ6")],
            conditions.Select(c => c.Key).ToArray());
        var zn = conditions[0];
        Assert.Equal((AlarmSeverity.Warning, 301m, 300m), (zn.Severity, zn.Value, zn.Threshold));
        Assert.Contains("ZNZ6 is 301 s old", zn.Message, StringComparison.Ordinal);
        Assert.Contains("A, B", zn.Message, StringComparison.Ordinal);
        Assert.Null(conditions[1].Value);
    }

    [Fact]
    public void TT_feed_is_stale_when_never_successful_or_older_than_the_limit()
    {
        var thresholds = new AlarmThresholds();

        var never = AlarmRules.ForTtFeed(null, Now, thresholds);
        var old = AlarmRules.ForTtFeed(Now.AddSeconds(-121), Now, thresholds);

        Assert.Equal(new AlarmKey(AlarmType.TtFeedStale, null, null), never!.Key);
        Assert.Null(never.Value);
        Assert.Equal((AlarmSeverity.Warning, 121m, 120m), (old!.Severity, old.Value, old.Threshold));
        Assert.Null(AlarmRules.ForTtFeed(Now.AddSeconds(-119), Now, thresholds));
    }

    [Fact]
    public void Failed_file_is_critical_and_keyed_by_feed_and_file()
    {
        var failed = AlarmRules.ForFailedFile(FeedKind.Trades, "trades", "trades/2026/11/20/f.csv", "missing column(s): price");
        var unknownFeed = AlarmRules.ForFailedFile(null, "actant", "odd/x.csv", "boom");

        Assert.Equal(new AlarmKey(AlarmType.FeedFailed, null, "trades", "trades/trades/2026/11/20/f.csv"), failed.Key);
        Assert.Equal(AlarmSeverity.Critical, failed.Severity);
        Assert.Contains("trades/2026/11/20/f.csv", failed.Message, StringComparison.Ordinal);
        Assert.Contains("missing column(s): price", failed.Message, StringComparison.Ordinal);
        Assert.Equal(new AlarmKey(AlarmType.FeedFailed, null, null, "actant/odd/x.csv"), unknownFeed.Key);
    }

    [Fact]
    public void Rejected_rows_carry_the_count_and_need_at_least_one_row()
    {
        var rejected = AlarmRules.ForRejectedRows(FeedKind.Eod, "actant", "eod/2026/11/19/actant_eod_20261119.csv", 3);

        Assert.Equal(new AlarmKey(AlarmType.FeedRejectedRows, null, "eod", "actant/eod/2026/11/19/actant_eod_20261119.csv"), rejected.Key);
        Assert.Equal((AlarmSeverity.Warning, 3m), (rejected.Severity, rejected.Value));
        Assert.Contains("3 rows were rejected", rejected.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => AlarmRules.ForRejectedRows(FeedKind.Eod, "actant", "k", 0));
    }
}
