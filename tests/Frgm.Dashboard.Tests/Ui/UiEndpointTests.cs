using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Ui;

/// <summary>The pages and the internal endpoints their script uses, over HTTP (the browser tests drive them for real).</summary>
[Collection(ApiCollection.Name)]
public sealed class UiEndpointTests
{
    private readonly DashboardApiFactory _app;

    public UiEndpointTests(DashboardApiFactory app) => _app = app;

    [Theory]
    [InlineData("/", "market-data")]
    [InlineData("/positions", "ZNZ6")]
    [InlineData("/accounts", "HEDGE")]
    [InlineData("/market", "112.421875")]
    [InlineData("/orders", "tt-7f3c02")]
    [InlineData("/blotter", "T-1004")]
    [InlineData("/alarms", "Operator")]
    [InlineData("/files", "fills_20261120_1430.csv")]
    public async Task Every_page_renders_without_a_key_and_shows_sample_data(string path, string expected)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/static/js/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Positions_page_formats_numbers_with_separators_fixed_decimals_and_sign_classes()
    {
        using var client = _app.CreateClient();
        var html = await client.GetStringAsync("/ui/fragments/positions?account_id=MM1");
        Assert.Contains(">-2,578.13<", html, StringComparison.Ordinal);
        Assert.Contains("class=\"num neg\" data-v=\"-2578.125\"", html, StringComparison.Ordinal);
        Assert.Contains(">112.421875<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("HEDGE", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filter_on_a_page_is_explained_in_the_panel()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/ui/fragments/positions?date=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Parameter &#39;date&#39; must be a calendar date in the form YYYY-MM-DD", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ui_acknowledge_needs_the_page_header_and_a_name()
    {
        using var client = _app.CreateClient();
        using var noHeader = await client.PostAsync("/ui/alarms/any/ack", new StringContent("{\"by\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/ui/alarms/any/ack")
        {
            Content = new StringContent("{\"by\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        crossSite.Headers.Add("X-FRGM-UI", "1");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var crossSiteResponse = await client.SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, crossSiteResponse.StatusCode);

        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/ui/alarms/no-such-alarm/ack")
        {
            Content = new StringContent("{\"by\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        unknown.Headers.Add("X-FRGM-UI", "1");
        using var unknownResponse = await client.SendAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, unknownResponse.StatusCode);
    }

    [Fact]
    public async Task Bars_for_a_ticker_come_from_the_history_store()
    {
        using var client = _app.CreateClient();
        var bars = JsonDocument.Parse(await client.GetStringAsync("/ui/bars?ticker=ZNZ6")).RootElement;
        Assert.Equal("ZNZ6", bars.GetProperty("ticker").GetString());
        // The sample's one ZNZ6 price at 14:30:00 makes one bar.
        Assert.Equal([new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds()], bars.GetProperty("time").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal([112.421875m], bars.GetProperty("close").EnumerateArray().Select(c => c.GetDecimal()));
        using var missing = await client.GetAsync("/ui/bars");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}
