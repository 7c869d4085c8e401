using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Monitoring;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>
/// AWS mode: ingests the files the ingest function handed off (over its per-feed size limit) with no time limit, a
/// few seconds after they arrive. Only the task holding the monitoring writer lease runs it, so two tasks do not both
/// read a multi-GB object; the ledger claim behind <see cref="IngestionService.IngestAsync(Frgm.Domain.Model.BucketRole, string, CancellationToken)"/>
/// still keeps a second runner (a lease that moved mid-file) from doubling anything.
/// </summary>
public sealed class OversizeWorkerService : BackgroundService
{
    private readonly IngestionService _ingestion;
    private readonly MonitoringWriterLease _lease;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly ILogger<OversizeWorkerService> _logger;

    public OversizeWorkerService(IngestionService ingestion, MonitoringWriterLease lease, TimeSpan interval, TimeProvider clock, ILogger<OversizeWorkerService> logger)
    {
        _ingestion = ingestion;
        _lease = lease;
        _interval = interval;
        _clock = clock;
        _logger = logger;
    }

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    /// <summary>One pass (tests call it directly): nothing unless this task holds the lease.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!_lease.TryAcquire(_clock.GetUtcNow()))
        {
            return 0;
        }

        var done = await OversizeHandOff.RunPendingAsync(_ingestion, _logger, ct);
        return done.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a store outage must not end the worker: the markers wait for the next pass
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "Oversize worker pass failed; next in {Seconds} s", _interval.TotalSeconds);
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }
}
