using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.Browser;

/// <summary>The Risk page in Chromium: drill-down that survives a live refresh, and the scenario heat map.</summary>
[Trait("Needs", "servers")]
public sealed class RiskPageTests : IClassFixture<BrowserFixture>
{
    private const string Sep = "\u001f";
    private readonly BrowserFixture _fixture;

    public RiskPageTests(BrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Rows_expand_to_contracts_and_stay_open_across_a_refresh()
    {
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/risk");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("LIVE");

        var product = page.Locator("tr[data-path='ZN']");
        var underlying = page.Locator($"tr[data-path='ZN{Sep}ZNZ6']");
        await Assertions.Expect(product).ToBeVisibleAsync();
        await Assertions.Expect(underlying).ToBeHiddenAsync();

        await product.Locator(".risk-toggle").ClickAsync();
        await Assertions.Expect(underlying).ToBeVisibleAsync();
        await Assertions.Expect(product).ToHaveAttributeAsync("aria-expanded", "true");
        await underlying.Locator(".risk-toggle").ClickAsync();
        var expiry = page.Locator($"tr[data-parent='ZN{Sep}ZNZ6'][data-level='expiry']").First;
        await Assertions.Expect(expiry).ToBeVisibleAsync();
        await expiry.Locator(".risk-toggle").ClickAsync();
        var contract = page.Locator("tr[data-level='contract']:visible").First;
        await Assertions.Expect(contract).ToBeVisibleAsync();

        // A refresh ('r', the same path as a live event) swaps the panel: what was open stays open.
        var updated = await page.Locator("#panel").GetAttributeAsync("data-updated");
        await page.Locator("body").PressAsync("r");
        await Assertions.Expect(page.Locator("#panel")).Not.ToHaveAttributeAsync("data-updated", updated ?? string.Empty);
        await Assertions.Expect(underlying).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-level='contract']:visible").First).ToBeVisibleAsync();

        // Collapsing the product hides everything below it.
        await product.Locator(".risk-toggle").ClickAsync();
        await Assertions.Expect(underlying).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("tr[data-level='contract']:visible")).ToHaveCountAsync(0);
        Assert.Empty(watched.ConsoleErrors);
        Assert.All(watched.Urls, url => Assert.StartsWith(_fixture.App.BaseUrl + "/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_heat_map_shows_nine_shifts_by_three_vols_per_book_shaded_by_sign()
    {
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/risk");

        var hedge = page.Locator("table.heatmap tr[data-account='HEDGE'][data-underlying='ESZ6']");
        await Assertions.Expect(hedge).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("table.heatmap thead th.num")).ToHaveCountAsync(9);
        var row = hedge.Nth(1);
        await Assertions.Expect(row.Locator("td.heat")).ToHaveCountAsync(9);

        // HEDGE is long 2 ES: −5 % loses 2 × 50 × 301.0625 = 30,106.25, +5 % gains as much; 0 % is zero.
        await Assertions.Expect(row.Locator("td.heat[data-shift='-5']")).ToHaveTextAsync("-30,106.25");
        await Assertions.Expect(row.Locator("td.heat[data-shift='5']")).ToHaveTextAsync("30,106.25");
        await Assertions.Expect(row.Locator("td.heat[data-shift='-5']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("heat-neg-[1-5]"));
        await Assertions.Expect(row.Locator("td.heat[data-shift='5']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("heat-pos-[1-5]"));
        await Assertions.Expect(row.Locator("td.heat[data-shift='0']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("heat-0"));
        await Assertions.Expect(page.Locator("table.heatmap tr[data-account='MM1'][data-underlying='ZNZ6']")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "risk.png"), FullPage = true });
        Assert.Empty(watched.ConsoleErrors);
    }
}
