using System.Net;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Requests;

/// <summary>Every response, success or error, API or page, carries the security headers; only static assets may be cached.</summary>
public sealed class ResponseHeadersTests : IAsyncLifetime
{
    private KestrelDashboard _app = null!;

    public async ValueTask InitializeAsync() => _app = await KestrelDashboard.StartAsync("headers", withSamples: false);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, bool> Urls => new()
    {
        { "/", true },
        { "/orders", true },
        { "/ui/fragments/orders", true },
        { "/ui/fragments/no-such-page", true },
        { "/api/positions", true },
        { "/api/orders", true },
        { "/api/no-such-route", true },
        { "/api/positions?date=bad", true },
        { "/api/positions", false },
        { "/health", true },
        { "/ready", true },
        { "/metrics", true },
        { "/no-such-page", true },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Every_response_has_the_security_headers_no_store_and_no_server_header(string url, bool withKey)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        if (withKey)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", SampleFeeds.ApiKey);
        }

        using var response = await client.GetAsync(url);
        Assert.False(response.Headers.Contains("Server"), $"{url}: Server header {string.Join(",", response.Headers.TryGetValues("Server", out var s) ? s : [])}");
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{url}: HSTS over plain HTTP");
    }

    [Fact]
    public async Task Static_assets_stay_cacheable()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) };
        using var css = await client.GetAsync("/static/css/app.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("max-age", css.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.False(css.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/api/positions")]
    [InlineData("/positions")]
    [InlineData("/api/no-such-route")]
    public async Task Behind_the_albs_tls_every_response_has_hsts(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await _app.Api.SendAsync(request);
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}
