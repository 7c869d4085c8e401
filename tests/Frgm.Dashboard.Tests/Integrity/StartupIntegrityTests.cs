using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Integrity;
using Frgm.Dashboard.Tests.Api;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Integrity;

/// <summary>
/// An empty or corrupt frgm.db at start-up: the process stays up, /ready says 503 naming the store and the file,
/// the API answers 503 JSON with what to do, and nothing rewrites the file. The rebuild command brings it back.
/// </summary>
public sealed class StartupIntegrityTests
{
    [Theory]
    [InlineData("empty")]
    [InlineData("corrupt")]
    public async Task An_unusable_database_keeps_the_process_up_with_ready_503_naming_it(string kind)
    {
        var dataDir = DashboardTestData.NewDataDir("integrity-" + kind);
        var path = Path.Combine(dataDir, "frgm.db");
        var content = kind == "empty" ? [] : System.Text.Encoding.ASCII.GetBytes(new string('x', 8192));
        File.WriteAllBytes(path, content);

        await using var app = await KestrelDashboard.StartOnAsync(dataDir, withSamples: false);
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("message").GetString()!;
        Assert.Equal("store_unavailable", body.RootElement.GetProperty("error").GetString());
        Assert.Contains("'sqlite'", message, StringComparison.Ordinal);
        Assert.Contains(path, message, StringComparison.Ordinal);
        Assert.Contains(DatabaseRebuild.Flag, message, StringComparison.Ordinal);
        Assert.False(body.RootElement.GetProperty("stores")[0].GetProperty("ok").GetBoolean());

        using var positions = await app.Api.GetAsync("/api/positions");
        var error = await ApiErrorTests.ErrorAsync(positions, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("store_unavailable", error.Code);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);

        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task The_rebuild_command_moves_the_broken_file_aside_and_re_ingests_the_bucket_files()
    {
        var dataDir = DashboardTestData.NewDataDir("rebuild");
        SampleFeeds.DropAll(dataDir);
        var path = Path.Combine(dataDir, "frgm.db");
        File.WriteAllText(path, new string('x', 8192));

        using var output = new StringWriter();
        var code = await DatabaseRebuild.RunAsync(
            [DatabaseRebuild.Flag, $"--Frgm:DataDir={dataDir}", $"--Frgm:InstrumentsFile={SampleFeeds.InstrumentsFile}"], output, CancellationToken.None);

        Assert.True(code == 0, output.ToString());
        var kept = Directory.GetFiles(dataDir, "frgm.db.broken-*").Single();
        Assert.Equal(new string('x', 8192), await File.ReadAllTextAsync(kept));
        Assert.Contains($"from {SampleFeeds.FileCount} file(s)", output.ToString(), StringComparison.Ordinal);

        await using var app = await KestrelDashboard.StartOnAsync(dataDir, withSamples: false);
        using var ready = await app.Api.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var files = JsonDocument.Parse(await app.Api.GetStringAsync("/api/files?limit=5000"));
        var statuses = files.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("status").GetString());
        foreach (var key in SampleFeeds.Keys)
        {
            Assert.True(statuses.TryGetValue(key, out var status) && status is "COMPLETED" or "COMPLETED_WITH_ERRORS", $"{key}: {status}");
        }

        using var positions = JsonDocument.Parse(await app.Api.GetStringAsync("/api/positions"));
        Assert.NotEqual(0, positions.RootElement.GetProperty("positions").GetArrayLength());
    }
}
