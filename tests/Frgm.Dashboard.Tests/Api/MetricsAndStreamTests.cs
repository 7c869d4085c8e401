using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class MetricsAndStreamTests
{
    private readonly DashboardApiFactory _app;

    public MetricsAndStreamTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task Metrics_report_requests_latency_ingestion_feed_ages_and_alarms_in_prometheus_text()
    {
        using (await _app.Api.GetAsync("/api/positions"))
        {
        }

        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n');

        Assert.Contains(lines, l => l.StartsWith("frgm_http_requests_total{route=\"/api/positions\",method=\"GET\",status=\"200\"} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE frgm_http_request_duration_seconds histogram", lines);
        Assert.Contains(lines, l => l.StartsWith("frgm_http_request_duration_seconds_bucket{route=\"/api/positions\",le=\"+Inf\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("frgm_http_request_duration_seconds_count{route=\"/api/positions\"} ", StringComparison.Ordinal));
        foreach (var feed in new[] { "market-data", "eod", "sod", "trades", "working-orders" })
        {
            var completed = lines.Single(l => l.StartsWith($"frgm_ingestion_files{{feed=\"{feed}\",status=\"COMPLETED\"}} ", StringComparison.Ordinal));
            Assert.True(int.Parse(completed.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 1, completed);
        }

        // Other tests in the collection drop broken files; the metric must count exactly what the ledger holds.
        var failedFiles = (await _app.GetJsonAsync("/api/files?status=FAILED&feed=market-data&limit=1000")).GetProperty("files").GetArrayLength();
        Assert.Contains($"frgm_ingestion_files{{feed=\"market-data\",status=\"FAILED\"}} {failedFiles}", lines);
        var age = lines.Single(l => l.StartsWith("frgm_feed_age_seconds{feed=\"market-data\"} ", StringComparison.Ordinal));
        Assert.True(double.Parse(age.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        foreach (var severity in new[] { "INFO", "WARNING", "CRITICAL" })
        {
            Assert.Contains(lines, l => l.StartsWith($"frgm_active_alarms{{severity=\"{severity}\"}} ", StringComparison.Ordinal));
        }

        Assert.Contains("frgm_metrics_store_up 1", lines);
    }

    [Fact]
    public async Task The_stream_delivers_an_event_after_a_file_is_dropped()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", DashboardTestData.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        var key = $"market-data/2026/11/20/GE_XCME.ZN_20261120_{DateTime.UtcNow:HHmmssfff}.csv";
        SampleFeeds.Drop(_app.DataDir, "actant", key, "instrument,price,timestamp\nZBZ6,118.90625,2026-11-20T14:31:00Z\n");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<string>();
        while (!events.Contains("files"))
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("stream closed");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                events.Add(line["event: ".Length..]);
                var data = await reader.ReadLineAsync(timeout.Token);
                Assert.NotNull(data);
                Assert.StartsWith("data: ", data, StringComparison.Ordinal);
                using var payload = JsonDocument.Parse(data["data: ".Length..]);
                Assert.Equal(events[^1], payload.RootElement.GetProperty("topic").GetString());
            }
        }

        Assert.Contains("market", events);
    }

    [Fact]
    public async Task The_stream_needs_the_key_like_every_api_route()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
