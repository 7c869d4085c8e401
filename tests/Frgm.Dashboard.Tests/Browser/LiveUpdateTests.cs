using System.Text.Json;
using Frgm.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.Browser;

/// <summary>Files dropped into the bucket folders show up on open pages without a reload; acknowledging works.</summary>
[Trait("Needs", "servers")]
public sealed class LiveUpdateTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _fixture;

    public LiveUpdateTests(BrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_dropped_trade_file_updates_the_open_positions_and_files_pages_without_reload()
    {
        await using var positionsTab = await _fixture.Browser.OpenAsync();
        await using var filesTab = await _fixture.Browser.OpenAsync();
        var positions = positionsTab.Page;
        var files = filesTab.Page;
        await positions.GotoAsync(_fixture.App.BaseUrl + "/positions?account_id=HEDGE");
        await files.GotoAsync(_fixture.App.BaseUrl + "/files");
        await Assertions.Expect(positions.Locator("#live")).ToHaveTextAsync("LIVE");
        await Assertions.Expect(files.Locator("#live")).ToHaveTextAsync("LIVE");
        var netQty = positions.Locator("tr[data-ticker='ESZ6'] td.qty");
        await Assertions.Expect(netQty).ToHaveTextAsync("2");
        await positions.EvaluateAsync("() => { window.__notReloaded = true; }");

        var key = "trades/2026/11/20/live_fills_20261120_1500.csv";
        SampleFeeds.Drop(_fixture.App.DataDir, "trades", key,
            "trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time\nLIVE-1,2026-11-20,HEDGE,ESZ6,BUY,1000,6020.00,2026-11-20T15:00:00Z\n");

        await Assertions.Expect(netQty).ToHaveTextAsync("1,002", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await Assertions.Expect(files.Locator($"tr[data-key='{key}'] .badge")).ToHaveTextAsync("COMPLETED", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        Assert.True(await positions.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        Assert.Empty(positionsTab.ConsoleErrors);
        Assert.Empty(filesTab.ConsoleErrors);
    }

    [Fact]
    public async Task Acknowledge_button_acknowledges_the_alarm_for_the_named_operator()
    {
        await Poll.UntilAsync(
            async () => (await _fixture.App.Api.GetStringAsync("/api/alarms?state=ACTIVE")).Contains("alarm_id", StringComparison.Ordinal),
            "an active alarm");
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/alarms?state=ACTIVE");
        // Wait until the live stream is connected: its first refresh redraws the table and would drop a name
        // typed into the form before it.
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("LIVE");
        var button = page.Locator("button.ack").First;
        await Assertions.Expect(button).ToBeVisibleAsync();
        var alarmId = await button.GetAttributeAsync("data-ack");
        Assert.NotNull(alarmId);

        await page.FillAsync("#operator", "night-desk");
        await button.ClickAsync();

        // The ACTIVE view drops the row once acknowledged (a condition alarm turns ACKNOWLEDGED, a latched event
        // alarm CLEARED); the API confirms who acknowledged it.
        await Assertions.Expect(page.Locator($"tr[data-alarm='{alarmId}']")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });
        using var alarm = JsonDocument.Parse(await _fixture.App.Api.GetStringAsync("/api/alarms"));
        var acked = alarm.RootElement.GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("alarm_id").GetString() == alarmId);
        Assert.Equal("night-desk", acked.GetProperty("acknowledged_by").GetString());
        Assert.Empty(watched.ConsoleErrors);
    }
}
