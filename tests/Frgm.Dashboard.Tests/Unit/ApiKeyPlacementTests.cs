using Frgm.Dashboard.Api;
using Frgm.Dashboard.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>Issue 14 item 6: in AWS the API key is accepted in the header only (a query string lands in ALB access logs).</summary>
public sealed class ApiKeyPlacementTests
{
    private const string Key = "k-0123456789";

    private static async Task<(int Status, bool Reached, string Body)> SendAsync(string mode, bool inHeader)
    {
        var settings = DashboardSettings.From(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Frgm:Mode"] = mode, ["Frgm:ApiKey"] = Key }).Build(),
            () => "unused");
        var reached = false;
        var guard = new ApiGuardMiddleware(_ => { reached = true; return Task.CompletedTask; }, new ApiKeyVerifier([Key]), new Frgm.Dashboard.Requests.ApiKeyFailureMetrics(), settings, NullLogger<ApiGuardMiddleware>.Instance);
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        if (inHeader)
        {
            http.Request.Headers[ApiGuardMiddleware.HeaderName] = Key;
        }
        else
        {
            http.Request.QueryString = new QueryString("?api_key=" + Key);
        }

        await guard.InvokeAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, reached, await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Aws_mode_refuses_a_key_in_the_query_string_and_says_where_it_belongs()
    {
        var (status, reached, body) = await SendAsync("Aws", inHeader: false);
        Assert.Equal(401, status);
        Assert.False(reached);
        Assert.Contains("X-API-Key header (never the query string)", body, StringComparison.Ordinal);

        Assert.True((await SendAsync("Aws", inHeader: true)).Reached);
    }

    [Fact]
    public async Task Embedded_mode_still_takes_the_query_parameter()
    {
        Assert.True((await SendAsync("Embedded", inHeader: false)).Reached);
        Assert.True((await SendAsync("Embedded", inHeader: true)).Reached);
    }
}
