using System.Globalization;
using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>GET /api/accounts/{account_id}/pnl-history over the ingested samples (each recompute recorded a point).</summary>
[Collection(ApiCollection.Name)]
public sealed class PnlHistoryApiTests(DashboardApiFactory app)
{
    [Theory]
    [InlineData("MM1")]
    [InlineData("HEDGE")]
    public async Task The_latest_point_is_the_accounts_day_pnl_and_high_and_low_are_points_of_the_day(string account)
    {
        var accounts = await app.GetJsonAsync("/api/accounts");
        var dayPnl = accounts.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account_id").GetString() == account).GetProperty("day_pnl").GetDecimal();

        var body = await app.GetJsonAsync($"/api/accounts/{account}/pnl-history");

        Assert.Equal(account, body.GetProperty("account_id").GetString());
        Assert.Equal(SampleFeeds.SampleDate, body.GetProperty("date").GetString());
        var points = body.GetProperty("points").EnumerateArray().Select(p => (At: At(p), Pnl: p.GetProperty("day_pnl").GetDecimal())).ToList();
        Assert.NotEmpty(points);
        Assert.Equal(dayPnl, points[^1].Pnl);
        Assert.Equal(points.OrderBy(p => p.At).ToList(), points);
        Assert.Equal(points.Count, points.Select(p => p.At.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)).Distinct().Count());
        var high = body.GetProperty("high");
        var low = body.GetProperty("low");
        Assert.Equal(points.Max(p => p.Pnl), high.GetProperty("day_pnl").GetDecimal());
        Assert.Equal(points.Min(p => p.Pnl), low.GetProperty("day_pnl").GetDecimal());
        Assert.Contains((At(high), high.GetProperty("day_pnl").GetDecimal()), points);
        Assert.Contains((At(low), low.GetProperty("day_pnl").GetDecimal()), points);
        Assert.EndsWith("Z", body.GetProperty("points")[0].GetProperty("at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_date_filter_selects_the_business_date()
    {
        var explicitDate = await app.GetJsonAsync($"/api/accounts/MM1/pnl-history?date={SampleFeeds.SampleDate}");
        var latest = await app.GetJsonAsync("/api/accounts/MM1/pnl-history");
        Assert.Equal(latest.GetProperty("points").GetRawText(), explicitDate.GetProperty("points").GetRawText());
    }

    [Theory]
    [InlineData("/api/accounts/NOBODY/pnl-history", HttpStatusCode.NotFound, "not_found", "'NOBODY'")]
    [InlineData("/api/accounts/MM1/pnl-history?date=2026-11-18", HttpStatusCode.NotFound, "not_found", "2026-11-18")]
    [InlineData("/api/accounts/MM1/pnl-history?date=2026-13-01", HttpStatusCode.BadRequest, "bad_parameter", "'date'")]
    [InlineData("/api/accounts/MM1/pnl-history?date=20261120", HttpStatusCode.BadRequest, "bad_parameter", "YYYY-MM-DD")]
    [InlineData("/api/accounts/MM1/pnl-history?format=pdf", HttpStatusCode.BadRequest, "bad_parameter", "'format'")]
    public async Task A_bad_account_or_date_is_a_json_error_naming_it(string url, HttpStatusCode status, string code, string names)
    {
        using var response = await app.Api.GetAsync(url);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, doc.RootElement.GetProperty("error").GetString());
        Assert.Contains(names, doc.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_account_id_is_cut_in_the_message()
    {
        var id = new string('A', 3000);
        using var response = await app.Api.GetAsync($"/api/accounts/{id}/pnl-history");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(body.Length < 600, body);
    }

    private static DateTimeOffset At(JsonElement point) =>
        DateTimeOffset.Parse(point.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
}
