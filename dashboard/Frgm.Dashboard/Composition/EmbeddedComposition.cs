using Frgm.Dashboard.Demo;
using Frgm.Dashboard.Hosting;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>
/// <c>Frgm:Mode=Embedded</c>, the one-command local platform: SQLite + bucket folders under DataDir, a folder
/// watcher feeding the real IngestionService, the periodic alarm sweep, and the demo market when enabled.
/// </summary>
public static class EmbeddedComposition
{
    /// <param name="store">Opened (and checked) at start-up by <see cref="DashboardHost"/>.</param>
    public static void Add(IServiceCollection services, IConfiguration configuration, DashboardSettings settings, EmbeddedStore store)
    {
        services.AddFrgmEmbedded(configuration, store);
        services.AddHostedService(sp => new FolderWatcherService(
            sp.GetRequiredService<EmbeddedStore>(),
            sp.GetRequiredService<IngestionService>(),
            sp.GetRequiredService<Frgm.Application.Composition.IngestSettings>(),
            sp.GetRequiredService<ILogger<FolderWatcher>>()));
        services.AddHostedService(sp => new AlarmSweepService(
            sp.GetRequiredService<IngestionService>(),
            settings.SweepInterval,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlarmSweepService>>()));
        if (settings.Demo)
        {
            services.AddSingleton(new BucketFolderWriter(settings.DataDir));
            services.AddSingleton(sp =>
            {
                var ledger = sp.GetRequiredService<StorageSet>().Ledger;
                return new DemoFileJanitor(settings.DataDir, settings.DemoFileMaxAge, async (file, ct) =>
                    await ledger.GetAsync(file.Bucket, file.Key, file.Sha256, ct) is { Status: not FileStatus.Processing });
            });
            services.AddSingleton(sp => new DemoMarket(
                sp.GetRequiredService<InstrumentCatalog>(),
                new Random(),
                sp.GetRequiredService<TimeProvider>().GetUtcNow()));
            services.AddHostedService<DemoMarketService>();
        }
    }
}
