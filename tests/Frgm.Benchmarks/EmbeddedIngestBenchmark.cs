using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Benchmarks;

/// <summary>
/// A market-data file (default 100k rows: 500 instruments × 200 one-second snapshots) through the embedded
/// IngestionService into a temporary DataDir (SQLite WAL), then the same parsed rows through the latest-state
/// store and the bar history on their own, to show where the time goes.
/// </summary>
internal sealed class EmbeddedIngestBenchmark : IBenchmark
{
    private const int Instruments = IngestBenchmarkFiles.Instruments;
    private const int BatchSize = IngestionService.DefaultBatchSize;

    public string Name => "ingest-embedded";

    public string Description => "market-data file through IngestionService on SQLite + folders (--rows, default 100000)";

    public async Task RunAsync(BenchmarkOptions options)
    {
        var rows = options.Rows ?? 100_000;
        var root = Path.Combine(options.WorkDir, "ingest-embedded-" + Guid.NewGuid().ToString("N"));
        try
        {
            var content = IngestBenchmarkFiles.MarketFile(rows);
            Console.WriteLine($"file: {rows:N0} rows, {content.Length / 1024.0 / 1024.0:0.0} MB, {Instruments} instruments, {Math.Max(1, rows / Instruments)} snapshots");

            // Warm-up on a small file in its own DataDir so the timed run measures steady state, not the JIT.
            await IngestWholeAsync(Path.Combine(root, "warmup"), IngestBenchmarkFiles.MarketFile(Math.Min(rows, 10_000)));
            var (whole, result) = await IngestWholeAsync(Path.Combine(root, "whole"), content);
            Console.WriteLine($"whole file via IngestionService: {whole.TotalMilliseconds:0} ms, {IngestBenchmarkFiles.Rate(rows, whole)} rows/s ({WireNames.Of(result.Entry.Status)}, rows={result.Entry.Rows})");

            var parse = Stopwatch.StartNew();
            var prices = FeedParsers.MarketData(new MemoryStream(content), DateTimeOffset.UtcNow).Select(r => r.Value!).ToList();
            parse.Stop();
            Console.WriteLine($"parse only: {parse.Elapsed.TotalMilliseconds:0} ms, {IngestBenchmarkFiles.Rate(prices.Count, parse.Elapsed)} rows/s");

            var parts = EmbeddedStorage.Create(Path.Combine(root, "parts"));
            var latest = Stopwatch.StartNew();
            foreach (var batch in prices.Chunk(BatchSize))
            {
                await parts.Latest.UpsertPricesAsync(batch, default);
            }

            latest.Stop();
            Console.WriteLine($"latest-state writes (UpsertPrices, {BatchSize} per batch): {latest.Elapsed.TotalMilliseconds:0} ms, {IngestBenchmarkFiles.Rate(prices.Count, latest.Elapsed)} rows/s");

            var bars = Stopwatch.StartNew();
            foreach (var batch in prices.Chunk(BatchSize))
            {
                await parts.History.WriteMarketBarsAsync(batch, default);
            }

            bars.Stop();
            var barCount = 0;
            foreach (var instrument in prices.Select(p => p.Instrument).Distinct())
            {
                barCount += (await parts.History.GetMarketBarsAsync(instrument, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, default)).Count;
            }

            Console.WriteLine($"history writes (1-minute bars, {BatchSize} per batch): {bars.Elapsed.TotalMilliseconds:0} ms, {IngestBenchmarkFiles.Rate(prices.Count, bars.Elapsed)} rows/s into {barCount:N0} bars");
        }
        finally
        {
            EmbeddedStorage.ReleaseConnections();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // left for the OS temp cleaner
            }
        }
    }

    private static async Task<(TimeSpan Elapsed, IngestionResult Result)> IngestWholeAsync(string dataDir, byte[] content)
    {
        var storage = EmbeddedStorage.Create(dataDir);
        const string key = "market-data/2026/11/20/BENCH_20261120_143000.csv";
        await storage.Objects.WriteAsync(BucketRole.Actant, key, content, default);
        var service = new IngestionService(storage, InstrumentCatalog.Empty, new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance);
        var clock = Stopwatch.StartNew();
        var result = await service.IngestAsync(BucketRole.Actant, key, default);
        return (clock.Elapsed, result);
    }
}
