using System.Globalization;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.Browser;

/// <summary>The Accounts page's P&amp;L charts and every page's Download CSV link, in real Chromium.</summary>
[Trait("Needs", "servers")]
public sealed class PnlExportBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_pnl_chart_shows_the_days_high_and_low_with_their_utc_times_in_a_chicago_german_browser()
    {
        // A browser far from UTC with a comma decimal: the chart must still say UTC times and one number format.
        await using var context = await fixture.Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            TimezoneId = "America/Chicago",
            Locale = "de-DE",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(fixture.App.BaseUrl + "/accounts");

        var chart = page.Locator("#pnl-charts .pnl-chart[data-account='MM1']");
        await Assertions.Expect(chart.Locator("canvas")).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        using var history = JsonDocument.Parse(await fixture.App.Api.GetStringAsync("/api/accounts/MM1/pnl-history"));
        var high = history.RootElement.GetProperty("high");
        var low = history.RootElement.GetProperty("low");
        await Assertions.Expect(chart.Locator(".pnl-extremes")).ToHaveTextAsync($"High {Money(high)} at {Utc(high)} · Low {Money(low)} at {Utc(low)}");
        await Assertions.Expect(page.Locator("#pnl-charts .pnl-chart[data-account='HEDGE'] canvas")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "accounts-pnl.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Download_csv_downloads_the_pages_list_with_its_filters()
    {
        await using var watched = await fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(fixture.App.BaseUrl + "/positions?account_id=MM1");
        var link = page.Locator("a.csv-download").First;
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "/ui/export/positions?account_id=MM1");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        Assert.Equal("positions.csv", download.SuggestedFilename);
        var rows = CsvText.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal("MM1", r[0]));
        Assert.Empty(watched.ConsoleErrors);
    }

    [Theory]
    [InlineData("/positions", "/ui/export/positions")]
    [InlineData("/accounts?date=2026-11-20", "/ui/export/accounts?date=2026-11-20")]
    [InlineData("/market?ticker=ZNZ6", "/ui/export/market?ticker=ZNZ6")]
    [InlineData("/orders?account_id=HEDGE", "/ui/export/orders?account_id=HEDGE")]
    [InlineData("/blotter?date=2026-11-20&account_id=MM1&cursor=abc", "/ui/export/blotter?date=2026-11-20&account_id=MM1")]
    [InlineData("/alarms?state=ALL", "/ui/export/alarms")]
    [InlineData("/alarms?state=NEEDS_ACK&alarm=x", "/ui/export/alarms?needs_ack=true")]
    [InlineData("/alarms?state=CLEARED&account_id=MM1", "/ui/export/alarms?account_id=MM1&state=CLEARED")]
    [InlineData("/files?status=COMPLETED", "/ui/export/files?status=COMPLETED")]
    public async Task Every_list_page_links_its_csv_with_the_current_filters(string path, string href)
    {
        await using var watched = await fixture.Browser.OpenAsync();
        await watched.Page.GotoAsync(fixture.App.BaseUrl + path);
        await Assertions.Expect(watched.Page.Locator("a.csv-download").First).ToHaveAttributeAsync("href", href);
        await Assertions.Expect(watched.Page.Locator("a.csv-download").First).ToHaveTextAsync("Download CSV");
    }

    private static string Money(JsonElement point)
    {
        var v = point.GetProperty("day_pnl").GetDecimal();
        return (v > 0 ? "+" : string.Empty) + v.ToString("N2", CultureInfo.InvariantCulture);
    }

    private static string Utc(JsonElement point) =>
        DateTimeOffset.Parse(point.GetProperty("at").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
