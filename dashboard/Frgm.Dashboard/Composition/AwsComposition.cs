using Frgm.Dashboard.Monitoring;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>
/// <c>Frgm:Mode=Aws</c>: the StorageSet comes from the AWS adapters (MemoryDB, DynamoDB, S3), settings from
/// <c>Frgm:Aws</c>. Ingestion runs in the Lambdas; the dashboard reads, follows the change feed, and ingests only the files the ingest
/// function hands off (<see cref="OversizeWorkerService"/>).
/// </summary>
public static class AwsComposition
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var aws = configuration.GetSection(AwsSettings.Section).Get<AwsSettings>() ?? new AwsSettings();
        services.AddSingleton(aws);

        // The dashboard follows the change feed (subscribe: true) to forward it over SSE.
        services.AddSingleton(sp => AwsStorageFactory.Create(
            aws, aws.RedisPassword, sp.GetRequiredService<ILoggerFactory>(), subscribe: true));
        AddOversizeWorker(services, configuration);
    }

    /// <summary>
    /// The one ingestion path here: files the ingest function handed off (README.md, "Large files"). No time limit;
    /// <c>Frgm:Ingest:WorkerMaxFileMb</c> bounds the spill copy (the task's ephemeral storage), <c>Frgm:Ingest:OversizeWorker=off</c>
    /// turns it off, <c>Frgm:Ingest:OversizeWorkerSeconds</c> sets how often it looks.
    /// </summary>
    private static void AddOversizeWorker(IServiceCollection services, IConfiguration configuration)
    {
        if (string.Equals(configuration["Frgm:Ingest:OversizeWorker"], "off", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var maxMb = long.TryParse(configuration["Frgm:Ingest:WorkerMaxFileMb"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb > 0
            ? mb
            : OversizeSettings.WorkerMaxFileMiB;
        var seconds = double.TryParse(configuration["Frgm:Ingest:OversizeWorkerSeconds"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : OversizeWorkerService.DefaultInterval;
        services.AddHostedService(sp => new OversizeWorkerService(
            new IngestionService(
                sp.GetRequiredService<StorageSet>(),
                sp.GetRequiredService<InstrumentCatalog>(),
                sp.GetRequiredService<AlarmThresholds>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<IngestionService>>())
            {
                MaxFileBytes = new FileSizeLimits(maxMb * FileSizeLimits.MiB, maxMb * FileSizeLimits.MiB, maxMb * FileSizeLimits.MiB, maxMb * FileSizeLimits.MiB, maxMb * FileSizeLimits.MiB),
                WorkingOrderLimits = DashboardServices.WorkingOrderLimitsFrom(configuration),
            },
            sp.GetRequiredService<MonitoringWriterLease>(),
            seconds,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OversizeWorkerService>>()));
    }
}
