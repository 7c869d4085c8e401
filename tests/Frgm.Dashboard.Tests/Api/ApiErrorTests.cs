using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>API.md's errors: JSON bodies with a code and a sentence naming the parameter; key checks on /api/* only.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiErrorTests
{
    private readonly DashboardApiFactory _app;

    public ApiErrorTests(DashboardApiFactory app) => _app = app;

    [Theory]
    [InlineData("/api/positions?date=2026-13-01", "date", "YYYY-MM-DD")]
    [InlineData("/api/accounts?date=20261120", "date", "YYYY-MM-DD")]
    [InlineData("/api/blotter?date=yesterday", "date", "YYYY-MM-DD")]
    [InlineData("/api/blotter?limit=0", "limit", "1 to 5000")]
    [InlineData("/api/blotter?limit=5001", "limit", "1 to 5000")]
    [InlineData("/api/blotter?limit=ten", "limit", "1 to 5000")]
    [InlineData("/api/blotter?cursor=not-a-cursor", "cursor", "next_cursor")]
    [InlineData("/api/alarms?state=OPEN", "state", "ACTIVE, ACKNOWLEDGED or CLEARED")]
    [InlineData("/api/files?status=DONE", "status", "COMPLETED")]
    [InlineData("/api/positions?account_id=MM1&account_id=HEDGE", "account_id", "once")]
    public async Task A_bad_parameter_is_a_400_naming_it_and_its_expected_form(string url, string parameter, string expected)
    {
        using var response = await _app.Api.GetAsync(url);
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("bad_parameter", error.Code);
        Assert.Contains($"'{parameter}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong-key", null)]
    [InlineData(null, "wrong-key")]
    [InlineData("", null)]
    [InlineData(DashboardTestData.ApiKey + "x", null)]
    public async Task A_missing_or_wrong_key_is_a_401(string? header, string? query)
    {
        using var client = _app.CreateClient();
        if (header is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", header);
        }

        var url = "/api/positions" + (query is null ? string.Empty : "?api_key=" + Uri.EscapeDataString(query));
        using var response = await client.GetAsync(url);
        var error = await ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("unauthorized", error.Code);
        Assert.Contains("X-API-Key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_works_from_the_header_or_the_query_and_every_configured_key_is_accepted()
    {
        using var client = _app.CreateClient();
        using var byQuery = await client.GetAsync("/api/market?api_key=" + DashboardTestData.ApiKey);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/market");
        request.Headers.Add("X-API-Key", "second-key");
        using var bySecondKey = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, bySecondKey.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_routes_are_json_404_and_wrong_methods_json_405()
    {
        using var missing = await _app.Api.GetAsync("/api/nothing-here");
        Assert.Equal("not_found", (await ErrorAsync(missing, HttpStatusCode.NotFound)).Code);

        using var wrongMethod = await _app.Api.GetAsync("/api/alarms/some-id/ack");
        Assert.Equal("method_not_allowed", (await ErrorAsync(wrongMethod, HttpStatusCode.MethodNotAllowed)).Code);

        using var client = _app.CreateClient();
        using var unauthenticated = await client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task Health_ready_and_metrics_need_no_key_and_pages_send_a_self_only_csp()
    {
        using var client = _app.CreateClient();
        foreach (var url in new[] { "/health", "/ready", "/metrics" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var page = await client.GetAsync("/positions");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    internal static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(2, doc.RootElement.EnumerateObject().Count());
        return (doc.RootElement.GetProperty("error").GetString()!, doc.RootElement.GetProperty("message").GetString()!);
    }
}
