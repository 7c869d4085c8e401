using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Benchmarks;

/// <summary>
/// A market-data file (default 100k rows: 500 instruments × 200 one-second snapshots, so many ticks per bar) put in
/// s3rver and ingested through IngestionService into redis-server (plain TCP) + DynamoDB Local. Then the same parsed
/// rows through the latest-state store and the bar history on their own, and DynamoDB Local's ceiling (25-item
/// BatchWriteItem, 8 in flight) measured in the same run, so history writes can be put as a share of it.
/// </summary>
internal sealed class AwsIngestBenchmark : IBenchmark
{
    private const int Instruments = IngestBenchmarkFiles.Instruments;
    private const int BatchSize = IngestionService.DefaultBatchSize;
    private const int CeilingInFlight = 8;
    private const string Key = "market-data/2026/11/20/BENCH_20261120_143000.csv";

    public string Name => "ingest-aws";

    public string Description => "market-data file via s3rver through IngestionService on redis-server + DynamoDB Local (--rows, default 100000)";

    public async Task RunAsync(BenchmarkOptions options)
    {
        var rows = options.Rows ?? 100_000;
        var file = Path.Combine(options.WorkDir, $"ingest-aws-{Guid.NewGuid():N}.csv");
        using var redis = new RedisServer(tls: false, user: null);
        using var dynamo = new DynamoDbLocal();
        using var s3 = new S3rver();
        try
        {
            await File.WriteAllBytesAsync(file, IngestBenchmarkFiles.MarketFile(rows));
            var content = await File.ReadAllBytesAsync(file);
            Console.WriteLine($"file: {file}, {rows:N0} rows, {content.Length / 1024.0 / 1024.0:0.0} MB, {Instruments} instruments, {Math.Max(1, rows / Instruments)} snapshots");
            Console.WriteLine($"redis-server :{redis.Port} (plain TCP), DynamoDB Local {dynamo.ServiceUrl}, s3rver {s3.ServiceUrl}, {Environment.ProcessorCount} cores");

            // Warm-up (JIT, JVM, connections) on a small file in its own environment.
            await IngestWholeAsync(await NewEnvironmentAsync(redis, dynamo, s3), IngestBenchmarkFiles.MarketFile(Math.Min(rows, 10_000)));
            var (whole, result) = await IngestWholeAsync(await NewEnvironmentAsync(redis, dynamo, s3), content);
            Console.WriteLine($"whole file via IngestionService: {whole.TotalMilliseconds:0} ms, {IngestBenchmarkFiles.Rate(rows, whole)} rows/s ({WireNames.Of(result.Entry.Status)}, rows={result.Entry.Rows})");

            var prices = FeedParsers.MarketData(new MemoryStream(content), DateTimeOffset.UtcNow).Select(r => r.Value!).ToList();
            var (_, parts) = await NewEnvironmentAsync(redis, dynamo, s3);
            var latest = await TimeAsync(prices, batch => parts.Latest.UpsertPricesAsync(batch, default));
            Console.WriteLine($"latest-state writes (Redis UpsertPrices, {BatchSize} per batch): {latest.TotalMilliseconds:0} ms, {IngestBenchmarkFiles.Rate(prices.Count, latest)} rows/s");

            var bars = await TimeAsync(prices, batch => parts.History.WriteMarketBarsAsync(batch, default));
            var barCount = 0;
            var day = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
            foreach (var instrument in prices.Select(p => p.Instrument).Distinct(StringComparer.Ordinal))
            {
                barCount += (await parts.History.GetMarketBarsAsync(instrument, day, day.AddDays(1).AddTicks(-1), default)).Count;
            }

            var barRate = prices.Count / bars.TotalSeconds;
            Console.WriteLine($"history writes (DynamoDB 1-minute bars, {BatchSize} per batch): {bars.TotalMilliseconds:0} ms, {barRate:N0} rows/s into {barCount:N0} bars");

            var (ceilingSettings, _) = await NewEnvironmentAsync(redis, dynamo, s3);
            using var client = AwsClientFactory.CreateDynamoDb(ceilingSettings);
            var ceiling = await CeilingAsync(client, ceilingSettings.HistoryTable, 100_000);
            Console.WriteLine($"DynamoDB Local ceiling (BatchWriteItem x25, {CeilingInFlight} in flight, 100,000 small items): {ceiling:N0} items/s");
            Console.WriteLine($"history writes reach {barRate / ceiling:P0} of the ceiling in rows/s ({barCount:N0} bar items for {prices.Count:N0} rows)");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A fresh environment (tables, buckets, key prefix) on the local servers: each measured file starts empty.</summary>
    internal static async Task<(AwsSettings Settings, StorageSet Storage)> NewEnvironmentAsync(RedisServer redis, DynamoDbLocal dynamo, S3rver s3)
    {
        var settings = LocalAwsSettings.For(LocalAwsSettings.NewEnvironment("b"), dynamo, s3, redis);
        using (var admin = AwsClientFactory.CreateDynamoDb(settings))
        using (var s3Admin = AwsClientFactory.CreateS3(settings))
        {
            await DynamoTables.CreateAllAsync(admin, settings);
            await S3Buckets.CreateAllAsync(s3Admin, settings);
        }

        return (settings, await AwsStorageFactory.CreateAsync(settings, null, NullLoggerFactory.Instance, subscribe: false, default));
    }

    private static async Task<(TimeSpan Elapsed, IngestionResult Result)> IngestWholeAsync((AwsSettings Settings, StorageSet Storage) env, byte[] content)
    {
        var storage = env.Storage;
        await storage.Objects.WriteAsync(BucketRole.Actant, Key, content, default);
        var service = new IngestionService(storage, InstrumentCatalog.Empty, new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance)
        {
            BatchSize = BatchSize,
        };
        var clock = Stopwatch.StartNew();
        var result = await service.IngestAsync(BucketRole.Actant, Key, default);
        return (clock.Elapsed, result);
    }

    private static async Task<TimeSpan> TimeAsync(List<MarketPrice> prices, Func<MarketPrice[], Task> write)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in prices.Chunk(BatchSize))
        {
            await write(batch);
        }

        return clock.Elapsed;
    }

    /// <summary>Raw BatchWriteItem of small items, unprocessed ones not retried (counted out of the rate).</summary>
    private static async Task<double> CeilingAsync(IAmazonDynamoDB client, string table, int count)
    {
        var batches = Enumerable.Range(0, count)
            .Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
            {
                ["pk"] = new() { S = $"CEIL#{i % 1000}" },
                ["sk"] = new() { S = i.ToString("D8", CultureInfo.InvariantCulture) },
                ["v"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
            })))
            .Chunk(DynamoBatchWriter.BatchSize)
            .ToList();
        var unprocessed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = CeilingInFlight },
            async (batch, ct) =>
            {
                var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = [.. batch] } }, ct);
                if (response.UnprocessedItems is { } left && left.TryGetValue(table, out var rest))
                {
                    Interlocked.Add(ref unprocessed, rest.Count);
                }
            });
        return (count - unprocessed) / clock.Elapsed.TotalSeconds;
    }
}
