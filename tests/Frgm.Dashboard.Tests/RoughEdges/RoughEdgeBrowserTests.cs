using System.Text.Json;
using Frgm.Dashboard.Tests.Browser;
using Frgm.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.RoughEdges;

/// <summary>The rough edges of issue 15 in real Chromium: state kept across live refresh, widths, focus, chart formats.</summary>
[Trait("Needs", "servers")]
public sealed class RoughEdgeBrowserTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _fixture;

    public RoughEdgeBrowserTests(BrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task An_open_row_error_list_stays_open_across_a_live_refresh()
    {
        var bad = "trades/2026/11/20/bad_rows_20261120_1600.csv";
        SampleFeeds.Drop(_fixture.App.DataDir, "trades", bad,
            "trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time\nBAD-1,2026-11-20,HEDGE,ESZ6,HOLD,1,6020.00,2026-11-20T16:00:00Z\n");
        await _fixture.App.WaitForFilesAsync([bad]);
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/files");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("LIVE");
        var details = page.Locator($"tr[data-key='{bad}'] details.errors");
        await details.Locator("summary").ClickAsync();
        await Assertions.Expect(details).ToHaveAttributeAsync("open", string.Empty);
        var before = await page.EvaluateAsync<string?>("() => document.getElementById('panel').dataset.updated || ''");

        // Another file arrives: the panel is fetched and swapped in again.
        var next = "trades/2026/11/20/next_20261120_1601.csv";
        SampleFeeds.Drop(_fixture.App.DataDir, "trades", next,
            "trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time\nNEXT-1,2026-11-20,HEDGE,ESZ6,BUY,1,6020.00,2026-11-20T16:01:00Z\n");
        await Assertions.Expect(page.Locator($"tr[data-key='{next}']")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });
        Assert.NotEqual(before, await page.EvaluateAsync<string?>("() => document.getElementById('panel').dataset.updated || ''"));
        await Assertions.Expect(details).ToHaveAttributeAsync("open", string.Empty);
        await Assertions.Expect(details.Locator("li").First).ToBeVisibleAsync();
        Assert.Empty(watched.ConsoleErrors);
    }

    [Fact]
    public async Task The_alarms_ack_form_keeps_what_was_typed_across_live_refreshes()
    {
        await WaitForAlarmAsync();
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/alarms?state=ALL");
        await page.FillAsync("#operator", "desk-a");
        await page.FillAsync("#ack-comment", "looking into it");
        await page.Locator("h1").ClickAsync();
        for (var i = 0; i < 3; i++)
        {
            var before = await page.EvaluateAsync<string?>("() => document.getElementById('panel').dataset.updated || ''");
            await page.Keyboard.PressAsync("r");
            await page.WaitForFunctionAsync("b => (document.getElementById('panel').dataset.updated || '') !== b", before);
        }

        Assert.Equal("desk-a", await page.InputValueAsync("#operator"));
        Assert.Equal("looking into it", await page.InputValueAsync("#ack-comment"));
        await Assertions.Expect(page.Locator("#alarms button.ack").First).ToBeVisibleAsync();
        Assert.Empty(watched.ConsoleErrors);
    }

    [Fact]
    public async Task Files_page_filters_by_business_date_feed_and_key_and_pages()
    {
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/files?date=2026-11-19");
        await Assertions.Expect(page.Locator("tr[data-key='eod/2026/11/19/actant_eod_20261119.csv']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("tr[data-key='sod/2026/11/20/actant_sod_20261120.csv']")).ToHaveCountAsync(0);

        await page.GotoAsync(_fixture.App.BaseUrl + "/files?feed=sod&key=SOD_2026");
        await Assertions.Expect(page.Locator("#files tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("select[name='feed']")).ToHaveValueAsync("sod");
        Assert.Empty(watched.ConsoleErrors);
    }

    [Fact]
    public async Task Slash_focuses_the_first_text_filter_that_is_not_the_date()
    {
        await using var watched = await _fixture.Browser.OpenAsync();
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + "/positions");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("LIVE");
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.Locator("input[name='account_id']")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("MM1");
        Assert.Equal(string.Empty, await page.InputValueAsync("input[name='date']"));
    }

    [Theory]
    [MemberData(nameof(UiPages.All), MemberType = typeof(UiPages))]
    public async Task Every_page_fits_a_1366_pixel_window(string path)
    {
        await WaitForAlarmAsync();
        await using var watched = await _fixture.Browser.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = watched.Page;
        await page.GotoAsync(_fixture.App.BaseUrl + path);
        await Assertions.Expect(page.Locator("#panel")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 1366, $"{path} is {width} px wide at a 1,366 px window");
        if (path.StartsWith("/alarms", StringComparison.Ordinal) || path == "/")
        {
            var table = path == "/" ? "#open-alarms" : "#alarms";
            await Assertions.Expect(page.Locator($"{table} tbody tr").First).ToBeVisibleAsync();
            // The right edge of the value, threshold and action cells of every row is inside the window.
            var right = await page.EvaluateAsync<double>(
                "t => Math.max(...Array.from(document.querySelectorAll(t + ' tbody tr')).flatMap(r => Array.from(r.cells).slice(-4)).map(c => c.getBoundingClientRect().right))",
                table);
            Assert.True(right <= 1366, $"{path}: the alarm table's last columns end at {right} px");
        }
    }

    [Fact]
    public async Task Charts_show_utc_times_and_plain_numbers_in_a_chicago_german_browser()
    {
        await using var watched = await _fixture.Browser.OpenAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            TimezoneId = "America/Chicago",
            Locale = "de-DE",
        });
        var page = watched.Page;
        // Keep every uPlot the page makes (the page itself exposes none): wrap the constructor as the library is defined.
        await page.AddInitScriptAsync(CapturePlots);
        await page.GotoAsync(_fixture.App.BaseUrl + "/market");
        Assert.Equal("America/Chicago", await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone"));
        var chart = page.Locator("#charts .chart[data-ticker='ZNZ6']");
        await Assertions.Expect(chart.Locator("canvas")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const p = (window.__plots || []).find(p => p.root.parentElement.dataset.ticker === 'ZNZ6'); return p && p.data[0].length > 0 && p.axes[0]._values && p.axes[1]._values; }");
        var axes = await page.EvaluateAsync<JsonElement>(
            "() => { const p = (window.__plots || []).find(p => p.root.parentElement.dataset.ticker === 'ZNZ6'); return { x: p.axes[0]._values, xs: p.axes[0]._splits, y: p.axes[1]._values, ySize: p.axes[1]._size, t: p.data[0] }; }");
        var xs = axes.GetProperty("xs").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var x = axes.GetProperty("x").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.NotEmpty(x);
        for (var i = 0; i < x.Count; i++)
        {
            var utc = DateTimeOffset.FromUnixTimeMilliseconds((long)(xs[i] * 1000)).UtcDateTime;
            Assert.Equal(utc.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), x[i]);
        }

        var y = axes.GetProperty("y").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.NotEmpty(y);
        Assert.All(y, label => Assert.Matches(@"^-?\d+(\.\d+)?$", label));

        // The axis is wide enough for its longest label (nothing clipped at the left edge).
        var longest = await page.EvaluateAsync<double>(
            "() => { const p = (window.__plots || []).find(p => p.root.parentElement.dataset.ticker === 'ZNZ6'); const c = document.createElement('canvas').getContext('2d'); c.font = p.axes[1].font[0]; return Math.max(...p.axes[1]._values.map(v => c.measureText(String(v)).width)) / (window.devicePixelRatio || 1); }");
        Assert.True(axes.GetProperty("ySize").GetDouble() >= longest + 8, $"y axis {axes.GetProperty("ySize").GetDouble()} px for a {longest} px label");
        Assert.Empty(watched.ConsoleErrors);
    }

    private const string CapturePlots = """
        (() => {
          let real;
          Object.defineProperty(window, 'uPlot', {
            configurable: true,
            get() { return real; },
            set(lib) {
              const plots = window.__plots = [];
              function Captured(opts, data, target) { const u = new lib(opts, data, target); plots.push(u); return u; }
              Object.assign(Captured, lib);
              Captured.prototype = lib.prototype;
              real = Captured;
            },
          });
        })();
        """;

    private async Task WaitForAlarmAsync() =>
        await Poll.UntilAsync(
            async () => (await _fixture.App.Api.GetStringAsync("/api/alarms?state=ACTIVE")).Contains("alarm_id", StringComparison.Ordinal),
            "an active alarm");
}
