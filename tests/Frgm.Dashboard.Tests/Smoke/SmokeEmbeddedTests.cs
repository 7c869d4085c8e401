using Frgm.Dashboard.Tests.Support;
using Frgm.Domain.Model;
using Frgm.Smoke;
using Frgm.Storage.Embedded;
using Frgm.TestSupport;

namespace Frgm.Dashboard.Tests.Smoke;

/// <summary>Issue 14 item 3: the smoke command against a real embedded dashboard, and against broken ones.</summary>
public sealed class SmokeEmbeddedTests
{
    [Fact]
    public async Task Passes_against_an_embedded_dashboard_and_leaves_no_canary_behind()
    {
        await using var dashboard = await KestrelDashboard.StartAsync("smoke-embedded");
        var (exit, output, errors) = await RunAsync("--url", dashboard.BaseUrl, "--env", "dev", "--key", DashboardTestData.ApiKey, "--canary", "embedded", "--data-dir", dashboard.DataDir, "--timeout", "60");

        Assert.True(exit == 0, output + errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        foreach (var check in new[] { "GET /health", "GET /ready", "GET /api/positions", "GET /api/accounts", "GET /api/blotter", "GET /api/market", "GET /api/orders", "GET /api/alarms", "GET /api/files", "wrong API key gets 401", "canary processed", "canary removed" })
        {
            Assert.Single(lines, l => l.StartsWith("PASS  " + check, StringComparison.Ordinal));
        }

        Assert.EndsWith("13 passed, 0 failed", lines[^1].TrimEnd(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dashboard.DataDir, "buckets", "actant", "canary", "dev")) && Directory.EnumerateFiles(Path.Combine(dashboard.DataDir, "buckets", "actant", "canary", "dev")).Any());
        var files = await dashboard.Api.GetStringAsync("/api/files?limit=5000");
        Assert.DoesNotContain("canary/", files, StringComparison.Ordinal);
        Assert.Contains("market-data/2026/11/20/", files, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_clearly_with_a_wrong_key_and_against_nothing_listening()
    {
        await using var dashboard = await KestrelDashboard.StartAsync("smoke-wrong-key", withSamples: false);
        var (exit, output, _) = await RunAsync("--url", dashboard.BaseUrl, "--env", "dev", "--key", "not-the-key");

        Assert.Equal(1, exit);
        Assert.Contains("PASS  GET /health", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  GET /api/positions", output, StringComparison.Ordinal);
        Assert.Contains("HTTP 401, expected 200", output, StringComparison.Ordinal);

        var (down, downOutput, _) = await RunAsync("--url", $"http://127.0.0.1:{FreePort.Next()}", "--env", "dev", "--key", "k");
        Assert.Equal(1, down);
        Assert.Contains("FAIL  GET /health", downOutput, StringComparison.Ordinal);
        Assert.Contains("0 passed, 10 failed", downOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_when_the_canary_is_never_processed()
    {
        // A dashboard whose ingestion watches another folder: the canary lands where nobody reads it.
        await using var dashboard = await KestrelDashboard.StartAsync("smoke-stuck", withSamples: false);
        var elsewhere = DashboardTestData.NewDataDir("smoke-elsewhere");
        try
        {
            var (exit, output, _) = await RunAsync("--url", dashboard.BaseUrl, "--env", "dev", "--key", DashboardTestData.ApiKey, "--canary", "embedded", "--data-dir", elsewhere, "--timeout", "3");

            Assert.Equal(1, exit);
            Assert.Contains("FAIL  canary processed (/api/files)", output, StringComparison.Ordinal);
            Assert.Contains("not processed within 3 s", output, StringComparison.Ordinal);
            Assert.Contains("PASS  canary removed with its history", output, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(elsewhere, "buckets"), "*", SearchOption.AllDirectories));
        }
        finally
        {
            EmbeddedStorage.ReleaseConnections();
            DashboardTestData.DeleteQuietly(elsewhere);
        }
    }

    [Theory]
    [InlineData("--url", "ftp://x", "--env", "dev", "--key", "k")]
    [InlineData("--url", "http://127.0.0.1:1", "--key", "k")]
    [InlineData("--url", "http://127.0.0.1:1", "--env", "dev")]
    [InlineData("--url", "http://127.0.0.1:1", "--env", "dev", "--key", "k", "--canary", "embedded")]
    public async Task Bad_arguments_exit_2_with_the_usage(params string[] args)
    {
        var (exit, _, errors) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("usage: smoke", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_canary_key_is_under_the_reserved_folder_the_router_never_applies()
    {
        var key = Canary.NewKey("prod", DateTimeOffset.UtcNow);
        Assert.StartsWith("canary/prod/smoke_", key, StringComparison.Ordinal);
        var route = Frgm.Domain.Feeds.ObjectKeyRouter.Route(BucketRole.Actant, key, DateTimeOffset.UtcNow);
        Assert.True(route.IsIgnored);
        Assert.Null(route.Feed);
    }

    internal static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await SmokeCommand.RunAsync(["smoke", .. args], stdout, stderr, _ => null, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
