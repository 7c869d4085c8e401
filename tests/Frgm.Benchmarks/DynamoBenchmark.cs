using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.TestSupport;

namespace Frgm.Benchmarks;

/// <summary>
/// DynamoDB Local: (a) the ceiling — raw 25-item BatchWriteItem with 1/4/8/16 in flight; (b) the history store
/// writing a market-data batch as bars (and replaying it) and a batch of trades. Prints rows/s and % of ceiling.
/// </summary>
internal sealed class DynamoBenchmark : IBenchmark
{
    public string Name => "dynamo";

    public string Description => "DynamoDB Local: BatchWriteItem ceiling vs history-store bar and trade writes (--rows, default 100000)";

    public async Task RunAsync(BenchmarkOptions options)
    {
        var rows = options.Rows ?? 100_000;
        using var server = new DynamoDbLocal();
        var settings = new AwsSettings { DynamoDbServiceUrl = server.ServiceUrl };
        using var client = AwsClientFactory.CreateDynamoDb(settings);
        await DynamoTables.CreateAllAsync(client, settings);
        Console.WriteLine($"DynamoDB Local at {server.ServiceUrl}, {rows:N0} rows per run, {Environment.ProcessorCount} cores");

        // Warm the JVM so the first measured configuration is not penalised.
        await RawBatchWritesAsync(client, settings.HistoryTable, "WARM", 2_000, 4);

        var ceiling = 0.0;
        foreach (var inFlight in new[] { 1, 4, 8, 16 })
        {
            var rate = await RawBatchWritesAsync(client, settings.HistoryTable, "RAW" + inFlight, rows, inFlight);
            ceiling = Math.Max(ceiling, rate);
            Console.WriteLine($"ceiling  BatchWriteItem x25, {inFlight,2} in flight: {rate,10:N0} items/s");
        }

        var store = new DynamoHistoryStore(client, settings);
        var prices = MarketRows(rows);
        var bars = await TimeAsync(() => store.WriteMarketBarsAsync(prices, CancellationToken.None));
        Report("bars     WriteMarketBarsAsync (1 row = 1 bar)", rows, bars, ceiling);
        var replay = await TimeAsync(() => store.WriteMarketBarsAsync(prices, CancellationToken.None));
        Report("bars     same batch replayed (reads only)", rows, replay, ceiling);

        var trades = Trades(rows);
        var tradeTime = await TimeAsync(() => store.PutTradesAsync(trades, CancellationToken.None));
        Report("trades   PutTradesAsync (conditional PutItem)", rows, tradeTime, ceiling);
    }

    private static void Report(string what, int rows, TimeSpan elapsed, double ceiling)
    {
        var rate = rows / elapsed.TotalSeconds;
        Console.WriteLine($"{what}: {rate,10:N0} rows/s  ({rate / ceiling:P0} of ceiling, {elapsed.TotalSeconds:N1} s)");
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> run)
    {
        var sw = Stopwatch.StartNew();
        await run();
        return sw.Elapsed;
    }

    private static async Task<double> RawBatchWritesAsync(IAmazonDynamoDB client, string table, string prefix, int count, int inFlight)
    {
        var batches = Enumerable.Range(0, count)
            .Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
            {
                ["pk"] = new() { S = $"{prefix}#{i % 1000}" },
                ["sk"] = new() { S = i.ToString("D8", CultureInfo.InvariantCulture) },
                ["v"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
            })))
            .Chunk(25)
            .ToList();
        var unprocessed = 0;
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = inFlight },
            async (batch, ct) =>
            {
                var response = await client.BatchWriteItemAsync(
                    new BatchWriteItemRequest { RequestItems = new() { [table] = [.. batch] } }, ct);
                if (response.UnprocessedItems is { } left && left.TryGetValue(table, out var rest))
                {
                    Interlocked.Add(ref unprocessed, rest.Count);
                }
            });
        var elapsed = sw.Elapsed;
        if (unprocessed > 0)
        {
            Console.WriteLine($"  ({unprocessed} items came back unprocessed and were not retried)");
        }

        return (count - unprocessed) / elapsed.TotalSeconds;
    }

    /// <summary>One price per instrument per minute: every row is its own bar, the costliest shape.</summary>
    private static List<MarketPrice> MarketRows(int rows)
    {
        var start = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        const int instruments = 1000;
        return [.. Enumerable.Range(0, rows).Select(i => new MarketPrice(
            $"INS{i % instruments:D4}",
            100m + (i % 97) / 32m,
            null,
            null,
            i,
            start.AddMinutes(i / instruments).AddSeconds(i % 60)))];
    }

    private static List<Trade> Trades(int rows)
    {
        var date = new DateOnly(2026, 11, 20);
        var start = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, rows).Select(i => new Trade(
            $"BT-{i:D7}", date, $"ACC{i % 20}", $"INS{i % 300:D4}", i % 2 == 0 ? Side.Buy : Side.Sell,
            1 + (i % 10), 100m + (i % 64) / 64m, start.AddMilliseconds(i * 250L), $"O-{i}", "bench", "XCME", "bench/trades.csv"))];
    }
}
