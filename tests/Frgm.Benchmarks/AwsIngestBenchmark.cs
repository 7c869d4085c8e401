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
/// Market-data files (default 10k and 100k rows: 500 instruments × one-second snapshots, so many ticks per bar) put in
/// s3rver and ingested through IngestionService into redis-server (plain TCP) + DynamoDB Local, every port timed so the
/// whole file can be set beside the sum of its parts; then the original plan's design (OriginalDesign/ingest_original.py:
/// pandas, iterrows, HSET per row, boto3 batch_writer per row) on the same file against the same servers, and
/// DynamoDB Local's ceiling (25-item BatchWriteItem, the best of 8, 16 and 32 in flight) measured in the same run, so bar items/s and
/// trades' conditional puts can be put as a share of it.
/// </summary>
internal sealed class AwsIngestBenchmark : IBenchmark
{
    private const int Instruments = IngestBenchmarkFiles.Instruments;
    private const int BatchSize = IngestionService.DefaultBatchSize;
    private static readonly int[] CeilingInFlight = [8, 16, 32];
    private const int CeilingItems = 100_000;
    private const int ShapedCeilingItems = 10_000;
    private const int Runs = 3;
    private const int Trades = 5_000;
    private const string Key = "market-data/2026/11/20/BENCH_20261120_143000.csv";
    private const string LaterKey = "market-data/2026/11/20/BENCH_20261120_153000.csv";

    public string Name => "ingest-aws";

    public string Description =>
        "market-data files via s3rver through IngestionService on redis-server + DynamoDB Local beside the original design (--rows N, default 10000 and 100000)";

    public async Task RunAsync(BenchmarkOptions options)
    {
        int[] sizes = options.Rows is { } one ? [one] : [10_000, 100_000];
        using var redis = new RedisServer(tls: false, user: null);
        using var dynamo = new DynamoDbLocal();
        using var s3 = new S3rver();
        Console.WriteLine($"redis-server :{redis.Port} (plain TCP), DynamoDB Local {dynamo.ServiceUrl}, s3rver {s3.ServiceUrl}, {Environment.ProcessorCount} cores, load {QuietMachine.LoadAverage()}");

        // Warm-up (JIT, JVM, connections) on a small file in its own environment.
        await IngestWholeAsync(await NewEnvironmentAsync(redis, dynamo, s3), IngestBenchmarkFiles.MarketFile(10_000), null);

        var (ceilingSettings, _) = await NewEnvironmentAsync(redis, dynamo, s3);
        using var client = AwsClientFactory.CreateDynamoDb(ceilingSettings);
        var ceiling = 0.0;
        foreach (var inFlight in CeilingInFlight)
        {
            await QuietMachine.SettleAsync();
            var rate = await CeilingAsync(client, ceilingSettings.HistoryTable, CeilingItems, inFlight);
            Console.WriteLine($"DynamoDB Local BatchWriteItem x25, {inFlight} in flight, {CeilingItems:N0} small items: {rate:N0} items/s");
            ceiling = Math.Max(ceiling, rate);
        }

        Console.WriteLine($"ceiling (the best of the three): {ceiling:N0} items/s");

        var summary = new List<string>();
        foreach (var rows in sizes)
        {
            summary.Add(await RunFileAsync(rows, ceiling, redis, dynamo, s3, options.WorkDir));
        }

        await TradesAsync(client, ceilingSettings.HistoryTable, ceiling, await NewEnvironmentAsync(redis, dynamo, s3));
        Console.WriteLine($"summary (load {QuietMachine.LoadAverage()}):");
        summary.ForEach(Console.WriteLine);
    }

    private static async Task<string> RunFileAsync(int rows, double ceiling, RedisServer redis, DynamoDbLocal dynamo, S3rver s3, string workDir)
    {
        var file = Path.Combine(workDir, $"ingest-aws-{Guid.NewGuid():N}.csv");
        try
        {
            var content = IngestBenchmarkFiles.MarketFile(rows);
            await File.WriteAllBytesAsync(file, content);
            Console.WriteLine();
            Console.WriteLine($"-- {rows:N0} rows, {content.Length / 1024.0 / 1024.0:0.0} MB, {Instruments} instruments, {Math.Max(1, rows / Instruments)} snapshots");

            // Best of three, each into a fresh environment on a settled machine; the parts below are the best run's. Each
            // run's first file meets new SDK clients (a cold Lambda: connections opened during the file); a second, later
            // file into the same environment is what a warm Lambda sees.
            var laterContent = IngestBenchmarkFiles.MarketFile(rows, TimeSpan.FromHours(1));
            (TimeSpan Whole, IngestionResult Result, PortTimes Times, (AwsSettings Settings, StorageSet Storage) Env)? best = null;
            (TimeSpan Whole, PortTimes Times)? bestWarm = null;
            for (var run = 1; run <= Runs; run++)
            {
                var runTimes = new PortTimes();
                var runEnv = await NewEnvironmentAsync(redis, dynamo, s3);
                await QuietMachine.SettleAsync();
                var (runWhole, runResult) = await IngestWholeAsync(runEnv, content, runTimes);
                var warmTimes = new PortTimes();
                await QuietMachine.SettleAsync();
                var (warmWhole, warmResult) = await IngestWholeAsync(runEnv, laterContent, warmTimes, LaterKey);
                Console.WriteLine($"  FRGM run {run}: {runWhole.TotalMilliseconds:0} ms; a later file into the same environment {warmWhole.TotalMilliseconds:0} ms ({WireNames.Of(warmResult.Entry.Status)})");
                if (best is null || runWhole < best.Value.Whole)
                {
                    best = (runWhole, runResult, runTimes, runEnv);
                }

                if (bestWarm is null || warmWhole < bestWarm.Value.Whole)
                {
                    bestWarm = (warmWhole, warmTimes);
                }
            }

            var (whole, result, times, env) = best!.Value;
            var frgmRate = rows / whole.TotalSeconds;
            Console.WriteLine($"FRGM whole file via IngestionService: {whole.TotalMilliseconds:0} ms (best of {Runs}), {frgmRate:N0} rows/s ({WireNames.Of(result.Entry.Status)}, rows={result.Entry.Rows})");
            var (warm, warmPorts) = bestWarm!.Value;
            var warmRate = rows / warm.TotalSeconds;
            var warmBars = warmPorts.Total("DynamoDB history WriteMarketBarsAsync");
            Console.WriteLine($"FRGM a later file, warm clients: {warm.TotalMilliseconds:0} ms (best of {Runs}), {warmRate:N0} rows/s; bar writes {warmBars.TotalMilliseconds:0} ms");

            // The parts: S3 read and parse on their own (the service streams one into the other), every port call as timed.
            var clock = Stopwatch.StartNew();
            await using (var stream = await env.Storage.Objects.OpenReadAsync(BucketRole.Actant, Key, default))
            {
                await stream.CopyToAsync(Stream.Null);
            }

            var s3Read = clock.Elapsed;
            clock.Restart();
            var prices = FeedParsers.MarketData(new MemoryStream(content), DateTimeOffset.UtcNow).Select(r => r.Value!).ToList();
            var parse = clock.Elapsed;
            var ports = times.Sum - times.Total("S3 OpenReadAsync");
            var parts = s3Read + parse + ports;
            Console.WriteLine($"  S3 read (whole object, alone) {s3Read.TotalMilliseconds,8:0.0} ms");
            Console.WriteLine($"  parse (alone)                 {parse.TotalMilliseconds,8:0.0} ms");
            foreach (var (call, elapsed, calls) in times.Rows.Where(r => r.Elapsed.TotalMilliseconds >= 0.5))
            {
                Console.WriteLine($"  {call,-45} {elapsed.TotalMilliseconds,8:0.0} ms in {calls} call(s)");
            }

            Console.WriteLine($"  sum of parts {parts.TotalMilliseconds:0} ms; whole file {whole.TotalMilliseconds:0} ms = {whole / parts:0.00}× the sum");

            var stored = (await ScanAsync(env.Settings, "BAR#")).Where(item => item["sk"].S.StartsWith("2026-11-20T14:", StringComparison.Ordinal)).ToList();
            var barItems = stored.Count;
            var barWrite = times.Total("DynamoDB history WriteMarketBarsAsync");
            var barItemRate = barItems / barWrite.TotalSeconds;
            Console.WriteLine($"  bar items: {barItems:N0} in {barWrite.TotalMilliseconds:0} ms = {barItemRate:N0} items/s, {barItemRate / ceiling:P0} of the ceiling");
            var warmBarRate = barItems / warmBars.TotalSeconds;
            Console.WriteLine($"  bar items of the later file (as many), warm clients: {warmBarRate:N0} items/s, {warmBarRate / ceiling:P0} of the ceiling");

            // The ceiling for items of the bars' own shape (a dozen attributes and a string of tick times, not three small
            // attributes): the stored bar items put again under other keys, raw, as the writer sends them (x25, 32 in flight).
            using var shapedClient = AwsClientFactory.CreateDynamoDb(env.Settings);
            await QuietMachine.SettleAsync();
            var shaped = await CeilingAsync(shapedClient, env.Settings.HistoryTable, ShapedCeilingItems, 32, i => BarShaped(stored[i % stored.Count], i));
            Console.WriteLine($"  bar-shaped ceiling (the stored bar items re-put raw, x25, 32 in flight, {ShapedCeilingItems:N0} items): {shaped:N0} items/s; bar writes {barItemRate / shaped:P0} of it");
            // One file's bar items arrive as one burst of requests, not a stream of thousands: the same items re-put raw in
            // exactly that pattern (all at once, 32 in flight), best of three, is what DynamoDB Local allows the writer.
            var burst = 0.0;
            for (var round = 1; round <= Runs; round++)
            {
                await QuietMachine.SettleAsync();
                burst = Math.Max(burst, await CeilingAsync(shapedClient, env.Settings.HistoryTable, stored.Count, 32, i => BarShaped(stored[i], (round * 1_000_000) + i)));
            }

            Console.WriteLine($"  the same items re-put raw as one file's burst ({stored.Count:N0} items at once, best of {Runs}): {burst:N0} items/s; bar writes {barItemRate / burst:P0} of it");
            await QuietMachine.SettleAsync();
            var asSet = await CeilingAsync(shapedClient, env.Settings.HistoryTable, ShapedCeilingItems, 32, i => WithTickTimesAsNumberSet(BarShaped(stored[i % stored.Count], i + ShapedCeilingItems)));
            Console.WriteLine($"  the same items with tick_ms as a number set (as bars were written before): {asSet:N0} items/s, {asSet / shaped:P0} of the string's");

            var (_, alone) = await NewEnvironmentAsync(redis, dynamo, s3);
            await QuietMachine.SettleAsync();
            var bars = await TimeAsync(prices, batch => alone.History.WriteMarketBarsAsync(batch, default));
            var aloneItems = barItems / bars.TotalSeconds;
            Console.WriteLine($"  bar writes alone (fresh tables): {bars.TotalMilliseconds:0} ms = {aloneItems:N0} items/s, {aloneItems / ceiling:P0} of the ceiling");

            // The original design gets the same treatment where its run is short; at 100k rows one run takes minutes.
            var originalRuns = rows <= 10_000 ? Runs : 1;
            OriginalDesign.Result? original = null;
            for (var run = 1; run <= originalRuns; run++)
            {
                await QuietMachine.SettleAsync();
                var attempt = await OriginalDesign.RunAsync(file, redis.Port, dynamo.ServiceUrl);
                if (attempt is { } a && (original is null || a.Seconds < original.Seconds))
                {
                    original = a;
                }
            }

            var line = original is { } o
                ? $"{rows,7:N0} rows: FRGM {whole.TotalMilliseconds:0} ms {frgmRate:N0} rows/s (warm clients {warm.TotalMilliseconds:0} ms); original design {o.Seconds * 1000:0} ms " +
                  $"{o.Rows / o.Seconds:N0} rows/s; ratio {frgmRate / (o.Rows / o.Seconds):0.0}× (warm {warmRate / (o.Rows / o.Seconds):0.0}×); bar items {barItemRate / ceiling:P0} of the ceiling (warm {warmBarRate / ceiling:P0}) " +
                  $"({aloneItems / ceiling:P0} alone; {barItemRate / shaped:P0} of the bar-shaped ceiling, {barItemRate / burst:P0} of the raw burst); whole/sum of parts {whole / parts:0.00}"
                : $"{rows,7:N0} rows: FRGM {whole.TotalMilliseconds:0} ms {frgmRate:N0} rows/s; original design not run (see above)";
            Console.WriteLine(line);
            return line;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Trades: one conditional PutItem each (BatchWriteItem takes no conditions), through the store, then raw at several
    /// depths of requests in flight, so what limits them is visible beside the batch ceiling.
    /// </summary>
    private static async Task TradesAsync(IAmazonDynamoDB client, string table, double ceiling, (AwsSettings Settings, StorageSet Storage) env)
    {
        Console.WriteLine();
        var trades = Enumerable.Range(0, Trades)
            .Select(i => new Trade(
                $"BT{i:D7}", new DateOnly(2026, 11, 20), $"ACC{i % 40:D2}", $"BENCH{i % Instruments:D4}", i % 2 == 0 ? Side.Buy : Side.Sell,
                1 + (i % 9), 100m + (i % 50), new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero).AddMilliseconds(i),
                $"O{i}", "bench", "XCME", "trades/2026/11/20/bench.csv"))
            .ToList();
        var clock = Stopwatch.StartNew();
        var written = await env.Storage.History.PutTradesAsync(trades, default);
        var rate = written.Written / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"trades via PutTradesAsync (conditional PutItem each): {written.Written:N0} in {clock.Elapsed.TotalMilliseconds:0} ms = {rate:N0} items/s, {rate / ceiling:P0} of the ceiling");
        foreach (var inFlight in new[] { 8, 16, 32, 64 })
        {
            var raw = await SinglePutsAsync(client, table, 5_000, inFlight, conditional: true);
            Console.WriteLine($"  raw conditional PutItem, {inFlight,2} in flight: {raw:N0} items/s, {raw / ceiling:P0} of the ceiling");
        }

        foreach (var inFlight in new[] { 4, 8 })
        {
            var transacted = await TransactedPutsAsync(client, table, 5_000, inFlight);
            Console.WriteLine($"  raw TransactWriteItems of 100 conditional puts, {inFlight} in flight: {transacted:N0} items/s, {transacted / ceiling:P0} of the ceiling");
        }

        var plain = await SinglePutsAsync(client, table, 5_000, 16, conditional: false);
        Console.WriteLine($"  raw unconditional PutItem, 16 in flight: {plain:N0} items/s (the cost is the one-item request, not the condition)");

        // The trades' own shape: the stored items (a dozen attributes, and the blotter index's keys, so every put also
        // writes a gsi1 entry) put again under new ids with the same condition and depth as the writer uses.
        var stored = await ScanAsync(env.Settings, "TRADE#");
        var shaped = await ShapedPutsAsync(client, env.Settings.HistoryTable, stored, 16);
        Console.WriteLine($"  raw conditional PutItem of the stored trade items, 16 in flight: {shaped:N0} items/s; PutTradesAsync {rate / shaped:P0} of it");
    }

    private static async Task<double> ShapedPutsAsync(IAmazonDynamoDB client, string table, List<Dictionary<string, AttributeValue>> items, int inFlight)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            items.Select((item, i) => new Dictionary<string, AttributeValue>(item) { ["pk"] = new() { S = $"SHAPED#{i}" } }),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (item, ct) => await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = table,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(pk) OR source_file = :f",
                    ExpressionAttributeValues = new() { [":f"] = item["source_file"] },
                },
                ct));
        return items.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One PutItem per item, as trades are written: with the trades' condition, or without any.</summary>
    private static async Task<double> SinglePutsAsync(IAmazonDynamoDB client, string table, int count, int inFlight, bool conditional)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (i, ct) =>
            {
                var request = new PutItemRequest
                {
                    TableName = table,
                    Item = new() { ["pk"] = new() { S = $"{(conditional ? "CT" : "PT")}#{run}#{i}" }, ["sk"] = new() { S = "TRADE" }, ["source_file"] = new() { S = "f" } },
                };
                if (conditional)
                {
                    request.ConditionExpression = "attribute_not_exists(pk) OR source_file = :f";
                    request.ExpressionAttributeValues = new() { [":f"] = new() { S = "f" } };
                }

                await client.PutItemAsync(request, ct);
            });
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> TransactedPutsAsync(IAmazonDynamoDB client, string table, int count, int inFlight)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count).Chunk(100),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (chunk, ct) => await client.TransactWriteItemsAsync(
                new TransactWriteItemsRequest
                {
                    TransactItems = [.. chunk.Select(i => new TransactWriteItem
                    {
                        Put = new Put
                        {
                            TableName = table,
                            Item = new() { ["pk"] = new() { S = $"TX#{run}#{i}" }, ["sk"] = new() { S = "TRADE" }, ["source_file"] = new() { S = "f" } },
                            ConditionExpression = "attribute_not_exists(pk) OR source_file = :f",
                            ExpressionAttributeValues = new() { [":f"] = new() { S = "f" } },
                        },
                    })],
                },
                ct));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(AwsSettings settings, string pkPrefix)
    {
        using var client = AwsClientFactory.CreateDynamoDb(settings);
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest
            {
                TableName = settings.HistoryTable,
                FilterExpression = "begins_with(pk, :p)",
                ExpressionAttributeValues = new() { [":p"] = new() { S = pkPrefix } },
                ExclusiveStartKey = start,
            });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
    }

    /// <summary>A stored bar item under a key of its own: every other attribute as stored.</summary>
    private static Dictionary<string, AttributeValue> BarShaped(Dictionary<string, AttributeValue> bar, int i) =>
        new(bar)
        {
            ["pk"] = new() { S = "CEILBAR#" + (i % 1000).ToString(CultureInfo.InvariantCulture) },
            ["sk"] = new() { S = i.ToString("D8", CultureInfo.InvariantCulture) },
        };

    private static Dictionary<string, AttributeValue> WithTickTimesAsNumberSet(Dictionary<string, AttributeValue> bar)
    {
        bar["tick_ms"] = new() { NS = [.. bar["tick_ms"].S.Split(',')] };
        return bar;
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

    private static async Task<(TimeSpan Elapsed, IngestionResult Result)> IngestWholeAsync(
        (AwsSettings Settings, StorageSet Storage) env, byte[] content, PortTimes? times, string key = Key)
    {
        var storage = env.Storage;
        await storage.Objects.WriteAsync(BucketRole.Actant, key, content, default);
        times?.Clear();
        var service = new IngestionService(times?.Wrap(storage) ?? storage, InstrumentCatalog.Empty, new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance)
        {
            BatchSize = BatchSize,
        };
        var clock = Stopwatch.StartNew();
        var result = await service.IngestAsync(BucketRole.Actant, key, default);
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
    private static Task<double> CeilingAsync(IAmazonDynamoDB client, string table, int count, int inFlight) =>
        CeilingAsync(client, table, count, inFlight, i => new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = $"CEIL#{inFlight}#{i % 1000}" },
            ["sk"] = new() { S = i.ToString("D8", CultureInfo.InvariantCulture) },
            ["v"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
        });

    private static async Task<double> CeilingAsync(IAmazonDynamoDB client, string table, int count, int inFlight, Func<int, Dictionary<string, AttributeValue>> item)
    {
        var batches = Enumerable.Range(0, count)
            .Select(i => new WriteRequest(new PutRequest(item(i))))
            .Chunk(DynamoBatchWriter.BatchSize)
            .ToList();
        var unprocessed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = inFlight },
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
