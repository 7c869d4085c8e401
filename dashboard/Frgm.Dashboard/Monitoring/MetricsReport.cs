using Frgm.Dashboard.Core;
using Frgm.Domain.Model;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Monitoring;

/// <summary>Builds /metrics: HTTP counts and latencies, ingestion counts from the ledger, feed ages, active alarms.</summary>
public sealed class MetricsReport
{
    private readonly RequestMetrics _requests;
    private readonly DashboardReader _reader;
    private readonly ILogger<MetricsReport> _logger;
    private readonly MonitoringWriterLease? _lease;
    private readonly Requests.ApiKeyFailureMetrics _keyFailures;

    public MetricsReport(RequestMetrics requests, DashboardReader reader, Requests.ApiKeyFailureMetrics keyFailures, ILogger<MetricsReport> logger, MonitoringWriterLease? lease = null)
    {
        _lease = lease;
        _requests = requests;
        _keyFailures = keyFailures;
        _reader = reader;
        _logger = logger;
    }

    public async Task<string> RenderAsync(CancellationToken ct)
    {
        var text = new PrometheusText();
        WriteRequests(text);
        if (_lease is not null)
        {
            text.Family("frgm_monitoring_writer", "gauge", "1 when this task holds the lease to write the shared monitoring history.");
            text.Sample("frgm_monitoring_writer", _lease.IsHeld ? 1 : 0);
        }

        try
        {
            WriteOverview(text, await _reader.GetOverviewAsync(ct));
            text.Family("frgm_metrics_store_up", "gauge", "1 when the stores answered while building this page.");
            text.Sample("frgm_metrics_store_up", 1);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // HTTP metrics must still be served while a store is down
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning(ex, "/metrics: stores did not answer");
            text.Family("frgm_metrics_store_up", "gauge", "1 when the stores answered while building this page.");
            text.Sample("frgm_metrics_store_up", 0);
        }

        return text.ToString();
    }

    private void WriteRequests(PrometheusText text)
    {
        text.Family("frgm_http_requests_total", "counter", "HTTP requests by route template, method and status.");
        foreach (var (route, method, status, count) in _requests.Counts)
        {
            text.Sample("frgm_http_requests_total", count, ("route", route), ("method", method), ("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        text.Family("frgm_api_key_failures_total", "counter", "API requests with a missing or wrong key (answered 401).");
        text.Sample("frgm_api_key_failures_total", _keyFailures.Failures);
        text.Family("frgm_api_key_rate_limited_total", "counter", "API requests refused with 429: the client sent too many missing or wrong keys.");
        text.Sample("frgm_api_key_rate_limited_total", _keyFailures.RateLimited);

        text.Family("frgm_http_request_duration_seconds", "histogram", "HTTP request latency by route template (SSE streams excluded).");
        foreach (var (route, snapshot) in _requests.Latencies)
        {
            for (var i = 0; i < snapshot.Cumulative.Count; i++)
            {
                var le = i < RequestMetrics.BucketBounds.Length ? PrometheusText.Format(RequestMetrics.BucketBounds[i]) : "+Inf";
                text.Sample("frgm_http_request_duration_seconds_bucket", snapshot.Cumulative[i], ("route", route), ("le", le));
            }

            text.Sample("frgm_http_request_duration_seconds_sum", snapshot.SumSeconds, ("route", route));
            text.Sample("frgm_http_request_duration_seconds_count", snapshot.Count, ("route", route));
        }
    }

    private static void WriteOverview(PrometheusText text, OverviewView overview)
    {
        text.Family("frgm_ingestion_files", "gauge", $"Files in the ingestion ledger by feed and status (newest {DashboardReader.LedgerSample} entries).");
        foreach (var feed in overview.Feeds)
        {
            foreach (var status in Enum.GetValues<FileStatus>())
            {
                text.Sample("frgm_ingestion_files", feed.StatusCounts.GetValueOrDefault(status), ("feed", feed.Feed), ("status", WireNames.Of(status)));
            }
        }

        text.Family("frgm_feed_age_seconds", "gauge", "Seconds since each feed last succeeded (absent when it never did).");
        foreach (var feed in overview.Feeds.Where(f => f.AgeSeconds is not null))
        {
            text.Sample("frgm_feed_age_seconds", Math.Round(feed.AgeSeconds!.Value, 3), ("feed", feed.Feed));
        }

        text.Family("frgm_ingestion_latency_ms", "gauge", "Median milliseconds from a file's receipt to its completion, per feed.");
        foreach (var feed in overview.Feeds.Where(f => f.MedianLatencyMs is not null))
        {
            text.Sample("frgm_ingestion_latency_ms", Math.Round(feed.MedianLatencyMs!.Value, 3), ("feed", feed.Feed));
        }

        text.Family("frgm_active_alarms", "gauge", "ACTIVE alarms by severity.");
        foreach (var (severity, count) in overview.ActiveAlarmsBySeverity.OrderBy(kv => kv.Key))
        {
            text.Sample("frgm_active_alarms", count, ("severity", WireNames.Of(severity)));
        }
    }
}
