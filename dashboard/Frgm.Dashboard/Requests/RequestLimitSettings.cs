using Frgm.Application.Composition;
using Frgm.Settings;
using Microsoft.Extensions.Configuration;
using K = Frgm.Settings.SettingKeys.Limits;

namespace Frgm.Dashboard.Requests;

/// <summary>
/// <c>Frgm:Limits:*</c>: what one request may cost. The soft limits here answer with JSON; Kestrel's own (higher)
/// hard limits stay as a last line and answer with a bare status, so only absurd requests ever see one.
/// </summary>
public sealed record RequestLimitSettings(
    long MaxBodyBytes,
    int MaxUrlBytes,
    int MaxHeaderBytes,
    int MaxHeaderCount,
    double MinBodyBytesPerSecond,
    TimeSpan BodyGracePeriod,
    int ApiKeyFailuresPerMinute)
{
    public const string Section = K.Section;

    /// <summary>Kestrel's hard caps sit this far above the soft ones, so the soft (JSON) answer is the one clients see.</summary>
    public const int HardCapFactor = 4;

    public static RequestLimitSettings Default { get; } = new(16 * 1024, 8 * 1024, 32 * 1024, 100, 240, TimeSpan.FromSeconds(5), 20);

    public static RequestLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var b = SettingsBinding.Bind(() => configuration.GetSection(K.Section).Get<Bound>()) ?? new Bound();
        var d = Default;
        return new RequestLimitSettings(
            Whole(b.MaxBodyBytes, K.MaxBodyBytes, d.MaxBodyBytes, 0),
            (int)Whole(b.MaxUrlBytes, K.MaxUrlBytes, d.MaxUrlBytes, 256),
            (int)Whole(b.MaxHeaderBytes, K.MaxHeaderBytes, d.MaxHeaderBytes, 1024),
            (int)Whole(b.MaxHeaderCount, K.MaxHeaderCount, d.MaxHeaderCount, 8),
            Number(b.MinBodyBytesPerSecond, K.MinBodyBytesPerSecond, d.MinBodyBytesPerSecond, 1),
            TimeSpan.FromSeconds(Number(b.BodyGraceSeconds, K.BodyGraceSeconds, d.BodyGracePeriod.TotalSeconds, 1)),
            (int)Whole(b.ApiKeyFailuresPerMinute, K.ApiKeyFailuresPerMinute, d.ApiKeyFailuresPerMinute, 1));
    }

    private static long Whole(long? value, string name, long fallback, long min)
    {
        SettingsBinding.Require(value is null || (value >= min && value <= int.MaxValue), SettingKeys.Key(K.Section, name), value, $"a whole number from {min} to {int.MaxValue}");
        return value ?? fallback;
    }

    private static double Number(double? value, string name, double fallback, double min)
    {
        SettingsBinding.Require(value is null || (value >= min && value < 1e9), SettingKeys.Key(K.Section, name), value, $"a number >= {min}");
        return value ?? fallback;
    }

    internal sealed class Bound
    {
        [ConfigurationKeyName(K.MaxBodyBytes)]
        public long? MaxBodyBytes { get; set; }

        [ConfigurationKeyName(K.MaxUrlBytes)]
        public long? MaxUrlBytes { get; set; }

        [ConfigurationKeyName(K.MaxHeaderBytes)]
        public long? MaxHeaderBytes { get; set; }

        [ConfigurationKeyName(K.MaxHeaderCount)]
        public long? MaxHeaderCount { get; set; }

        [ConfigurationKeyName(K.MinBodyBytesPerSecond)]
        public double? MinBodyBytesPerSecond { get; set; }

        [ConfigurationKeyName(K.BodyGraceSeconds)]
        public double? BodyGraceSeconds { get; set; }

        [ConfigurationKeyName(K.ApiKeyFailuresPerMinute)]
        public long? ApiKeyFailuresPerMinute { get; set; }
    }
}
