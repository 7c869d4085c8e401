using System.Net;
using Frgm.Dashboard.Tests.Support;
using Frgm.TestSupport;
using Microsoft.Data.Sqlite;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>
/// Issue 14 item 4: two dashboard processes share one monitoring file (as two Fargate tasks share it on EFS). Exactly
/// one writes; when it is killed the other takes over; the file stays intact and both keep answering the API.
/// </summary>
[Trait("Needs", "servers")]
public sealed class SharedMonitoringTests : IDisposable
{
    private readonly string _shared = Directory.CreateTempSubdirectory("frgm-efs-").FullName;
    private readonly List<LocalServerProcess> _processes = [];
    private readonly List<string> _dataDirs = [];

    private string MonitoringDb => Path.Combine(_shared, "monitoring.db");

    [Fact]
    public async Task One_writer_fails_over_when_killed_and_both_serve_throughout()
    {
        var (a, aUrl) = Start("a");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-API-Key", DashboardTestData.ApiKey);
        await Poll.UntilAsync(async () => await IsWriterAsync(http, aUrl), "the first task to take the writer lease", TimeSpan.FromSeconds(60));

        var (_, bUrl) = Start("b");
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(aUrl + "/api/alarms")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(bUrl + "/api/alarms")).StatusCode);
            Assert.True(await IsWriterAsync(http, aUrl));
            Assert.False(await IsWriterAsync(http, bUrl));
            await Task.Delay(500);
        }

        var samplesBefore = SampleCount();
        Assert.True(samplesBefore > 0, "the writer records samples");
        a.Stop();   // killed, no orderly release: the lease must run out by itself

        await Poll.UntilAsync(async () => await IsWriterAsync(http, bUrl), "the second task to take over the writer lease", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(bUrl + "/api/alarms")).StatusCode);
        await Poll.UntilAsync(() => Task.FromResult(SampleCount() > samplesBefore), "the new writer to record samples", TimeSpan.FromSeconds(30));

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = MonitoringDb, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "PRAGMA journal_mode";
        Assert.Equal("delete", check.ExecuteScalar());
    }

    private (LocalServerProcess Process, string Url) Start(string name)
    {
        var dataDir = DashboardTestData.NewDataDir("shared-monitoring-" + name);
        _dataDirs.Add(dataDir);
        var port = FreePort.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "Frgm.Dashboard.dll");
        var process = LocalServerProcess.Start("dashboard-" + name, "dotnet", [
            dll,
            "--urls", $"http://127.0.0.1:{port}",
            "--Frgm:Mode=Embedded",
            $"--Frgm:DataDir={dataDir}",
            $"--Frgm:MonitoringDb={MonitoringDb}",
            "--Frgm:MonitoringSeconds=1",
            "--Frgm:Demo=false",
            $"--Frgm:ApiKey={DashboardTestData.ApiKey}",
            $"--Frgm:InstrumentsFile={SampleFeeds.InstrumentsFile}",
            "--Logging:LogLevel:Default=Warning",
        ], port, startTimeout: TimeSpan.FromSeconds(60));
        _processes.Add(process);
        return (process, $"http://127.0.0.1:{port}");
    }

    private static async Task<bool> IsWriterAsync(HttpClient http, string url)
    {
        var metrics = await http.GetStringAsync(url + "/metrics");
        return metrics.Contains("\nfrgm_monitoring_writer 1", StringComparison.Ordinal);
    }

    private long SampleCount()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = MonitoringDb, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout=5000";
        busy.ExecuteNonQuery();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM samples";
        return (long)count.ExecuteScalar()!;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        foreach (var dir in _dataDirs)
        {
            DashboardTestData.DeleteQuietly(dir);
        }

        DashboardTestData.DeleteQuietly(_shared);
    }
}
