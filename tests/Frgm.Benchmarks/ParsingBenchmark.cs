using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frgm.Application.Ingestion;
using Frgm.Domain.Feeds;

namespace Frgm.Benchmarks;

/// <summary>
/// Streaming feed parsers on generated files: a market-data file and a trade file of --rows rows (default 1M),
/// then twice as many, to show throughput and that memory does not grow with the file.
/// </summary>
internal sealed class ParsingBenchmark : IBenchmark
{
    private const int DefaultRows = 1_000_000;
    private static readonly DateTimeOffset Fallback = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    public string Name => "parsing";

    public string Description => "market-data and trade CSV parsing: rows/s, MB/s, allocation and memory at N and 2N rows";

    public Task RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = options.Rows ?? DefaultRows;
        WarmUp(options.WorkDir);
        foreach (var count in new[] { rows, rows * 2 })
        {
            var marketData = Path.Combine(options.WorkDir, $"parsing-market-data-{count}.csv");
            var trades = Path.Combine(options.WorkDir, $"parsing-trades-{count}.csv");
            try
            {
                WriteMarketData(marketData, count);
                WriteTrades(trades, count);
                Measure("market data", marketData, count, s => FeedParsers.MarketData(s, Fallback).Count(r => r.IsValid));
                Measure("trades", trades, count, s => FeedParsers.Trades(s, "bench.csv").Count(r => r.IsValid));
            }
            finally
            {
                File.Delete(marketData);
                File.Delete(trades);
            }
        }

        return Task.CompletedTask;
    }

    private static void WarmUp(string dir)
    {
        var path = Path.Combine(dir, "parsing-warmup.csv");
        // Enough rows for tiered JIT to promote the hot loops before anything is timed.
        WriteMarketData(path, 300_000);
        using (var s = File.OpenRead(path))
        {
            _ = FeedParsers.MarketData(s, Fallback).Count(r => r.IsValid);
        }

        WriteTrades(path, 300_000);
        using (var s = File.OpenRead(path))
        {
            _ = FeedParsers.Trades(s, "warmup.csv").Count(r => r.IsValid);
        }

        File.Delete(path);
    }

    private static void Measure(string label, string path, int expectedRows, Func<Stream, int> parse)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var bytes = new FileInfo(path).Length;
        var peakHeap = heapBefore;
        using var sampler = new HeapSampler(() => peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false)));

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        int valid;
        using (var stream = new SamplingStream(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan),
            sampler))
        {
            valid = parse(stream);
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var info = GC.GetGCMemoryInfo();
        if (valid != expectedRows)
        {
            throw new InvalidOperationException($"{label}: parsed {valid} valid rows, expected {expectedRows}");
        }

        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-12} {valid,10:N0} rows {bytes / 1e6,8:F1} MB | wall {watch.ElapsedMilliseconds,6:N0} ms "
            + $"{valid / seconds,10:N0} rows/s {bytes / 1e6 / seconds,6:F1} MB/s | cpu {cpu * 1000,6:N0} ms "
            + $"{valid / cpu,10:N0} rows/s {bytes / 1e6 / cpu,6:F1} MB/s | alloc {allocated / (double)valid,6:F0} B/row, "
            + $"heap peak +{(peakHeap - heapBefore) / 1e6,5:F1} MB incl. uncollected garbage (GC heap after {info.HeapSizeBytes / 1e6:F1} MB), "
            + $"peak working set {process.PeakWorkingSet64 / 1e6:F0} MB"));
    }

    private static void WriteMarketData(string path, int rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("instrument,price,bid,ask,volume,timestamp\n");
        var snapshot = Fallback;
        for (var i = 0; i < rows; i++)
        {
            if (i % 500 == 0)
            {
                snapshot = snapshot.AddMilliseconds(250);
            }

            var price = 100m + ((i * 7919L % 40_000) / 256m);
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"{Instrument(i % 500)},{price},{price - 0.015625m},{price + 0.015625m},{i % 250_000},{snapshot:yyyy-MM-ddTHH:mm:ss.fffZ}\n"));
        }
    }

    private static void WriteTrades(string path, int rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time,order_id,trader\n");
        for (var i = 0; i < rows; i++)
        {
            var price = 100m + ((i * 7919L % 40_000) / 256m);
            var exec = Fallback.AddMilliseconds(i * 13L);
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"T-{i},2026-11-20,ACC{i % 7},{Instrument(i % 50)},{(i % 3 == 0 ? "SELL" : "BUY")},{1 + (i % 25)},{price},{exec:yyyy-MM-ddTHH:mm:ss.fffZ},O-{i / 3},trader{i % 11}\n"));
        }
    }

    private static string Instrument(int n) => n % 5 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"OZN Z6 C{100 + (n / 5 * 0.5m)}")
        : string.Create(CultureInfo.InvariantCulture, $"F{n:D3}Z6");

    /// <summary>Calls the sampler every few reads: peak heap is observed while parsing, not after.</summary>
    private sealed class HeapSampler(Action sample) : IDisposable
    {
        private int _reads;

        public void OnRead()
        {
            if (++_reads % 64 == 0)
            {
                sample();
            }
        }

        public void Dispose() => sample();
    }

    private sealed class SamplingStream(Stream inner, HeapSampler sampler) : ReadOnlyBodyStream(inner)
    {
        public override int Read(Span<byte> buffer)
        {
            sampler.OnRead();
            return Inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            sampler.OnRead();
            return Inner.ReadAsync(buffer, cancellationToken);
        }
    }
}
