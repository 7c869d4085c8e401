using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.Browser;

/// <summary>Every page in a real browser: the samples' data, no console errors, nothing fetched from outside.</summary>
[Trait("Needs", "servers")]
public sealed class PageTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _fixture;

    public PageTests(BrowserFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("overview", "/", "#feeds tr[data-feed='market-data'] .badge", "COMPLETED")]
    [InlineData("positions", "/positions", "table[data-account='MM1'] tr[data-ticker='ZNZ6'] td.qty", "-30")]
    [InlineData("accounts", "/accounts", "tr[data-account='HEDGE'] td.sym", "HEDGE")]
    [InlineData("market", "/market", "#prices tr[data-ticker='ZNZ6'] td.last", "112.421875")]
    [InlineData("orders", "/orders", "tr[data-order='tt-7f3c02'] td.sell", "SELL")]
    [InlineData("blotter", "/blotter", "tr[data-trade='T-1003'] td.sell", "SELL")]
    [InlineData("alarms", "/alarms?state=ALL", "#alarms tbody tr .badge", "")]
    [InlineData("files", "/files", "tr[data-key='trades/2026/11/20/fills_20261120_1430.csv'] .badge", "COMPLETED")]
    public async Task Page_renders_the_samples_live_with_no_errors_and_only_local_requests(string name, string path, string selector, string expected)
    {
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        if (name == "alarms")
        {
            // The sweep raises STALE_MARKET_DATA for the days-old sample prices within a few seconds of start.
            await WaitForAlarmAsync();
        }

        await page.GotoAsync(_fixture.App.BaseUrl + path);
        var cell = page.Locator(selector).First;
        await Assertions.Expect(cell).ToBeVisibleAsync();
        if (expected.Length > 0)
        {
            await Assertions.Expect(cell).ToHaveTextAsync(expected);
        }

        // The page's live channel is open.
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("LIVE");
        if (name == "market")
        {
            await Assertions.Expect(page.Locator("#charts .chart[data-ticker='ZNZ6'] canvas")).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"{name}.png"), FullPage = true });
        Assert.Empty(watched.ConsoleErrors);
        Assert.NotEmpty(watched.Urls);
        Assert.All(watched.Urls, url => Assert.StartsWith(_fixture.App.BaseUrl + "/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keyboard_shortcuts_navigate_and_tables_sort_by_click()
    {
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("LIVE");
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page).ToHaveURLAsync(_fixture.App.BaseUrl + "/positions");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Positions");

        var table = page.Locator("table[data-account='MM1']");
        var netQty = table.Locator("thead th", new LocatorLocatorOptions { HasText = "Net qty" });
        await netQty.ClickAsync();
        // Expect retries until the page has handled the event (a keypress is dispatched asynchronously).
        await Assertions.Expect(table.Locator("tbody td.qty")).ToHaveTextAsync(["-60", "-30", "100"]);
        await netQty.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(table.Locator("tbody td.qty")).ToHaveTextAsync(["100", "-30", "-60"]);
        await Assertions.Expect(netQty).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Empty(watched.ConsoleErrors);
    }

    private async Task WaitForAlarmAsync() =>
        await Poll.UntilAsync(
            async () => (await _fixture.App.Api.GetStringAsync("/api/alarms?state=ACTIVE")).Contains("alarm_id", StringComparison.Ordinal),
            "an active alarm");
}
