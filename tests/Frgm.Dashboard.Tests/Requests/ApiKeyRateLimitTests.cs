using System.Net;
using Frgm.Dashboard.Tests.Api;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Requests;

/// <summary>Wrong keys are counted and, past the per-client budget, refused with 429 before the key is compared; a right key is never slowed.</summary>
public sealed class ApiKeyRateLimitTests : IAsyncLifetime
{
    private const int Budget = 5;
    private KestrelDashboard _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await KestrelDashboard.StartAsync("ratelimit", withSamples: false, $"--Frgm:Limits:ApiKeyFailuresPerMinute={Budget}");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Wrong_keys_past_the_budget_get_429_json_with_retry_after_and_metrics_count_both()
    {
        using var attacker = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        attacker.DefaultRequestHeaders.Add("X-API-Key", "guess");
        for (var i = 0; i < Budget; i++)
        {
            using var refused = await attacker.GetAsync("/api/positions");
            Assert.Equal("unauthorized", (await ApiErrorTests.ErrorAsync(refused, HttpStatusCode.Unauthorized)).Code);
        }

        for (var i = 0; i < 50; i++)
        {
            using var limited = await attacker.GetAsync("/api/positions?api_key=another-guess");
            Assert.Equal("rate_limited", (await ApiErrorTests.ErrorAsync(limited, (HttpStatusCode)429)).Code);
            Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        }

        using var withKey = await _app.Api.GetAsync("/api/positions");
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);

        var metrics = (await _app.Api.GetStringAsync("/metrics")).Split('\n');
        Assert.Contains($"frgm_api_key_failures_total {Budget}", metrics);
        Assert.Contains("frgm_api_key_rate_limited_total 50", metrics);
        Assert.Contains(metrics, l => l.StartsWith("frgm_http_requests_total{route=\"(unmatched)\",method=\"GET\",status=\"429\"} 50", StringComparison.Ordinal)
            || l.StartsWith("frgm_http_requests_total{route=\"/api/positions\",method=\"GET\",status=\"429\"} 50", StringComparison.Ordinal));
        Assert.DoesNotContain(metrics, l => l.Contains("status=\"503\"", StringComparison.Ordinal));
    }
}
