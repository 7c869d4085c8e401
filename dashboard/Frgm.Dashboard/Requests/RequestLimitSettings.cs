using System.Globalization;
using Microsoft.Extensions.Configuration;

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
    public const string Section = "Frgm:Limits";

    /// <summary>Kestrel's hard caps sit this far above the soft ones, so the soft (JSON) answer is the one clients see.</summary>
    public const int HardCapFactor = 4;

    public static RequestLimitSettings Default { get; } = new(16 * 1024, 8 * 1024, 32 * 1024, 100, 240, TimeSpan.FromSeconds(5), 20);

    public static RequestLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var d = Default;
        return new RequestLimitSettings(
            Read(configuration, "MaxBodyBytes", d.MaxBodyBytes, 0),
            (int)Read(configuration, "MaxUrlBytes", d.MaxUrlBytes, 256),
            (int)Read(configuration, "MaxHeaderBytes", d.MaxHeaderBytes, 1024),
            (int)Read(configuration, "MaxHeaderCount", d.MaxHeaderCount, 8),
            Read(configuration, "MinBodyBytesPerSecond", d.MinBodyBytesPerSecond, 1),
            TimeSpan.FromSeconds(Read(configuration, "BodyGraceSeconds", d.BodyGracePeriod.TotalSeconds, 1)),
            (int)Read(configuration, "ApiKeyFailuresPerMinute", d.ApiKeyFailuresPerMinute, 1));
    }

    private static long Read(IConfiguration configuration, string name, long fallback, long min)
    {
        var text = configuration[$"{Section}:{name}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= int.MaxValue
            ? value
            : throw new InvalidOperationException($"{Section}:{name} '{MessageText.Prefix(text)}' is not valid: expected a whole number from {min} to {int.MaxValue}.");
    }

    private static double Read(IConfiguration configuration, string name, double fallback, double min)
    {
        var text = configuration[$"{Section}:{name}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value < 1e9
            ? value
            : throw new InvalidOperationException($"{Section}:{name} '{MessageText.Prefix(text)}' is not valid: expected a number >= {min}.");
    }
}
