using System.Diagnostics;
using System.Globalization;
using Frgm.Domain.Model;
using Frgm.Storage.Aws.Redis;
using Frgm.TestSupport;

namespace Frgm.Benchmarks;

/// <summary>
/// Pipelined price upserts (the keep-later script) through StackExchange.Redis into a local redis-server, plain TCP and
/// TLS + ACL. Target: ≥ 300k rows/s over TLS + ACL.
/// </summary>
internal sealed class RedisBenchmark : IBenchmark
{
    public string Name => "redis";

    public string Description => "upsert N prices (--rows, default 100000) via RedisLatestStateStore, plain TCP and TLS + ACL";

    public async Task RunAsync(BenchmarkOptions options)
    {
        var rows = options.Rows ?? 100_000;
        // Each timed run is a later copy of the same rows, so every row wins and is written. Two shapes: a file's (five
        // snapshots of each instrument: only each instrument's latest travels) and the worst case (no instrument twice).
        var shapes = new[] { (Name: "5 snapshots", Instruments: Math.Max(1, rows / 5)), (Name: "distinct", Instruments: rows) }
            .Select(shape => (shape.Name, Runs: Enumerable.Range(0, 4).Select(run => MakePrices(rows, shape.Instruments, TimeSpan.FromHours(run), shape.Name[..1].ToUpperInvariant())).ToArray()))
            .ToList();
        foreach (var tls in new[] { false, true })
        {
            using var server = new RedisServer(tls: tls);
            var redisOptions = new RedisOptions
            {
                Host = server.Host,
                Port = server.Port,
                Tls = tls,
                User = server.User,
                Password = server.Password,
                CaCertificatePath = server.CaCertPath,
                CommandTimeout = TimeSpan.FromSeconds(60),
            };
            await using var library = await RedisAdapters.ConnectAsync(redisOptions, "bench-library", subscribe: false, null, CancellationToken.None);
            foreach (var (name, runs) in shapes)
            {
                await MeasureAsync($"{(tls ? "tls+acl" : "plain")} {name}", server, rows, runs, library.Latest.UpsertPricesAsync, library.Latest.GetPricesAsync);
            }
        }
    }

    private static async Task MeasureAsync(
        string mode,
        RedisServer server,
        int rows,
        MarketPrice[][] runs,
        Func<IReadOnlyList<MarketPrice>, CancellationToken, Task<int>> upsert,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, MarketPrice>>> read)
    {
        // Warm-up loads the script and JIT-compiles the path.
        await upsert(runs[0], CancellationToken.None);
        var scriptMicrosBefore = await ScriptMicrosAsync(server);
        var serverCpuBefore = ProcessCpu(server.Pid);
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var best = double.MaxValue;
        var stored = 0;
        for (var run = 1; run < runs.Length; run++)
        {
            var watch = Stopwatch.StartNew();
            stored = await upsert(runs[run], CancellationToken.None);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        var timedRuns = runs.Length - 1;
        var serverCpuMs = (ProcessCpu(server.Pid) - serverCpuBefore).TotalMilliseconds / timedRuns;
        var clientCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalMilliseconds / timedRuns;
        var serverMs = (await ScriptMicrosAsync(server) - scriptMicrosBefore) / 1000.0 / timedRuns;
        var readWatch = Stopwatch.StartNew();
        var count = (await read(CancellationToken.None)).Count;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {mode,-20} upsert {rows:N0} rows: {best:0.0} ms, {rows / (best / 1000):N0} rows/s (best of {timedRuns}; {stored:N0} instruments stored; {count:N0} instruments read back in {readWatch.Elapsed.TotalMilliseconds:0.0} ms)"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {mode,-20} per run: redis-server CPU {serverCpuMs:0} ms (script wall {serverMs:0} ms), client CPU {clientCpuMs:0} ms; CPU-bound rate {rows / (Math.Max(serverCpuMs, 1) / 1000):N0} rows/s; load average {QuietMachine.LoadAverage(1)}"));
    }

    /// <summary>User + system CPU of a process from /proc (clock ticks at the usual 100 Hz); zero where /proc is absent.</summary>
    private static TimeSpan ProcessCpu(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        var fields = File.ReadAllText(path).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>
    /// Total microseconds redis-server spent in EVAL and EVALSHA, to tell server time from client and transport time.
    /// Read with redis-cli: the application's connection is not an admin one, and INFO is an admin command to the library.
    /// </summary>
    private static async Task<long> ScriptMicrosAsync(RedisServer server)
    {
        var info = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, UseShellExecute = false };
        string[] arguments = ["-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "--user", server.User!, "--pass", server.Password!, "--no-auth-warning"];
        foreach (var argument in server.Tls ? [.. arguments, "--tls", "--cacert", server.CaCertPath!] : arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("INFO");
        info.ArgumentList.Add("commandstats");
        using var process = Process.Start(info)!;
        var stats = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return stats.Split('\n')
            .Where(l => l.StartsWith("cmdstat_evalsha:", StringComparison.Ordinal) || l.StartsWith("cmdstat_eval:", StringComparison.Ordinal))
            .Select(l => l.Split(',').First(p => p.StartsWith("usec=", StringComparison.Ordinal)))
            .Sum(usec => long.Parse(usec["usec=".Length..], CultureInfo.InvariantCulture));
    }

    /// <param name="prefix">Per shape, so one shape's later runs never hide another's writes.</param>
    private static MarketPrice[] MakePrices(int rows, int instruments, TimeSpan shift, string prefix)
    {
        var at = new DateTimeOffset(2025, 3, 3, 14, 30, 0, TimeSpan.Zero) + shift;
        var prices = new MarketPrice[rows];
        for (var i = 0; i < rows; i++)
        {
            var instrument = prefix + (i % instruments).ToString("D6", CultureInfo.InvariantCulture);
            prices[i] = new MarketPrice(instrument, 100m + (i % 977 * 0.25m), 99.75m, 100.25m, i, at.AddMilliseconds(i));
        }

        return prices;
    }
}
