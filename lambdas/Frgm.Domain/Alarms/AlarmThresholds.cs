namespace Frgm.Domain.Alarms;

/// <summary>
/// Alarm thresholds, bound from configuration section <c>Frgm:Alarms</c>. Account overrides replace
/// the defaults for that account only; a null override value means "use the default".
/// </summary>
public sealed class AlarmThresholds
{
    public const string Section = "Frgm:Alarms";

    /// <summary>abs(net_qty) limit per instrument, unless a product or instrument limit applies.</summary>
    public decimal PositionLimit { get; set; } = 500;

    /// <summary>Limits by product (e.g. ZN) or instrument key; an instrument key wins over its product.</summary>
    public Dictionary<string, decimal> PositionLimits { get; set; } = new(StringComparer.Ordinal);

    public decimal LossLimit { get; set; } = 250_000;

    public decimal DeltaLimit { get; set; } = 1_000;

    public long LargeTradeQuantity { get; set; } = 100;

    public decimal PriceDeviationFraction { get; set; } = 0.02m;

    public int StaleMarketDataSeconds { get; set; } = 300;

    public int TtFeedStaleSeconds { get; set; } = 120;

    public Dictionary<string, AccountAlarmOverrides> Accounts { get; set; } = new(StringComparer.Ordinal);
}

public sealed class AccountAlarmOverrides
{
    public decimal? PositionLimit { get; set; }

    public Dictionary<string, decimal> PositionLimits { get; set; } = new(StringComparer.Ordinal);

    public decimal? LossLimit { get; set; }

    public decimal? DeltaLimit { get; set; }

    public long? LargeTradeQuantity { get; set; }

    public decimal? PriceDeviationFraction { get; set; }
}
