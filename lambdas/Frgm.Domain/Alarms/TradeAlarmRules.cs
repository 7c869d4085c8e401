using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>
/// Per-trade rules. Alarm keys are (type, account, ticker, trade id): each breaching trade is its own latched
/// event alarm. A trade id seen twice in one batch keeps the larger offer.
/// </summary>
internal static class TradeAlarmRules
{
    /// <summary>LARGE_TRADE is INFO, WARNING once the quantity exceeds this multiple of the threshold.</summary>
    public const decimal LargeTradeWarningMultiple = 2m;

    /// <summary>Stored deviation values are rounded to this many places (the test is made before rounding).</summary>
    private const int DeviationDecimals = 6;

    public static List<AlarmCondition> Evaluate(
        IEnumerable<Trade> trades,
        IReadOnlyDictionary<string, decimal> marks,
        AlarmThresholds thresholds)
    {
        var strongest = new StrongestPerKey();
        foreach (var trade in trades)
        {
            var limits = AccountThresholds.For(thresholds, trade.AccountId);
            if (LargeTrade(trade, limits) is { } large)
            {
                strongest.Offer(large, trade.Quantity);
            }

            if (marks.TryGetValue(trade.Ticker, out var mark) && PriceDeviation(trade, mark, limits) is { } deviation)
            {
                strongest.Offer(deviation.Condition, deviation.Fraction);
            }
        }

        return strongest.Conditions;
    }

    private static AlarmCondition? LargeTrade(Trade trade, AccountThresholds limits)
    {
        decimal threshold = limits.LargeTradeQuantity;
        if (trade.Quantity <= threshold)
        {
            return null;
        }

        return new AlarmCondition(
            new AlarmKey(AlarmType.LargeTrade, trade.AccountId, trade.Ticker, trade.TradeId),
            trade.Quantity > threshold * LargeTradeWarningMultiple ? AlarmSeverity.Warning : AlarmSeverity.Info,
            $"{Describe(trade)} is larger than the large-trade size of {AlarmText.Quantity(threshold)}. " +
            "Confirm the trade was intended.",
            trade.Quantity,
            threshold);
    }

    /// <summary>Skipped when the mark is not positive: a deviation fraction of a zero mark means nothing.</summary>
    private static (AlarmCondition Condition, decimal Fraction)? PriceDeviation(Trade trade, decimal mark, AccountThresholds limits)
    {
        if (mark <= 0)
        {
            return null;
        }

        var fraction = Math.Abs(trade.Price - mark) / mark;
        var allowed = limits.PriceDeviationFraction;
        if (fraction <= allowed)
        {
            return null;
        }

        var condition = new AlarmCondition(
            new AlarmKey(AlarmType.PriceDeviation, trade.AccountId, trade.Ticker, trade.TradeId),
            AlarmSeverity.Warning,
            $"{Describe(trade)} is {AlarmText.Percent(fraction)} away from the mark {AlarmText.Price(mark)} " +
            $"(allowed {AlarmText.Percent(allowed)}). Check for a mis-keyed price or a stale mark.",
            Math.Round(fraction, DeviationDecimals),
            allowed);
        return (condition, fraction);
    }

    private static string Describe(Trade trade) =>
        $"Trade {trade.TradeId} for {trade.AccountId} ({WireNames.Of(trade.Side)} {AlarmText.Quantity(trade.Quantity)} " +
        $"{trade.Ticker} @ {AlarmText.Price(trade.Price)})";

    /// <summary>One condition per key, keeping the highest-ranked offer; keys in order of first appearance.</summary>
    private sealed class StrongestPerKey
    {
        private readonly Dictionary<AlarmKey, int> _slot = [];
        private readonly List<decimal> _ranks = [];

        public List<AlarmCondition> Conditions { get; } = [];

        public void Offer(AlarmCondition condition, decimal rank)
        {
            if (!_slot.TryGetValue(condition.Key, out var slot))
            {
                _slot[condition.Key] = Conditions.Count;
                Conditions.Add(condition);
                _ranks.Add(rank);
            }
            else if (rank > _ranks[slot])
            {
                Conditions[slot] = condition;
                _ranks[slot] = rank;
            }
        }
    }
}
