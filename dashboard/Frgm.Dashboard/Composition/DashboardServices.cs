using Frgm.Dashboard.Api;
using Frgm.Dashboard.Core;
using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Identity;
using Frgm.Dashboard.Monitoring;
using Frgm.Dashboard.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>The services both modes share; the mode decides only where the <c>StorageSet</c> comes from.</summary>
public static class DashboardServices
{
    /// <summary>A writer that missed this many samples is presumed gone and another task takes over.</summary>
    public const int MissedSamplesBeforeTakeover = 3;

    /// <summary>
    /// The core (<c>AddFrgm</c>, through the mode's <c>AddFrgmEmbedded</c> or <c>AddFrgmAws</c>) and the dashboard's own services.
    /// </summary>
    /// <param name="storage">The mode's adapters, opened at start-up: an <see cref="Frgm.Storage.Embedded.EmbeddedStore"/> or AWS settings and set.</param>
    public static void Add(IServiceCollection services, IConfiguration configuration, DashboardSettings settings, DashboardStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.AddSingleton(settings);
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
        var monitoringInterval = settings.MonitoringInterval;
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

        switch (storage)
        {
            case DashboardStorage.Embedded embedded:
                EmbeddedComposition.Add(services, configuration, settings, embedded.Store);
                break;
            case DashboardStorage.Aws aws:
                AwsComposition.Add(services, configuration, aws.Settings, aws.Storage);
                break;
            default:
                throw new InvalidOperationException($"unknown storage {storage}");
        }
    }
}

/// <summary>The adapters of the dashboard's mode, opened before the services are composed.</summary>
public abstract record DashboardStorage
{
    private DashboardStorage()
    {
    }

    public sealed record Embedded(Frgm.Storage.Embedded.EmbeddedStore Store) : DashboardStorage;

    public sealed record Aws(Frgm.Storage.Aws.AwsSettings Settings, Frgm.Application.Ports.StorageSet Storage) : DashboardStorage;
}
