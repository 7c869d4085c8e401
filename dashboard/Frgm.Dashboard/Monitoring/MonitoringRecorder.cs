using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Core;
using Frgm.Domain.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Monitoring;

/// <summary>
/// Every interval, writes feed ages, active alarms, request totals and store health to the monitoring history, when
/// this task holds the <see cref="MonitoringWriterLease"/> (several tasks may share the file on EFS; one writes).
/// </summary>
public sealed class MonitoringRecorder : BackgroundService
{
    private readonly MonitoringHistory _history;
    private readonly DashboardReader _reader;
    private readonly RequestMetrics _requests;
    private readonly StoreProbes _probes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly ILogger<MonitoringRecorder> _logger;
    private readonly MonitoringWriterLease? _lease;

    public MonitoringRecorder(
        MonitoringHistory history,
        DashboardReader reader,
        RequestMetrics requests,
        StoreProbes probes,
        TimeProvider clock,
        TimeSpan interval,
        ILogger<MonitoringRecorder> logger,
        MonitoringWriterLease? lease = null)
    {
        _lease = lease;
        _history = history;
        _reader = reader;
        _requests = requests;
        _probes = probes;
        _clock = clock;
        _interval = interval;
        _logger = logger;
    }

    public async Task RecordOnceAsync(CancellationToken ct)
    {
        var samples = new List<(string, string, double)>
        {
            ("http_requests_total", string.Empty, _requests.TotalRequests),
        };
        foreach (var probe in await _probes.CheckAsync(ct))
        {
            samples.Add(("store_up", probe.Name, probe.Ok ? 1 : 0));
        }

        try
        {
            var overview = await _reader.GetOverviewAsync(ct);
            foreach (var feed in overview.Feeds.Where(f => f.AgeSeconds is not null))
            {
                samples.Add(("feed_age_seconds", feed.Feed, feed.AgeSeconds!.Value));
            }

            foreach (var (severity, count) in overview.ActiveAlarmsBySeverity)
            {
                samples.Add(("active_alarms", WireNames.Of(severity), count));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Store health above is the sample that matters most during an outage: keep it.
            _logger.LogWarning(ex, "monitoring sample without feed ages and alarms: stores did not answer");
        }

        await _history.RecordAsync(_clock.GetUtcNow(), samples, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        do
        {
            try
            {
                if (HoldsLease())
                {
                    await RecordOnceAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a store outage is exactly what monitoring must outlive
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "monitoring sample not recorded");
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            _lease?.Release();
        }
        catch (SqliteException ex)
        {
            _logger.LogWarning(ex, "monitoring writer lease not released; it expires by itself");
        }
    }

    private bool HoldsLease()
    {
        if (_lease is null)
        {
            return true;
        }

        var held = _lease.IsHeld;
        var now = _lease.TryAcquire(_clock.GetUtcNow());
        if (now != held)
        {
            _logger.LogInformation("monitoring writer lease {Change} by {Owner}", now ? "taken (this task writes the monitoring history)" : "lost (another task writes)", _lease.Owner);
        }

        return now;
    }
}
