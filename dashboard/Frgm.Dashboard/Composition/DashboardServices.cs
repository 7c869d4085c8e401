using Frgm.Dashboard.Api;
using Frgm.Dashboard.Core;
using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Identity;
using Frgm.Dashboard.Monitoring;
using Frgm.Dashboard.Streaming;
using Frgm.Domain.Alarms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>The services both modes share; the mode decides only where the <c>StorageSet</c> comes from.</summary>
public static class DashboardServices
{
    public static readonly TimeSpan MonitoringInterval = TimeSpan.FromSeconds(30);

    /// <summary>A writer that missed this many samples is presumed gone and another task takes over.</summary>
    public const int MissedSamplesBeforeTakeover = 3;

    /// <param name="embeddedStorage">Embedded mode: the storage already opened (and checked) at start-up, else opened on first use.</param>
    public static void Add(IServiceCollection services, IConfiguration configuration, DashboardSettings settings, Frgm.Application.Ports.StorageSet? embeddedStorage = null)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(configuration.GetSection(AlarmThresholds.Section).Get<AlarmThresholds>() ?? new AlarmThresholds());
        services.AddSingleton((configuration.GetSection(Frgm.Domain.Risk.RiskSettings.Section).Get<Frgm.Domain.Risk.RiskSettings>() ?? new Frgm.Domain.Risk.RiskSettings()).Validated());
        services.AddSingleton(_ => InstrumentSource.Load(settings.InstrumentsFile));
        services.AddSingleton<ChangeVersion>();
        services.AddSingleton(sp => sp.GetRequiredService<Frgm.Application.Ports.StorageSet>().Changes);
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<PnlHistoryReader>();
        services.AddSingleton<RiskReader>();
        services.AddSingleton<AlarmAcknowledger>();
        services.AddSingleton(AlbIdentitySettings.From(configuration));
        services.AddSingleton(sp => new AlbIdentity(
            sp.GetRequiredService<AlbIdentitySettings>(),
            new HttpClient { Timeout = TimeSpan.FromSeconds(3) },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlbIdentity>>()));
        services.AddSingleton<PositionsResponseCache>();
        services.AddSingleton(new ApiKeyVerifier(settings.ApiKeys));
        services.AddSingleton<RequestMetrics>();
        services.AddSingleton<StoreProbes>();
        services.AddSingleton<MetricsReport>();
        services.AddSingleton<ChangeHub>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeHub>());
        services.AddSingleton(new MonitoringHistory(settings.MonitoringDb));
        var monitoringInterval = Seconds(configuration["Frgm:MonitoringSeconds"]) ?? MonitoringInterval;
        services.AddSingleton(new MonitoringWriterLease(settings.MonitoringDb, MonitoringWriterLease.DefaultOwner(), monitoringInterval * MissedSamplesBeforeTakeover));
        services.AddHostedService(sp => new MonitoringRecorder(
            sp.GetRequiredService<MonitoringHistory>(),
            sp.GetRequiredService<DashboardReader>(),
            sp.GetRequiredService<RequestMetrics>(),
            sp.GetRequiredService<StoreProbes>(),
            sp.GetRequiredService<TimeProvider>(),
            monitoringInterval,
            sp.GetRequiredService<ILogger<MonitoringRecorder>>(),
            sp.GetRequiredService<MonitoringWriterLease>()));

        switch (settings.Mode)
        {
            case DashboardMode.Embedded:
                EmbeddedComposition.Add(services, settings, embeddedStorage, WorkingOrderLimitsFrom(configuration));
                break;
            case DashboardMode.Aws:
                AwsComposition.Add(services, configuration);
                break;
            default:
                throw new InvalidOperationException($"unknown mode {settings.Mode}");
        }
    }

    /// <summary><c>Frgm:MonitoringSeconds</c>: the sample interval (tests shorten it); 30 s by default.</summary>
    private static TimeSpan? Seconds(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;

    /// <summary><c>Frgm:MaxWorkingOrderBytes</c> and <c>Frgm:MaxWorkingOrders</c>, the largest snapshot ingested.</summary>
    public static Frgm.Application.Ingestion.WorkingOrderLimits WorkingOrderLimitsFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var d = Frgm.Application.Ingestion.WorkingOrderLimits.Default;
        return new Frgm.Application.Ingestion.WorkingOrderLimits(
            Positive(configuration, "Frgm:MaxWorkingOrderBytes", d.MaxBytes),
            (int)Math.Min(int.MaxValue, Positive(configuration, "Frgm:MaxWorkingOrders", d.MaxOrders)));
    }

    private static long Positive(IConfiguration configuration, string name, long fallback)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{name} '{Requests.MessageText.Prefix(text)}' is not valid: expected a positive whole number.");
    }
}
