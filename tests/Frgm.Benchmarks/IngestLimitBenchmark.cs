using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Benchmarks;

/// <summary>
/// Re-derives the ingest function's per-feed size limits (README.md, "Large files"): market-data and trade files of
/// fixed sizes go through s3rver and IngestionService into redis-server + DynamoDB Local, each in a fresh environment,
/// timed end to end. The rate of the largest size gives the largest file that finishes in the 60 s timeout and the
/// size at half of it (the margin the limits keep); a file of the derived 60 s size is then run to check it fits.
/// </summary>
internal sealed class IngestLimitBenchmark : IBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string Name => "ingest-limit";

    public string Description => "largest market-data and trade file the ingest path finishes in 60 s on DynamoDB Local (--rows scales the sizes, default 1 = market 100k/300k, trades 5k/20k)";

    public async Task RunAsync(BenchmarkOptions options)
    {
        var scale = Math.Max(1, options.Rows ?? 1);
        using var redis = new RedisServer(tls: false, user: null);
        using var dynamo = new DynamoDbLocal();
        using var s3 = new S3rver();
        Console.WriteLine($"redis-server :{redis.Port}, DynamoDB Local {dynamo.ServiceUrl}, s3rver {s3.ServiceUrl}, {Environment.ProcessorCount} cores");
        await RunOnceAsync(redis, dynamo, s3, BucketRole.Actant, MarketKey, MarketFile(10_000)); // warm-up: JIT, JVM, connections
        foreach (var (feed, bucket, key, make, sizes) in new (string, BucketRole, string, Func<int, byte[]>, int[])[]
        {
            ("market-data", BucketRole.Actant, MarketKey, MarketFile, [100_000 * scale, 300_000 * scale]),
            ("trades", BucketRole.Trades, TradesKey, TradesFile, [5_000 * scale, 20_000 * scale]),
        })
        {
            try
            {
                await DeriveAsync(feed, redis, dynamo, s3, bucket, key, make, sizes);
            }
#pragma warning disable CA1031 // a store timeout under load ends this feed's measurement, not the other's
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.WriteLine($"{feed}: stopped: {ex.GetType().Name}: {ex.Message} (load {QuietMachine.LoadAverage()})");
            }
        }
    }

    private const string MarketKey = "market-data/2026/11/20/LIMIT_20261120_143000.csv";
    private const string TradesKey = "trades/2026/11/20/limit.csv";

    private static async Task DeriveAsync(
        string feed, RedisServer redis, DynamoDbLocal dynamo, S3rver s3, BucketRole bucket, string key, Func<int, byte[]> make, int[] sizes)
    {
        double rowsPerSecond = 0, bytesPerRow = 0;
        foreach (var rows in sizes)
        {
            var content = make(rows);
            var elapsed = await RunOnceAsync(redis, dynamo, s3, bucket, key, content);
            rowsPerSecond = rows / elapsed.TotalSeconds;
            bytesPerRow = content.Length / (double)rows;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{feed}: {rows:N0} rows, {content.Length / 1048576.0:0.0} MiB: {elapsed.TotalSeconds:0.0} s = {rowsPerSecond:N0} rows/s (load {QuietMachine.LoadAverage()})"));
        }

        var fits = (int)(rowsPerSecond * Timeout.TotalSeconds);
        var half = fits / 2;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{feed}: at {rowsPerSecond:N0} rows/s and {bytesPerRow:0} bytes/row: 60 s ≈ {fits:N0} rows ≈ {fits * bytesPerRow / 1048576.0:0.0} MiB; 30 s (the limit's margin) ≈ {half:N0} rows ≈ {half * bytesPerRow / 1048576.0:0.0} MiB"));
        var check = make(fits);
        var took = await RunOnceAsync(redis, dynamo, s3, bucket, key, check);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{feed}: check {fits:N0} rows ({check.Length / 1048576.0:0.0} MiB): {took.TotalSeconds:0.0} s, {(took <= Timeout ? "fits" : "does NOT fit")} in 60 s (load {QuietMachine.LoadAverage()})"));
    }

    private static async Task<TimeSpan> RunOnceAsync(RedisServer redis, DynamoDbLocal dynamo, S3rver s3, BucketRole bucket, string key, byte[] content)
    {
        var (_, storage) = await AwsIngestBenchmark.NewEnvironmentAsync(redis, dynamo, s3);
        await storage.Objects.WriteAsync(bucket, key, content, default);
        var service = new IngestionService(storage, InstrumentCatalog.Empty, new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance);
        var clock = Stopwatch.StartNew();
        var result = await service.IngestAsync(bucket, key, default);
        var elapsed = clock.Elapsed;
        if (result.Entry.Status != FileStatus.Completed)
        {
            throw new InvalidOperationException($"{key}: {WireNames.Of(result.Entry.Status)} {string.Join("; ", result.Entry.Errors)}");
        }

        return elapsed;
    }

    private static byte[] MarketFile(int rows) => IngestBenchmarkFiles.MarketFile(rows);

    /// <summary>Shaped like the parsing benchmark's trades: 7 accounts, 50 instruments, unique ids, one date.</summary>
    private static byte[] TradesFile(int rows)
    {
        var start = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
        var text = new StringBuilder(rows * 96).Append("trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time,order_id,trader\n");
        for (var i = 0; i < rows; i++)
        {
            var price = 100m + ((i * 7919L % 40_000) / 256m);
            text.Append(CultureInfo.InvariantCulture, $"T-{i},2026-11-20,ACC{i % 7},F{i % 50:D3}Z6,{(i % 3 == 0 ? "SELL" : "BUY")},{1 + (i % 25)},{price},{start.AddMilliseconds(i * 13L):yyyy-MM-ddTHH:mm:ss.fffZ},O-{i / 3},trader{i % 11}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
