using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>
/// A store that really fails: the SQLite file is replaced by garbage under the running app (pooled connections
/// released), so every open fails with "file is not a database". Its own app: this breaks it for good.
/// </summary>
public sealed class StoreFailureTests : IClassFixture<DashboardApiFactory>
{
    private readonly DashboardApiFactory _app;

    public StoreFailureTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task A_broken_database_gives_503_json_on_the_api_and_ready_names_sqlite()
    {
        using var before = await _app.Api.GetAsync("/api/files");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        CorruptDatabase(_app.DataDir);
        // A connection still busy with the samples' last recompute keeps the replaced file open until it is returned;
        // every request after that opens the garbage. Bounded: a store that never reports failure fails here.
        await Poll.UntilAsync(
            async () =>
            {
                using var probe = await _app.Api.GetAsync("/api/files");
                return probe.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            "the API to report the broken database",
            TimeSpan.FromSeconds(20));

        using var files = await _app.Api.GetAsync("/api/files");
        var error = await ApiErrorTests.ErrorAsync(files, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("store_unavailable", error.Code);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);

        using var blotter = await _app.Api.GetAsync("/api/blotter?date=2026-11-20");
        Assert.Equal("store_unavailable", (await ApiErrorTests.ErrorAsync(blotter, HttpStatusCode.ServiceUnavailable)).Code);

        using var client = _app.CreateClient();
        using var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("store_unavailable", body.GetProperty("error").GetString());
        Assert.Contains("'sqlite'", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stores = body.GetProperty("stores").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("ok").GetBoolean());
        Assert.False(stores["sqlite"]);
        Assert.True(stores["folders"]);

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("frgm_metrics_store_up 0", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var page = await client.GetAsync("/files");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("did not answer", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void CorruptDatabase(string dataDir)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(Path.Combine(dataDir, "frgm.db" + suffix));
        }

        File.WriteAllText(Path.Combine(dataDir, "frgm.db"), new string('x', 8192));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
