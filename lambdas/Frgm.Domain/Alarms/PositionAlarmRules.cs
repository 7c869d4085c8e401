using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>Risk-limit rules over one business date's positions and account summaries.</summary>
internal static class PositionAlarmRules
{
    /// <summary>A limit breach becomes CRITICAL once the measured value exceeds this multiple of the limit.</summary>
    public const decimal CriticalMultiple = 1.5m;

    public static List<AlarmCondition> Evaluate(
        IReadOnlyList<Position> positions,
        IReadOnlyList<AccountSummary> accounts,
        InstrumentCatalog instruments,
        AlarmThresholds thresholds)
    {
        var conditions = new List<AlarmCondition>();
        var unknownHolders = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var position in positions)
        {
            var known = instruments.TryGet(position.Ticker, out var instrument);
            if (!known)
            {
                AddHolder(unknownHolders, position.Ticker, position.AccountId);
            }

            if (PositionLimit(position, instrument?.Product, AccountThresholds.For(thresholds, position.AccountId)) is { } breach)
            {
                conditions.Add(breach);
            }
        }

        foreach (var account in accounts)
        {
            var limits = AccountThresholds.For(thresholds, account.AccountId);
            if (LossLimit(account, limits) is { } loss)
            {
                conditions.Add(loss);
            }

            if (DeltaLimit(account, limits) is { } delta)
            {
                conditions.Add(delta);
            }
        }

        foreach (var (ticker, holders) in unknownHolders)
        {
            conditions.Add(new AlarmCondition(
                new AlarmKey(AlarmType.UnknownInstrument, null, ticker),
                AlarmSeverity.Warning,
                $"Instrument '{ticker}' (held by {string.Join(", ", holders)}) is missing from the instrument " +
                "reference data, so its P&L is not computed. Add it to the instruments file.",
                null,
                null));
        }

        return conditions;
    }

    private static AlarmCondition? PositionLimit(Position position, string? product, AccountThresholds limits)
    {
        var (limit, basis) = limits.PositionLimit(position.Ticker, product);
        decimal size = Math.Abs(position.NetQty);
        if (size <= limit)
        {
            return null;
        }

        var side = position.NetQty > 0 ? "long" : "short";
        return new AlarmCondition(
            new AlarmKey(AlarmType.PositionLimit, position.AccountId, position.Ticker),
            Escalated(size, limit),
            $"{position.AccountId} is {side} {AlarmText.Quantity(size)} {position.Ticker}, above its position " +
            $"limit of {AlarmText.Quantity(limit)} ({basis}). Reduce the position or have the limit raised.",
            size,
            limit);
    }

    private static AlarmCondition? LossLimit(AccountSummary account, AccountThresholds limits)
    {
        var floor = -limits.LossLimit;
        if (account.DayPnl is not { } pnl || pnl >= floor)
        {
            return null;
        }

        return new AlarmCondition(
            new AlarmKey(AlarmType.LossLimit, account.AccountId, null),
            AlarmSeverity.Critical,
            $"{account.AccountId} day P&L is {AlarmText.Money(pnl)}, beyond its loss limit of " +
            $"{AlarmText.Money(floor)}. Stop adding risk and review the account's positions.",
            pnl,
            floor);
    }

    private static AlarmCondition? DeltaLimit(AccountSummary account, AccountThresholds limits)
    {
        var limit = limits.DeltaLimit;
        var size = Math.Abs(account.Delta);
        if (size <= limit)
        {
            return null;
        }

        return new AlarmCondition(
            new AlarmKey(AlarmType.DeltaLimit, account.AccountId, null),
            Escalated(size, limit),
            $"{account.AccountId} net delta is {AlarmText.Quantity(account.Delta)}, beyond its delta limit of " +
            $"±{AlarmText.Quantity(limit)}. Hedge to bring the delta back within the limit.",
            size,
            limit);
    }

    private static AlarmSeverity Escalated(decimal size, decimal limit) =>
        size > limit * CriticalMultiple ? AlarmSeverity.Critical : AlarmSeverity.Warning;

    private static void AddHolder(Dictionary<string, List<string>> holders, string ticker, string account)
    {
        if (!holders.TryGetValue(ticker, out var accounts))
        {
            accounts = [];
            holders[ticker] = accounts;
        }

        if (!accounts.Contains(account, StringComparer.Ordinal))
        {
            accounts.Add(account);
        }
    }
}
