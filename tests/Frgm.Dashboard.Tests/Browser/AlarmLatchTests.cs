using System.Text.Json;
using Frgm.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.Browser;

/// <summary>
/// A CRITICAL FEED_FAILED stays on the Overview after a later good file on the same feed, until a person
/// acknowledges it on the Alarms page; its history then says who did it and why. Real Kestrel, real Chromium.
/// </summary>
public sealed class AlarmLatchTests : IAsyncLifetime
{
    private const string Broken = "market-data/2026/11/20/GE_XCME.ZN_20261120_150000.csv";
    private const string Good = "market-data/2026/11/20/GE_XCME.ZN_20261120_150005.csv";
    private static readonly LocatorAssertionsToHaveTextOptions Wait = new() { Timeout = 15_000 };

    private KestrelDashboard _app = null!;
    private BrowserSession _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await KestrelDashboard.StartAsync("latch", withSamples: false);
        _browser = await BrowserSession.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_FEED_FAILED_stays_on_the_Overview_after_a_later_good_file_until_someone_acknowledges_it()
    {
        await using var overviewTab = await _browser.OpenAsync();
        var overview = overviewTab.Page;
        await overview.GotoAsync(_app.BaseUrl + "/");
        await Assertions.Expect(overview.Locator("#live")).ToHaveTextAsync("LIVE");
        var critical = overview.Locator(".card[data-severity='CRITICAL'] .big");
        await Assertions.Expect(critical).ToHaveTextAsync("0");

        SampleFeeds.Drop(_app.DataDir, "actant", Broken, "instrument,bid,ask\nZNZ6,112.40625,112.4375\n");
        await Assertions.Expect(critical).ToHaveTextAsync("1", Wait);
        var row = overview.Locator("#open-alarms tr", new PageLocatorOptions { HasText = "FEED_FAILED" });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // A later, different file on the same feed succeeds. The page re-renders for it (the feed's last file is the
        // good one), and the failed file's alarm is still there, still counted.
        SampleFeeds.Drop(_app.DataDir, "actant", Good, "instrument,price\nZNZ6,112.5\n");
        await _app.WaitForFilesAsync([Broken, Good]);
        await Assertions.Expect(overview.Locator("tr[data-feed='market-data'] td.path")).ToHaveTextAsync(Good, Wait);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await Assertions.Expect(critical).ToHaveTextAsync("1");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var alarmId = await row.GetAttributeAsync("data-alarm");
        Assert.NotNull(alarmId);

        await using var alarmsTab = await _browser.OpenAsync();
        var alarms = alarmsTab.Page;
        await alarms.GotoAsync(_app.BaseUrl + "/alarms?state=NEEDS_ACK");
        await alarms.FillAsync("#operator", "ops-jane");
        await alarms.FillAsync("#ack-comment", "Actant re-sends the 15:00 file");
        await alarms.Locator($"button[data-ack='{alarmId}']").ClickAsync();

        await Assertions.Expect(critical).ToHaveTextAsync("0", Wait);
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(alarms.Locator($"tr[data-alarm='{alarmId}']")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });

        await alarms.GotoAsync(_app.BaseUrl + "/alarms?state=ALL");
        await alarms.Locator($"tr[data-alarm='{alarmId}'] a.history").ClickAsync();
        var history = alarms.Locator("#history tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(2);
        await Assertions.Expect(history.Nth(0)).ToHaveAttributeAsync("data-event", "raised");
        await Assertions.Expect(history.Nth(1)).ToHaveAttributeAsync("data-event", "acknowledged");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("ops-jane");
        await Assertions.Expect(history.Nth(1)).ToContainTextAsync("Actant re-sends the 15:00 file");

        using var stored = JsonDocument.Parse(await _app.Api.GetStringAsync("/api/alarms?state=CLEARED"));
        var acked = stored.RootElement.GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("alarm_id").GetString() == alarmId);
        Assert.Equal(("ops-jane", "Actant re-sends the 15:00 file"), (acked.GetProperty("acknowledged_by").GetString(), acked.GetProperty("comment").GetString()));
        Assert.Empty(overviewTab.ConsoleErrors);
        Assert.Empty(alarmsTab.ConsoleErrors);
    }
}
