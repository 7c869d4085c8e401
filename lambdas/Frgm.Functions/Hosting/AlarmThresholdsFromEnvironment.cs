using System.Globalization;
using System.Text.Json;
using Frgm.Domain.Alarms;

namespace Frgm.Functions.Hosting;

/// <summary>
/// Lambdas have no configuration host: alarm thresholds come from <c>Frgm__Alarms__Json</c> (the whole
/// <see cref="AlarmThresholds"/> object, for limits per product and account overrides) and/or the scalar
/// variables <c>Frgm__Alarms__PositionLimit</c>, ... which win over the JSON.
/// </summary>
public static class AlarmThresholdsFromEnvironment
{
    public static AlarmThresholds Read(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var t = env("Frgm__Alarms__Json") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, HostingJsonContext.Default.AlarmThresholds)
                ?? throw new InvalidOperationException("Frgm__Alarms__Json is JSON null")
            : new AlarmThresholds();
        decimal? Dec(string name) => env("Frgm__Alarms__" + name) is { Length: > 0 } v ? decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
        t.PositionLimit = Dec(nameof(t.PositionLimit)) ?? t.PositionLimit;
        t.LossLimit = Dec(nameof(t.LossLimit)) ?? t.LossLimit;
        t.DeltaLimit = Dec(nameof(t.DeltaLimit)) ?? t.DeltaLimit;
        t.LargeTradeQuantity = Dec(nameof(t.LargeTradeQuantity)) is { } q ? (long)q : t.LargeTradeQuantity;
        t.PriceDeviationFraction = Dec(nameof(t.PriceDeviationFraction)) ?? t.PriceDeviationFraction;
        t.StaleMarketDataSeconds = Dec(nameof(t.StaleMarketDataSeconds)) is { } s ? (int)s : t.StaleMarketDataSeconds;
        t.TtFeedStaleSeconds = Dec(nameof(t.TtFeedStaleSeconds)) is { } tt ? (int)tt : t.TtFeedStaleSeconds;
        return t;
    }
}
