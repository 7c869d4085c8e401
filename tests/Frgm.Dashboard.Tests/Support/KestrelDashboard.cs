using System.Text.Json;
using Frgm.Dashboard.Hosting;
using Frgm.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace Frgm.Dashboard.Tests.Support;

/// <summary>The real app on real Kestrel, on a free loopback port, in embedded mode over a temp DataDir.</summary>
public sealed class KestrelDashboard : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelDashboard(WebApplication app, string dataDir, string baseUrl)
    {
        _app = app;
        DataDir = dataDir;
        BaseUrl = baseUrl;
        Api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        Api.DefaultRequestHeaders.Add("X-API-Key", DashboardTestData.ApiKey);
    }

    public string DataDir { get; }

    public string BaseUrl { get; }

    public HttpClient Api { get; }

    public static Task<KestrelDashboard> StartAsync(string name, bool withSamples = true, params string[] extraArgs) =>
        StartOnAsync(DashboardTestData.NewDataDir(name), withSamples, extraArgs);

    /// <summary>Starts on an existing data directory (e.g. one holding a prepared frgm.db); deleted on dispose.</summary>
    public static async Task<KestrelDashboard> StartOnAsync(string dataDir, bool withSamples, params string[] extraArgs)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        string[] args =
        [
            "--urls", baseUrl,
            "--Frgm:Mode=Embedded",
            $"--Frgm:DataDir={dataDir}",
            "--Frgm:Demo=false",
            $"--Frgm:ApiKey={DashboardTestData.ApiKey}",
            $"--Frgm:InstrumentsFile={SampleFeeds.InstrumentsFile}",
            "--Frgm:SweepSeconds=1",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = await DashboardHost.BuildAsync(args);
        await app.StartAsync();
        var dashboard = new KestrelDashboard(app, dataDir, baseUrl);
        if (withSamples)
        {
            SampleFeeds.DropAll(dataDir);
            await dashboard.WaitForFilesAsync(SampleFeeds.Keys);
        }

        return dashboard;
    }

    /// <summary>Waits until every key is in the ledger with a final status.</summary>
    public Task WaitForFilesAsync(IEnumerable<string> keys, TimeSpan? timeout = null)
    {
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        return Poll.UntilAsync(
            async () =>
            {
                using var doc = JsonDocument.Parse(await Api.GetStringAsync("/api/files?limit=5000"));
                return doc.RootElement.GetProperty("files").EnumerateArray()
                    .Count(f => wanted.Contains(f.GetProperty("key").GetString() ?? string.Empty) && f.GetProperty("status").GetString() != "PROCESSING") == wanted.Count;
            },
            $"{wanted.Count} file(s) to be ingested",
            timeout);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        DashboardTestData.DeleteQuietly(DataDir);
    }
}
