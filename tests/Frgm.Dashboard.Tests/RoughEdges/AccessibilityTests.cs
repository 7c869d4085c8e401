using Deque.AxeCore.Playwright;
using Frgm.Dashboard.Tests.Browser;
using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.RoughEdges;

/// <summary>axe-core (Deque.AxeCore.Playwright) on every page with the samples' data: no serious or critical violation.</summary>
[Trait("Needs", "servers")]
public sealed class AccessibilityTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _fixture;

    public AccessibilityTests(BrowserFixture fixture) => _fixture = fixture;

    [Theory]
    [MemberData(nameof(UiPages.All), MemberType = typeof(UiPages))]
    public async Task Page_has_no_serious_or_critical_axe_violations(string path)
    {
        await Poll.UntilAsync(
            async () => (await _fixture.App.Api.GetStringAsync("/api/alarms?state=ACTIVE")).Contains("alarm_id", StringComparison.Ordinal),
            "an active alarm");
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + path);
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("LIVE");
        if (path == "/market")
        {
            await Assertions.Expect(page.Locator("#charts canvas").First).ToBeVisibleAsync();
        }

        var results = await page.RunAxe();
        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{path}: " + string.Join(Environment.NewLine, serious));
    }
}
