using Microsoft.Playwright;

namespace Frgm.Dashboard.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never Playwright's own browser download), headless, one per test class.
/// Each page records console errors and every URL it requests, so tests can prove nothing leaves the app.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> LaunchAsync()
    {
        Frgm.TestSupport.ServerTests.EnsureAllowed("Chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BrowserSession(playwright, browser);
    }

    public Task<WatchedPage> OpenAsync() =>
        OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });

    /// <summary>A page in a context of its own options (window size, time zone, locale).</summary>
    public async Task<WatchedPage> OpenAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watched.ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => watched.ConsoleErrors.Add(error);
        await page.RouteAsync("**/*", async route =>
        {
            lock (watched.Urls)
            {
                watched.Urls.Add(route.Request.Url);
            }

            await route.ContinueAsync();
        });
        return watched;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}

public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public WatchedPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    public List<string> ConsoleErrors { get; } = [];

    public List<string> Urls { get; } = [];

    public ValueTask DisposeAsync() => new(_context.CloseAsync());
}
