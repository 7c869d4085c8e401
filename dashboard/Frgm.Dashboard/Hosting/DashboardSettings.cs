using Frgm.Application.Composition;
using Frgm.Settings;
using Microsoft.Extensions.Configuration;
using D = Frgm.Settings.SettingKeys.Dashboard;

namespace Frgm.Dashboard.Hosting;

public enum DashboardMode
{
    Embedded,
    Aws,
}

/// <summary>The <c>Frgm:*</c> settings of API.md, bound once at start-up with their documented defaults.</summary>
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

    public static readonly TimeSpan DefaultMonitoringInterval = TimeSpan.FromSeconds(30);

    /// <summary><c>Frgm:DemoFileMaxAgeMinutes</c>: the demo removes its own ingested files once they are this old.</summary>
    public TimeSpan DemoFileMaxAge { get; init; } = DefaultDemoFileMaxAge;

    /// <summary><c>Frgm:MonitoringSeconds</c>: the monitoring sample interval (tests shorten it).</summary>
    public TimeSpan MonitoringInterval { get; init; } = DefaultMonitoringInterval;

    /// <summary>Where a generated key is kept (embedded mode: <c>&lt;DataDir&gt;/api-key</c>); null when configured.</summary>
    public string? ApiKeyPath { get; init; }

    public static DashboardSettings From(IConfiguration configuration, Func<string> newKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(newKey);
        var bound = SettingsBinding.Bind(
            () => configuration.GetSection(SettingKeys.Root).Get<Bound>(),
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                [Key(D.Mode)] = "Embedded or Aws",
                [Key(D.SweepSeconds)] = "a positive number of seconds",
                [Key(D.MonitoringSeconds)] = "a positive number of seconds",
                [Key(D.DemoFileMaxAgeMinutes)] = "a positive number of minutes",
            }) ?? new Bound();
        SettingsBinding.Require(bound.SweepSeconds is null or > 0 && double.IsFinite(bound.SweepSeconds ?? 1), Key(D.SweepSeconds), bound.SweepSeconds, "a positive number of seconds");
        SettingsBinding.Require(bound.MonitoringSeconds is null or > 0 && double.IsFinite(bound.MonitoringSeconds ?? 1), Key(D.MonitoringSeconds), bound.MonitoringSeconds, "a positive number of seconds");
        SettingsBinding.Require(
            bound.DemoFileMaxAgeMinutes is null || (bound.DemoFileMaxAgeMinutes > 0 && bound.DemoFileMaxAgeMinutes <= TimeSpan.MaxValue.TotalMinutes / 2),
            Key(D.DemoFileMaxAgeMinutes),
            bound.DemoFileMaxAgeMinutes,
            "a positive number of minutes");

        var mode = bound.Mode ?? DashboardMode.Embedded;
        var dataDir = Path.GetFullPath(NonEmpty(bound.DataDir) ?? ".frgm");
        var keys = (bound.ApiKey ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var generated = keys.Length == 0;
        if (generated)
        {
            keys = [newKey()];
        }

        return new DashboardSettings(
            mode,
            dataDir,
            keys,
            generated,
            mode == DashboardMode.Embedded && (bound.Demo ?? true),
            NonEmpty(bound.InstrumentsFile),
            Path.GetFullPath(NonEmpty(bound.MonitoringDb) ?? Path.Combine(dataDir, "monitoring.db")),
            TimeSpan.FromSeconds(bound.SweepSeconds ?? 5))
        {
            DemoFileMaxAge = bound.DemoFileMaxAgeMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultDemoFileMaxAge,
            MonitoringInterval = bound.MonitoringSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultMonitoringInterval,
        };
    }

    private static string Key(string name) => SettingKeys.Key(SettingKeys.Root, name);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The shape the binder fills; <see cref="From"/> turns it into the checked, defaulted record.</summary>
    internal sealed class Bound
    {
        [ConfigurationKeyName(D.Mode)]
        public DashboardMode? Mode { get; set; }

        [ConfigurationKeyName(D.DataDir)]
        public string? DataDir { get; set; }

        /// <summary>One key or several, comma-separated.</summary>
        [ConfigurationKeyName(D.ApiKey)]
        public string? ApiKey { get; set; }

        [ConfigurationKeyName(D.Demo)]
        public bool? Demo { get; set; }

        [ConfigurationKeyName(SettingKeys.General.InstrumentsFile)]
        public string? InstrumentsFile { get; set; }

        [ConfigurationKeyName(D.MonitoringDb)]
        public string? MonitoringDb { get; set; }

        [ConfigurationKeyName(D.MonitoringSeconds)]
        public double? MonitoringSeconds { get; set; }

        [ConfigurationKeyName(D.SweepSeconds)]
        public double? SweepSeconds { get; set; }

        [ConfigurationKeyName(D.DemoFileMaxAgeMinutes)]
        public double? DemoFileMaxAgeMinutes { get; set; }
    }
}
