using System.Diagnostics;
using System.Text.Json;
using Frgm.TestSupport;

namespace Frgm.Benchmarks;

/// <summary>
/// The dashboard as a child process (embedded mode, default limits) given one TT snapshot of 10k, 100k and 1M
/// working orders through the bucket folder: its peak resident memory (/proc VmHWM), idle memory after the file,
/// the size of /api/orders and the Orders fragment, then a restart: time to /health and idle memory.
/// </summary>
internal sealed class WorkingOrderMemoryBenchmark : IBenchmark
{
    private const string Key = "bench-key";

    public string Name => "orders-memory";

    public string Description => "dashboard peak/idle memory for 10k, 100k and 1M working orders (child process, default limits)";

    public async Task RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine("orders     file MB  status     ingest s  peak MB  idle MB  /api/orders KB  fragment KB  restart→/health s  idle after restart MB");
        foreach (var count in options.Rows is { } n ? [n] : new[] { 10_000, 100_000, 1_000_000 })
        {
            await RunOneAsync(options.WorkDir, count);
        }
    }

    private static async Task RunOneAsync(string workDir, int count)
    {
        var dataDir = Path.Combine(workDir, "orders-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        try
        {
            var at = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
            var key = WorkingOrderSnapshots.Key(at);
            var staging = Path.Combine(dataDir, "staging.json");
            var size = WorkingOrderSnapshots.Write(staging, at, count);
            string status;
            double ingestSeconds;
            long peak, idle, api, fragment;
            using (var child = await DashboardChildProcess.StartAsync(dataDir, Key))
            {
                using var http = Client(child);
                var target = Path.Combine(dataDir, "buckets", "tt", key);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var started = Stopwatch.StartNew();
                File.Move(staging, target);
                status = await WaitAsync(http, key);
                ingestSeconds = started.Elapsed.TotalSeconds;
                await Task.Delay(3000);
                idle = child.ResidentBytes;
                api = (await http.GetByteArrayAsync("/api/orders")).LongLength;
                fragment = (await http.GetByteArrayAsync("/ui/fragments/orders")).LongLength;
                peak = child.PeakResidentBytes;
            }

            using var restarted = await DashboardChildProcess.StartAsync(dataDir, Key);
            await Task.Delay(3000);
            var idleAfter = restarted.ResidentBytes;
            Console.WriteLine(
                $"{count,9:N0}  {size / 1048576.0,7:0.0}  {status,-9}  {ingestSeconds,8:0.0}  {peak / 1048576.0,7:0}  {idle / 1048576.0,7:0}  {api / 1024.0,14:0}  {fragment / 1024.0,11:0}  {restarted.StartedIn.TotalSeconds,17:0.0}  {idleAfter / 1048576.0,21:0}");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static HttpClient Client(DashboardChildProcess child)
    {
        var http = new HttpClient { BaseAddress = new Uri(child.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Add("X-API-Key", Key);
        return http;
    }

    private static async Task<string> WaitAsync(HttpClient http, string key)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/files?limit=50"));
            var status = doc.RootElement.GetProperty("files").EnumerateArray()
                .Where(f => f.GetProperty("key").GetString() == key)
                .Select(f => f.GetProperty("status").GetString())
                .FirstOrDefault();
            if (status is not null and not "PROCESSING")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{key} was not ingested within 10 minutes");
    }
}
