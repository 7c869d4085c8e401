using System.Diagnostics;
using System.Globalization;
using Frgm.Domain.Model;
using Frgm.Domain.Positions;

namespace Frgm.Benchmarks;

/// <summary>
/// PositionEngine.Compute over generated trades (default 1M, --rows N) spread over 100 accounts × 10
/// instruments: trades/s (best of 5 after a warm-up) and bytes allocated per trade, for trades arriving
/// in exec-time order and for a copy whose exec times are shuffled (forcing the replay). Prints wall time
/// and process CPU time: on a shared machine the CPU figure is the one that measures the code.
/// </summary>
internal sealed class PositionEngineBenchmark : IBenchmark
{
    private const int Accounts = 100;
    private const int Instruments = 10;
    private const int Runs = 5;

    public string Name => "positions";

    public string Description => "PositionEngine.Compute: trades/s and allocated bytes per trade";

    public Task RunAsync(BenchmarkOptions options)
    {
        var rows = options.Rows ?? 1_000_000;
        var date = new DateOnly(2026, 11, 20);
        var (inputs, shuffled) = Generate(rows, date);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{rows:N0} trades over {Accounts * Instruments:N0} (account, instrument) pairs; one thread; Environment.ProcessorCount={Environment.ProcessorCount}"));
        Measure("exec-time order", inputs);
        Measure("shuffled times", shuffled);
        return Task.CompletedTask;
    }

    private static void Measure(string label, PositionInputs inputs)
    {
        var checksum = PositionEngine.Compute(inputs).Sum(p => p.DayPnl ?? 0); // warm-up (tiered JIT)
        GC.Collect();
        var best = TimeSpan.MaxValue;
        var bestCpu = TimeSpan.MaxValue;
        long allocated = 0;
        using var process = Process.GetCurrentProcess();
        for (var run = 0; run < Runs; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var positions = PositionEngine.Compute(inputs);
            watch.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = watch.Elapsed < best ? watch.Elapsed : best;
            bestCpu = cpu < bestCpu ? cpu : bestCpu;
            if (positions.Sum(p => p.DayPnl ?? 0) != checksum)
            {
                throw new InvalidOperationException("Compute is not deterministic");
            }
        }

        var trades = inputs.Trades.Count;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {label,-16} wall best {best.TotalMilliseconds,7:F1} ms = {trades / best.TotalSeconds,11:N0} trades/s | CPU best {bestCpu.TotalMilliseconds,7:F1} ms = {trades / bestCpu.TotalSeconds,11:N0} trades/s | {(double)allocated / trades,5:F1} B/trade allocated (checksum {checksum:N2})"));
    }

    private static (PositionInputs InOrder, PositionInputs Shuffled) Generate(int rows, DateOnly date)
    {
        var random = new Random(20261120);
        var accounts = Enumerable.Range(0, Accounts).Select(i => $"ACC{i:D3}").ToArray();
        var tickers = Enumerable.Range(0, Instruments).Select(i => $"INS{i:D2}").ToArray();
        var catalog = new InstrumentCatalog(tickers.Select(t => new Instrument(t, "P" + t, "XCME", 1000m, 0.015625m, "USD")));
        var start = new DateTimeOffset(date.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);

        var trades = new Trade[rows];
        for (var i = 0; i < rows; i++)
        {
            var price = 100m + (random.Next(-256, 256) * 0.015625m);
            trades[i] = new Trade(
                "T" + i.ToString(CultureInfo.InvariantCulture),
                date,
                accounts[random.Next(Accounts)],
                tickers[random.Next(Instruments)],
                random.Next(2) == 0 ? Side.Buy : Side.Sell,
                random.Next(1, 50),
                price,
                start.AddTicks(i * 100_000L),
                null,
                null,
                null,
                "bench.csv");
        }

        var sod = accounts.SelectMany(a => tickers.Select(t => new SodRow(date, a, t, random.Next(-100, 101), 100m))).ToList();
        var eod = tickers.Select(t => new EodRow(date.AddDays(-1), accounts[0], t, 0, 100m, 0.5m, 0.01m, 0.02m, -0.001m)).ToList();
        var prices = tickers.ToDictionary(t => t, t => new MarketPrice(t, 100.5m, null, null, null, start), StringComparer.Ordinal);

        var shuffledTimes = trades.Select(t => t.ExecTime).OrderBy(_ => random.Next()).ToArray();
        var shuffled = trades.Select((t, i) => t with { ExecTime = shuffledTimes[i] }).ToArray();
        var now = start.AddHours(8);
        return (
            new PositionInputs(date, sod, trades, prices, eod, catalog, now),
            new PositionInputs(date, sod, shuffled, prices, eod, catalog, now));
    }
}
