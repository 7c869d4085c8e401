using Frgm.Dashboard.Tests.Support;
using Frgm.TestSupport;

namespace Frgm.Dashboard.Tests.Browser;

/// <summary>One Kestrel dashboard with the samples and one Chromium for a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public KestrelDashboard App { get; private set; } = null!;

    public BrowserSession Browser { get; private set; } = null!;

    public static string ScreenshotDir => Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        App = await KestrelDashboard.StartAsync("browser");
        Browser = await BrowserSession.LaunchAsync();
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}
