using Microsoft.Extensions.Configuration;

namespace Frgm.Dashboard.Hosting;

public enum DashboardMode
{
    Embedded,
    Aws,
}

/// <summary>The <c>Frgm:*</c> settings of API.md, read once at start-up with their documented defaults.</summary>
public sealed record DashboardSettings(
    DashboardMode Mode,
    string DataDir,
    IReadOnlyList<string> ApiKeys,
    bool ApiKeyIsGenerated,
    bool Demo,
    string? InstrumentsFile,
    string MonitoringDb,
    TimeSpan SweepInterval)
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static readonly TimeSpan DefaultDemoFileMaxAge = TimeSpan.FromMinutes(15);

    /// <summary><c>Frgm:DemoFileMaxAgeMinutes</c>: the demo removes its own ingested files once they are this old.</summary>
    public TimeSpan DemoFileMaxAge { get; init; } = DefaultDemoFileMaxAge;

    /// <summary>Where a generated key is kept (embedded mode: <c>&lt;DataDir&gt;/api-key</c>); null when configured.</summary>
    public string? ApiKeyPath { get; init; }

    public static DashboardSettings From(IConfiguration configuration, Func<string> newKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(newKey);
        var modeText = configuration["Frgm:Mode"];
        var mode = DashboardMode.Embedded;
        if (!string.IsNullOrWhiteSpace(modeText) && !Enum.TryParse(modeText.Trim(), ignoreCase: true, out mode))
        {
            throw new InvalidOperationException($"Frgm:Mode '{modeText}' is not valid: expected Embedded or Aws.");
        }

        var dataDir = Path.GetFullPath(NonEmpty(configuration["Frgm:DataDir"]) ?? ".frgm");
        var keys = (configuration["Frgm:ApiKey"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var generated = keys.Length == 0;
        if (generated)
        {
            keys = [newKey()];
        }

        var demoText = NonEmpty(configuration["Frgm:Demo"]);
        var demo = true;
        if (demoText is not null && !bool.TryParse(demoText, out demo))
        {
            throw new InvalidOperationException($"Frgm:Demo '{demoText}' is not valid: expected true or false.");
        }

        var monitoringDb = Path.GetFullPath(NonEmpty(configuration["Frgm:MonitoringDb"]) ?? Path.Combine(dataDir, "monitoring.db"));
        var sweepText = NonEmpty(configuration["Frgm:SweepSeconds"]);
        var sweepSeconds = 5.0;
        if (sweepText is not null && (!double.TryParse(sweepText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out sweepSeconds) || sweepSeconds <= 0))
        {
            throw new InvalidOperationException($"Frgm:SweepSeconds '{sweepText}' is not valid: expected a positive number of seconds.");
        }

        var maxAgeText = NonEmpty(configuration["Frgm:DemoFileMaxAgeMinutes"]);
        var maxAgeMinutes = DefaultDemoFileMaxAge.TotalMinutes;
        if (maxAgeText is not null && (!double.TryParse(maxAgeText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out maxAgeMinutes) || !(maxAgeMinutes > 0) || maxAgeMinutes > TimeSpan.MaxValue.TotalMinutes / 2))
        {
            throw new InvalidOperationException($"Frgm:DemoFileMaxAgeMinutes '{maxAgeText}' is not valid: expected a positive number of minutes.");
        }

        return new DashboardSettings(
            mode,
            dataDir,
            keys,
            generated,
            mode == DashboardMode.Embedded && demo,
            NonEmpty(configuration["Frgm:InstrumentsFile"]),
            monitoringDb,
            TimeSpan.FromSeconds(sweepSeconds))
        {
            DemoFileMaxAge = TimeSpan.FromMinutes(maxAgeMinutes),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
