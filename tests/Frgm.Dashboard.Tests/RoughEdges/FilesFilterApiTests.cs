using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.RoughEdges;

/// <summary>/api/files by the business date of the key, by feed and key, paged with limit and cursor.</summary>
[Collection(ApiCollection.Name)]
public sealed class FilesFilterApiTests
{
    private readonly DashboardApiFactory _app;

    public FilesFilterApiTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task Date_selects_the_business_date_of_the_key_not_the_day_received()
    {
        // The samples were received today but name 2026-11-19 (the EOD) and 2026-11-20 (the rest) in their keys.
        var day20 = Keys(await _app.GetJsonAsync("/api/files?date=2026-11-20&limit=5000"));
        Assert.Equal(SampleFeeds.Keys.Where(k => k.Contains("/2026/11/20/", StringComparison.Ordinal)).Order(StringComparer.Ordinal), day20.Where(SampleFeeds.Keys.Contains).Order(StringComparer.Ordinal));
        var day19 = await _app.GetJsonAsync("/api/files?date=2026-11-19");
        var eod = Assert.Single(day19.GetProperty("files").EnumerateArray(), f => SampleFeeds.Keys.Contains(f.GetProperty("key").GetString()!));
        Assert.Equal("eod/2026/11/19/actant_eod_20261119.csv", eod.GetProperty("key").GetString());
        Assert.Equal("2026-11-19", eod.GetProperty("business_date").GetString());

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(Keys(await _app.GetJsonAsync($"/api/files?date={today}&limit=5000")), SampleFeeds.Keys.Contains);
    }

    [Fact]
    public async Task Feed_and_key_filters_select_files_case_insensitively()
    {
        var trades = await _app.GetJsonAsync("/api/files?feed=trades&limit=5000");
        Assert.All(trades.GetProperty("files").EnumerateArray(), f => Assert.Equal("trades", f.GetProperty("feed").GetString()));
        Assert.Contains("trades/2026/11/20/fills_20261120_1430.csv", Keys(trades));

        var byKey = Keys(await _app.GetJsonAsync("/api/files?key=ACTANT_SOD&limit=5000"));
        Assert.Contains("sod/2026/11/20/actant_sod_20261120.csv", byKey);
        Assert.All(byKey, k => Assert.Contains("actant_sod", k, StringComparison.OrdinalIgnoreCase));

        using var bad = await _app.Api.GetAsync("/api/files?feed=bonds");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("'feed'", error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limit_and_cursor_page_through_every_file_once_newest_first()
    {
        var all = Keys(await _app.GetJsonAsync("/api/files?limit=5000"));
        var paged = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _app.GetJsonAsync("/api/files?limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            var keys = Keys(page);
            Assert.True(keys.Count <= 2);
            paged.AddRange(keys);
            cursor = page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_cursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 100);

        // Other tests of the collection may add files meanwhile: newer ones land before the cursor, never twice.
        Assert.Equal(paged.Count, paged.Distinct(StringComparer.Ordinal).Count());
        Assert.All(SampleFeeds.Keys, k => Assert.Contains(k, paged));
        Assert.All(all, k => Assert.Contains(k, paged));
        Assert.True(pages >= 3, $"5 samples at 2 a page need 3 pages, got {pages}");

        using var bad = await _app.Api.GetAsync("/api/files?cursor=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var body = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("'cursor'", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticker_and_account_filters_ignore_case_in_every_list()
    {
        var positions = await _app.GetJsonAsync("/api/positions?ticker=esz6");
        Assert.Equal("ESZ6", Assert.Single(positions.GetProperty("positions").EnumerateArray()).GetProperty("ticker").GetString());
        var hedge = await _app.GetJsonAsync("/api/positions?account_id=hedge");
        Assert.Equal("HEDGE", Assert.Single(hedge.GetProperty("positions").EnumerateArray()).GetProperty("account_id").GetString());
        var accounts = await _app.GetJsonAsync("/api/accounts?account_id=mm1");
        Assert.Equal("MM1", Assert.Single(accounts.GetProperty("accounts").EnumerateArray()).GetProperty("account_id").GetString());

        var blotter = await _app.GetJsonAsync("/api/blotter?ticker=esz6&date=" + SampleFeeds.SampleDate);
        Assert.NotEmpty(blotter.GetProperty("trades").EnumerateArray());
        Assert.All(blotter.GetProperty("trades").EnumerateArray(), t => Assert.Equal("ESZ6", t.GetProperty("ticker").GetString()));
        var blotterAccount = await _app.GetJsonAsync("/api/blotter?account_id=hedge&date=" + SampleFeeds.SampleDate);
        Assert.NotEmpty(blotterAccount.GetProperty("trades").EnumerateArray());

        var market = await _app.GetJsonAsync("/api/market?ticker=znz6");
        Assert.Equal("ZNZ6", Assert.Single(market.GetProperty("prices").EnumerateArray()).GetProperty("ticker").GetString());
        var orders = await _app.GetJsonAsync("/api/orders?account_id=mm1");
        Assert.NotEmpty(orders.GetProperty("orders").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_ui_paths_get_an_html_404_page_with_a_link_home_and_api_paths_stay_json()
    {
        using var client = _app.CreateClient();
        using var page = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains("/no-such-page", html, StringComparison.Ordinal);

        using var api = await _app.Api.GetAsync("/api/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal("not_found", body.RootElement.GetProperty("error").GetString());
    }

    private static List<string> Keys(JsonElement body) =>
        body.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("key").GetString()!).ToList();
}
