using System.Diagnostics;

namespace Frgm.TestSupport;

/// <summary>
/// The dashboard as its own process (the Frgm.Dashboard.dll beside the caller's assembly), in embedded mode on a
/// data directory, so its memory is measured alone; stopped by PID.
/// </summary>
public sealed class DashboardChildProcess : IDisposable
{
    private readonly LocalServerProcess _server;

    private DashboardChildProcess(LocalServerProcess server, string baseUrl, TimeSpan startedIn)
    {
        _server = server;
        BaseUrl = baseUrl;
        StartedIn = startedIn;
    }

    public string BaseUrl { get; }

    public int Pid => _server.Pid;

    /// <summary>From process start to the first 200 from /health.</summary>
    public TimeSpan StartedIn { get; }

    public string Output => _server.Output;

    public static async Task<DashboardChildProcess> StartAsync(string dataDir, string apiKey, params string[] extraArgs)
    {
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(AppContext.BaseDirectory, "Frgm.Dashboard.dll");
        var started = Stopwatch.StartNew();
        var server = LocalServerProcess.Start(
            "dashboard",
            "dotnet",
            [dll, "--urls", baseUrl, "--Frgm:Mode=Embedded", $"--Frgm:DataDir={dataDir}", "--Frgm:Demo=false", $"--Frgm:ApiKey={apiKey}",
                "--Logging:LogLevel:Default=Warning", .. extraArgs],
            port,
            startTimeout: TimeSpan.FromSeconds(120));
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        while (true)
        {
            if (started.Elapsed > TimeSpan.FromSeconds(120) || server.HasExited)
            {
                var output = server.Output;
                server.Dispose();
                throw new InvalidOperationException($"the dashboard never answered /health: {output}");
            }

            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        return new DashboardChildProcess(server, baseUrl, started.Elapsed);
    }

    public long PeakResidentBytes => ProcessMemory.PeakResidentBytes(Pid);

    public long ResidentBytes => ProcessMemory.ResidentBytes(Pid);

    public void Dispose() => _server.Dispose();
}
