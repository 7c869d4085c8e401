using Frgm.Application.Composition;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Dashboard.Monitoring;
using Frgm.Storage.Aws;
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
    /// <summary>Connects once at start-up, asynchronously; the dashboard follows the change feed (subscribe) to forward it over SSE.</summary>
    public static async Task<(AwsSettings Settings, StorageSet Storage)> ConnectAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct)
    {
        var aws = AwsSettings.From(configuration);
        return (aws, await AwsStorageFactory.CreateAsync(aws, aws.RedisPassword, loggers, subscribe: true, ct));
    }

    public static void Add(IServiceCollection services, IConfiguration configuration, AwsSettings aws, StorageSet storage)
    {
        services.AddFrgmAws(configuration, IngestionRole.OversizeWorker, aws, storage);
        if (IngestSettings.From(configuration) is not { OversizeWorkerEnabled: true } ingest)
        {
            return;
        }

        // The one ingestion path here: files the ingest function handed off (README.md, "Large files"). No time limit;
        // Frgm:Ingest:WorkerMaxFileMb bounds the spill copy (the task's ephemeral storage), Frgm:Ingest:OversizeWorker=off
        // turns it off, Frgm:Ingest:OversizeWorkerSeconds sets how often it looks.
        services.AddHostedService(sp => new OversizeWorkerService(
            sp.GetRequiredService<IngestionService>(),
            sp.GetRequiredService<MonitoringWriterLease>(),
            ingest.OversizeWorkerSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : OversizeWorkerService.DefaultInterval,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OversizeWorkerService>>()));
    }
}
