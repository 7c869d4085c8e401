using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frgm.Domain.Model;
using Frgm.Functions.Handlers;
using Frgm.Functions.Hosting;
using Frgm.Functions.Runner;
using Frgm.Storage.Embedded;
using Frgm.TestSupport;

namespace Frgm.Benchmarks;

/// <summary>
/// Lambda-shaped timings: a cold start proxy (a fresh <c>dotnet Frgm.Functions.dll invoke ingest</c> process,
/// start → response, median of 5) and the warm in-process cost of one market-data file through the ingest
/// handler (embedded storage on tmpfs, so store latency is negligible).
/// </summary>
internal sealed class FunctionsBenchmark : IBenchmark
{
    private const int ColdRuns = 5;
    private const int WarmFiles = 20;

    public string Name => "functions";

    public string Description => "cold start proxy (new runner process) and warm ingest per 1k-row market file";

    public async Task RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = options.Rows ?? 1000;
        var scratch = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : options.WorkDir, "frgm-functions-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            await ColdStartAsync(scratch, rows);
            await WarmAsync(scratch, rows);
        }
        finally
        {
            EmbeddedStorage.ReleaseConnections();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task ColdStartAsync(string scratch, int rows)
    {
        var dll = Path.Combine(RepoPaths.Root, "lambdas", "Frgm.Functions", "bin", "Release", "net10.0", "Frgm.Functions.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine($"cold start: {dll} missing; run with -c Release so the functions project is built");
            return;
        }

        var times = new List<double>();
        for (var run = 0; run < ColdRuns; run++)
        {
            var at = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero).AddMinutes(run);
            var key = MarketKey(at);
            var file = Path.Combine(scratch, $"cold-{run}.csv");
            await File.WriteAllTextAsync(file, MarketCsv(rows, at));
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { dll, "invoke", "ingest", "--file", file, "--bucket", "actant", "--key", key, "--embedded", Path.Combine(scratch, "cold-data") })
            {
                info.ArgumentList.Add(arg);
            }

            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            stopwatch.Stop();
            if (process.ExitCode != 0 || !(await stdout).Contains("batchItemFailures", StringComparison.Ordinal))
            {
                Console.WriteLine($"cold start run {run} failed (exit {process.ExitCode}): {await stdout}\n{Tail(await stderr)}");
                return;
            }

            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"cold start proxy (process start → response, ingest of a {rows}-row file): median {Median(times):0} ms over {ColdRuns} runs (min {times.Min():0}, max {times.Max():0})"));
    }

    private static async Task WarmAsync(string scratch, int rows)
    {
        var dataDir = Path.Combine(scratch, "warm-data");
        var output = TextWriter.Null;
        var host = new FunctionHost(_ => null, output, (_, _) => Task.FromResult(EmbeddedStorage.Create(dataDir)));
        var function = new IngestFunction(host);
        var ingestion = await host.GetIngestionAsync(CancellationToken.None);
        var times = new List<double>();
        for (var i = 0; i < WarmFiles + 3; i++)
        {
            var at = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero).AddMinutes(i);
            var key = MarketKey(at);
            await ingestion.Storage.Objects.WriteAsync(BucketRole.Actant, key, Encoding.UTF8.GetBytes(MarketCsv(rows, at)), CancellationToken.None);
            var input = new MemoryStream(Encoding.UTF8.GetBytes(LocalRunner.IngestEvent(host, BucketRole.Actant, [key], at)));
            var stopwatch = Stopwatch.StartNew();
            await using var response = await function.HandleAsync(input);
            stopwatch.Stop();
            if (i >= 3)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"warm ingest handler, {rows}-row market file, embedded storage on tmpfs: median {Median(times):0.0} ms/file over {WarmFiles} files (min {times.Min():0.0}, max {times.Max():0.0}) = {rows / (Median(times) / 1000):0} rows/s"));
    }

    private static string MarketKey(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"market-data/{at:yyyy/MM/dd}/GE_XCME.BENCH_{at:yyyyMMdd_HHmmss}.csv");

    private static string MarketCsv(int rows, DateTimeOffset at)
    {
        var csv = new StringBuilder("instrument,price,bid,ask,volume,timestamp\n");
        for (var i = 0; i < rows; i++)
        {
            var price = 100m + (i % 97 * 0.015625m);
            csv.Append(CultureInfo.InvariantCulture, $"BENCH{i:D5},{price},{price - 0.015625m},{price + 0.015625m},{1000 + i},{at.AddMilliseconds(i):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\n");
        }

        return csv.ToString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
