namespace Frgm.Domain.Alarms;

/// <summary>
/// The thresholds that apply to one account: an account override (where set) wins over the default.
/// Position limits go from most to least specific, account entries first: account instrument, account
/// product, account PositionLimit, default instrument, default product, default PositionLimit.
/// </summary>
internal sealed class AccountThresholds
{
    private readonly AlarmThresholds _defaults;
    private readonly AccountAlarmOverrides? _account;

    private AccountThresholds(AlarmThresholds defaults, AccountAlarmOverrides? account)
    {
        _defaults = defaults;
        _account = account;
    }

    public static AccountThresholds For(AlarmThresholds thresholds, string? accountId) =>
        new(thresholds, accountId is not null && thresholds.Accounts.TryGetValue(accountId, out var o) ? o : null);

    public decimal LossLimit => _account?.LossLimit ?? _defaults.LossLimit;

    public decimal DeltaLimit => _account?.DeltaLimit ?? _defaults.DeltaLimit;

    public long LargeTradeQuantity => _account?.LargeTradeQuantity ?? _defaults.LargeTradeQuantity;

    public decimal PriceDeviationFraction => _account?.PriceDeviationFraction ?? _defaults.PriceDeviationFraction;

    /// <summary>The limit on abs(net_qty) and a few words saying where it came from, for the message.</summary>
    public (decimal Limit, string Basis) PositionLimit(string instrument, string? product)
    {
        if (_account is { } account)
        {
            if (Find(account.PositionLimits, instrument, product) is { } specific)
            {
                return specific;
            }

            if (account.PositionLimit is { } accountLimit)
            {
                return (accountLimit, "account limit");
            }
        }

        return Find(_defaults.PositionLimits, instrument, product) ?? (_defaults.PositionLimit, "default limit");
    }

    private static (decimal Limit, string Basis)? Find(Dictionary<string, decimal> limits, string instrument, string? product)
    {
        if (limits.TryGetValue(instrument, out var byInstrument))
        {
            return (byInstrument, $"limit for {instrument}");
        }

        if (product is not null && limits.TryGetValue(product, out var byProduct))
        {
            return (byProduct, $"limit for product {product}");
        }

        return null;
    }
}
