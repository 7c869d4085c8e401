using System.Globalization;
using System.Text;
using System.Text.Json;
using Frgm.Dashboard.Composition;
using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Monitoring;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Functions.Handlers;
using Frgm.Functions.Observability;
using Frgm.Functions.Tests.Fakes;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Dashboard.Tests.Oversize;

/// <summary>
/// Issue 11 item 2: a file over the ingest function's per-feed limit is handed to the dashboard's oversize worker
/// (AWS mode, no time limit) instead of FAILED, on redis-server + DynamoDB Local + s3rver. The ingest handler runs
/// in-process with the service configured as in Lambda except a tiny trades limit, so a small file stands for a big one.
/// </summary>
[Trait("Needs", "servers")]
public sealed class OversizeHandOffTests : IClassFixture<OversizeServers>
{
    private const long TinyLimit = 8 * 1024;
    private static readonly DateOnly Day = new(2026, 11, 20);
    private readonly OversizeServers _servers;

    public OversizeHandOffTests(OversizeServers servers) => _servers = servers;

    [Fact]
    public async Task The_ingest_function_hands_an_over_limit_file_off_and_the_dashboard_worker_in_aws_mode_ingests_it_once()
    {
        var settings = await _servers.NewEnvironmentAsync();
        var storage = await StorageAsync(settings);
        var (key, content, net) = await PutTradesAsync(storage, 400);
        Assert.True(content.Length > TinyLimit);

        await using (var response = await Lambda(storage, settings).HandleAsync(Sqs(settings.TradesBucket, key)))
        {
            using var body = await JsonDocument.ParseAsync(response);
            Assert.Empty(body.RootElement.GetProperty("batchItemFailures").EnumerateArray());
        }

        var marker = Assert.Single(await storage.Ledger.ListAsync(null, 50, default));
        Assert.Equal((FileStatus.HandedOff, key, FeedKind.Trades), (marker.Status, marker.Key, marker.Feed));
        Assert.Contains("over the ingest function's 8192 bytes limit for trades: queued for the dashboard worker", Assert.Single(marker.Notes), StringComparison.Ordinal);
        Assert.Empty(marker.Errors);
        Assert.DoesNotContain(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedFailed);
        Assert.Empty(await storage.History.GetTradesAsync(Day, default));

        var app = await DashboardHost.BuildAsync([
            "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--Frgm:ApiKey=oversize-test-key", "--Logging:LogLevel:Default=Warning",
            $"--Frgm:MonitoringDb={MonitoringDb()}", "--Frgm:Ingest:OversizeWorkerSeconds=0.5",
            .. OversizeServers.DashboardArguments(settings)]);
        await app.StartAsync();
        try
        {
            var entry = await WaitForAsync(async () => (await storage.Ledger.ListAsync(FileStatus.Completed, 50, default)).SingleOrDefault(e => e.Key == key));
            Assert.Equal((400, 0, 0, 1), (entry.Rows, entry.RejectedRows, entry.Duplicates, entry.Attempts));
            Assert.Contains(entry.Notes, n => n.StartsWith("ingested by the oversize worker after", StringComparison.Ordinal) && n.Contains("queued for the dashboard worker", StringComparison.Ordinal));
            Assert.Equal(entry.Sha256, Assert.Single(await storage.Ledger.ListAsync(null, 50, default)).Sha256);
            Assert.Equal(400, (await storage.History.GetTradesAsync(Day, default)).Count);
            var positions = await storage.Latest.GetPositionsAsync(Day, default);
            Assert.Equal(net, positions.Where(p => p.NetQty != 0).ToDictionary(p => (p.AccountId, p.Ticker), p => p.NetQty));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_workers_at_once_ingest_a_handed_off_file_once()
    {
        var settings = await _servers.NewEnvironmentAsync();
        var storage = await StorageAsync(settings);
        var (key, _, net) = await PutTradesAsync(storage, 300);
        await Lambda(storage, settings).HandleAsync(Sqs(settings.TradesBucket, key));

        // Two tasks whose lease moved mid-file: no lease between them, only the ledger claim.
        var first = Worker(await StorageAsync(settings));
        var second = Worker(await StorageAsync(settings));
        var runs = await Task.WhenAll(
            Task.Run(() => OversizeHandOff.RunPendingAsync(first, NullLogger.Instance, default)),
            Task.Run(() => OversizeHandOff.RunPendingAsync(second, NullLogger.Instance, default)));
        var claimed = runs.SelectMany(r => r).Where(r => r.Outcome == LedgerClaimOutcome.Claimed).ToList();
        if (claimed.Count == 0)
        {
            // The other worker's claim was live: the marker waits for the next pass.
            claimed = [.. (await OversizeHandOff.RunPendingAsync(first, NullLogger.Instance, default)).Where(r => r.Outcome == LedgerClaimOutcome.Claimed)];
        }

        var entry = Assert.Single(await storage.Ledger.ListAsync(null, 50, default));
        Assert.Equal((FileStatus.Completed, 300, 1), (entry.Status, entry.Rows, entry.Attempts));
        Assert.Single(claimed);
        Assert.Equal(300, (await storage.History.GetTradesAsync(Day, default)).Count);
        Assert.Equal(net, (await storage.Latest.GetPositionsAsync(Day, default)).Where(p => p.NetQty != 0).ToDictionary(p => (p.AccountId, p.Ticker), p => p.NetQty));
        Assert.Empty(await OversizeHandOff.RunPendingAsync(first, NullLogger.Instance, default));
    }

    [Fact]
    public async Task Only_the_lease_holder_among_two_dashboard_tasks_runs_the_worker()
    {
        var settings = await _servers.NewEnvironmentAsync();
        var storage = await StorageAsync(settings);
        var (key, _, _) = await PutTradesAsync(storage, 300);
        await Lambda(storage, settings).HandleAsync(Sqs(settings.TradesBucket, key));
        var db = MonitoringDb();
        var holder = new OversizeWorkerService(Worker(await StorageAsync(settings)), new MonitoringWriterLease(db, "task-a", TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger<OversizeWorkerService>.Instance);
        var other = new OversizeWorkerService(Worker(await StorageAsync(settings)), new MonitoringWriterLease(db, "task-b", TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger<OversizeWorkerService>.Instance);

        Assert.Equal(FileStatus.HandedOff, Assert.Single(await storage.Ledger.ListAsync(null, 50, default)).Status);
        Assert.Equal(1, await holder.RunOnceAsync(default));
        Assert.Equal(FileStatus.Completed, Assert.Single(await storage.Ledger.ListAsync(null, 50, default)).Status);

        var (later, _, _) = await PutTradesAsync(storage, 300, "later.csv", firstId: 1000);
        await Lambda(storage, settings).HandleAsync(Sqs(settings.TradesBucket, later));
        Assert.Equal(0, await other.RunOnceAsync(default));
        Assert.Single(await storage.Ledger.ListAsync(FileStatus.HandedOff, 50, default));
    }

    [Fact]
    public async Task A_handed_off_file_that_waits_too_long_raises_FEED_FAILED_and_the_worker_clears_it()
    {
        var settings = await _servers.NewEnvironmentAsync();
        var storage = await StorageAsync(settings);
        var (key, _, _) = await PutTradesAsync(storage, 300);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lambda = LambdaService(storage, clock);
        await new IngestFunction(lambda, settings, new FrgmMetrics(new EmfWriter(TextWriter.Null), settings.Environment), clock, NullLoggerFactory.Instance)
            .HandleAsync(Sqs(settings.TradesBucket, key));
        Assert.Equal(FileStatus.HandedOff, Assert.Single(await storage.Ledger.ListAsync(null, 50, default)).Status);

        clock.Advance(TimeSpan.FromMinutes(14));
        await lambda.SweepAsync(default);
        Assert.DoesNotContain(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedFailed);

        clock.Advance(TimeSpan.FromMinutes(2));
        await lambda.SweepAsync(default);
        await lambda.SweepAsync(default);
        var alarm = Assert.Single(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedFailed);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Contains($"File {key} in bucket trades (trades feed) is over the ingest function's size limit and has waited more than 15 min for the dashboard's oversize worker", alarm.Message, StringComparison.Ordinal);
        Assert.Single(await storage.Alarms.GetHistoryAsync(alarm.AlarmId, default));

        Assert.Single(await OversizeHandOff.RunPendingAsync(Worker(storage, clock), NullLogger.Instance, default));
        Assert.DoesNotContain(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedFailed && a.AlarmId == alarm.AlarmId && a.State == AlarmState.Active);
    }

    [Fact]
    public async Task A_handed_off_file_the_worker_cannot_parse_is_failed_with_FEED_FAILED()
    {
        var settings = await _servers.NewEnvironmentAsync();
        var storage = await StorageAsync(settings);
        const string key = "trades/2026/11/20/broken.csv";
        await storage.Objects.WriteAsync(BucketRole.Trades, key, Encoding.UTF8.GetBytes("not,a,trade,header\n" + new string('x', 20_000) + "\n"), default);
        await Lambda(storage, settings).HandleAsync(Sqs(settings.TradesBucket, key));
        Assert.Equal(FileStatus.HandedOff, Assert.Single(await storage.Ledger.ListAsync(null, 50, default)).Status);

        await OversizeHandOff.RunPendingAsync(Worker(storage), NullLogger.Instance, default);

        var entry = Assert.Single(await storage.Ledger.ListAsync(null, 50, default));
        Assert.Equal(FileStatus.Failed, entry.Status);
        Assert.Contains(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.FeedFailed && a.Message.Contains(key, StringComparison.Ordinal));
    }

    private static Task<StorageSet> StorageAsync(AwsSettings settings) =>
        AwsStorageFactory.CreateAsync(settings, null, NullLoggerFactory.Instance, subscribe: false, default);

    /// <summary>As AddFrgm builds it for the ingest Lambda (hand-off on, 15 min wait), with a tiny trades limit.</summary>
    private static IngestionService LambdaService(StorageSet storage, TimeProvider? clock = null) =>
        new(storage, InstrumentCatalog.Empty, new AlarmThresholds(), clock ?? TimeProvider.System, NullLogger<IngestionService>.Instance)
        {
            MaxFileBytes = FileSizeLimits.Lambda with { Trades = TinyLimit },
            HandOffOversizedTo = OversizeSettings.Worker,
            HandOffMaxWait = OversizeSettings.DefaultMaxWait,
        };

    private static IngestFunction Lambda(StorageSet storage, AwsSettings settings) =>
        new(LambdaService(storage), settings, new FrgmMetrics(new EmfWriter(TextWriter.Null), settings.Environment), TimeProvider.System, NullLoggerFactory.Instance);

    private static IngestionService Worker(StorageSet storage, TimeProvider? clock = null) =>
        new(storage, InstrumentCatalog.Empty, new AlarmThresholds(), clock ?? TimeProvider.System, NullLogger<IngestionService>.Instance) { MaxFileBytes = OversizeSettings.WorkerLimits };

    private static MemoryStream Sqs(string bucket, string key) =>
        new(Encoding.UTF8.GetBytes(AwsEvents.SqsWrappingS3(bucket, AwsEvents.Key(key), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))));

    private static string MonitoringDb() => Path.Combine(Path.GetTempPath(), "frgm-oversize-" + Guid.NewGuid().ToString("N"), "monitoring.db");

    private static async Task<(string Key, byte[] Content, Dictionary<(string, string), long> Net)> PutTradesAsync(
        StorageSet storage, int count, string name = "big.csv", int firstId = 0)
    {
        var key = "trades/2026/11/20/" + name;
        var text = new StringBuilder("trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time\n");
        var net = new Dictionary<(string, string), long>();
        for (var i = 0; i < count; i++)
        {
            var account = i % 2 == 0 ? "MM1" : "MM2";
            var ticker = i % 3 == 0 ? "ZNZ6" : "ZBZ6";
            var buy = i % 4 != 0;
            var quantity = 1 + (i % 5);
            text.Append(CultureInfo.InvariantCulture, $"OV-{firstId + i},2026-11-20,{account},{ticker},{(buy ? "BUY" : "SELL")},{quantity},112.5,2026-11-20T14:{i / 60 % 60:00}:{i % 60:00}Z\n");
            net[(account, ticker)] = net.GetValueOrDefault((account, ticker)) + (buy ? quantity : -quantity);
        }

        var content = Encoding.UTF8.GetBytes(text.ToString());
        await storage.Objects.WriteAsync(BucketRole.Trades, key, content, default);
        return (key, content, net.Where(kv => kv.Value != 0).ToDictionary(kv => kv.Key, kv => kv.Value));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the oversize worker did not finish the file within 90 s");
    }
}
