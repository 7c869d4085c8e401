using System.Globalization;
using System.Text;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;
using Frgm.Storage.Tests.Embedded;
using Frgm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.AwsContract;

/// <summary>
/// Real outages on the AWS adapters: redis-server killed in the middle of a file, DynamoDB unreachable. Each run
/// must end FAILED in the ledger with a clear error, and the retry must converge to exactly what an undisturbed
/// embedded run of the same files gives (no duplicate, no lost row). Duplicate deliveries and malformed or
/// unknown files are covered on AWS by <see cref="AwsIngestionContractTests"/>.
/// </summary>
[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsFaultTests(AwsStorageFixture aws) : IDisposable
{
    private static readonly DateOnly D20 = new(2026, 11, 20);
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private const string BigMarket = "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_142800.csv";

    private readonly EmbeddedStorageFixture _embedded = new();

    [Fact]
    public async Task Redis_killed_mid_file_fails_the_file_in_the_ledger_and_the_retry_after_restart_loses_and_doubles_nothing()
    {
        using var redis = new RedisServer(tls: true);
        var clock = new FakeTimeProvider(T0);
        var cloud = await AwsStorageFixture.ConnectAsync(await aws.NewResourcesAsync(redis));
        var service = Service(cloud, clock, batchSize: 200);
        var (bucket, key, content, ingest) = await StartBigFileAsync(cloud, service);

        redis.Kill();
        var error = await Assert.ThrowsAsync<StoreStepException>(() => ingest);
        var failed = Assert.Single(await cloud.Ledger.ListAsync(FileStatus.Failed, 10, default));
        redis.Restart();
        var retry = await service.IngestAsync(bucket, key, default);

        Assert.Equal("latest", error.Store);
        Assert.Contains(redis.Port.ToString(CultureInfo.InvariantCulture), error.ToString(), StringComparison.Ordinal);
        await AssertTheBigFileFailedThenConvergedAsync(clock, cloud, (bucket, key, content), failed, retry);
    }

    [Fact]
    public async Task A_cluster_master_killed_mid_file_fails_the_file_and_the_retry_after_it_rejoins_loses_and_doubles_nothing()
    {
        var clock = new FakeTimeProvider(T0);
        var settings = await aws.NewResourcesAsync(aws.Cluster);
        var cloud = await AwsStorageFixture.ConnectAsync(settings);
        var service = Service(cloud, clock, batchSize: 200);
        // Every key of the environment is in one slot ({env} hash tag): kill the master that serves it.
        var master = aws.Cluster.MasterPortFor($"frgm:{{{settings.Environment}}}:prices");
        var (bucket, key, content, ingest) = await StartBigFileAsync(cloud, service);

        aws.Cluster.KillNode(master);
        StoreStepException error;
        try
        {
            error = await Assert.ThrowsAsync<StoreStepException>(() => ingest);
        }
        finally
        {
            // No replicas: the shard comes back when its master is restarted on the same port with its nodes.conf
            // (empty, as a node that lost its memory would be), whatever the assertions above found.
            aws.Cluster.RestartNode(master);
        }

        var failed = Assert.Single(await cloud.Ledger.ListAsync(FileStatus.Failed, 10, default));
        var retry = await service.IngestAsync(bucket, key, default);

        Assert.Equal("latest", error.Store);
        // The library's error names the node it failed on: the killed master, or a peer that answered for the slot.
        var cause = Causes(error).FirstOrDefault(e => e is StackExchange.Redis.RedisException or TimeoutException);
        Assert.NotNull(cause);
        Assert.Matches(@"127\.0\.0\.1:\d+", cause.Message);
        await AssertTheBigFileFailedThenConvergedAsync(clock, cloud, (bucket, key, content), failed, retry);
    }

    [Fact]
    public async Task An_unreachable_history_table_fails_the_file_naming_dynamodb_and_the_endpoint_and_a_retry_converges()
    {
        var clock = new FakeTimeProvider(T0);
        var settings = await aws.NewResourcesAsync();
        var cloud = await AwsStorageFixture.ConnectAsync(settings);
        var deadUrl = $"http://127.0.0.1:{FreePort.Next()}";
        // Nothing listens on a port FreePort just released: every call is refused, as with an unreachable endpoint.
        var deadSettings = new AwsSettings { HistoryTable = settings.HistoryTable, DynamoDbServiceUrl = deadUrl };
        // No SDK retries: they only delay the same refusal (~12 s with the default four), they do not change the outcome.
        using var deadClient = AwsClientFactory.CreateDynamoDb(deadSettings, maxErrorRetry: 0);
        var broken = cloud.WithHistory(new DynamoHistoryStore(deadClient, deadSettings));
        var (bucket, key) = await SampleFeeds.PutAsync(cloud.Objects, SampleFeeds.Sod);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Service(broken, clock).IngestAsync(bucket, key, default));
        var failed = Assert.Single(await cloud.Ledger.ListAsync(FileStatus.Failed, 10, default));
        var service = Service(cloud, clock);
        var retry = await service.IngestAsync(bucket, key, default);
        await IngestAsync(cloud, service, SampleFeeds.Market);
        await IngestAsync(cloud, service, SampleFeeds.Trades);

        Assert.Contains("dynamodb", error.Message, StringComparison.Ordinal);
        Assert.Contains(deadUrl, error.Message, StringComparison.Ordinal);
        Assert.Contains("dynamodb", failed.Errors[0], StringComparison.Ordinal);
        Assert.Contains(deadUrl, failed.Errors[0], StringComparison.Ordinal);
        Assert.Contains(settings.HistoryTable, failed.Errors[0], StringComparison.Ordinal);
        Assert.Equal((LedgerClaimOutcome.Claimed, FileStatus.Completed, 2), (retry.Outcome, retry.Entry.Status, retry.Entry.Attempts));
        var reference = await ReferenceAsync(clock, (SampleFeeds.Sod, null), (SampleFeeds.Market, null), (SampleFeeds.Trades, null));
        await AssertConvergedAsync(reference, cloud);
        Assert.Equal(-30, (await cloud.Latest.GetPositionsAsync(D20, default)).Single(p => p is { AccountId: "MM1", Ticker: "ZNZ6" }).NetQty);
    }

    public void Dispose() => _embedded.Dispose();

    private static IEnumerable<Exception> Causes(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>The same files, undisturbed, on the embedded adapters with the same clock: what the retry must reach.</summary>
    private async Task<StorageSet> ReferenceAsync(FakeTimeProvider clock, params (string Path, string? Content)[] files)
    {
        var storage = await _embedded.CreateFreshAsync(clock);
        var service = Service(storage, clock);
        foreach (var (path, content) in files)
        {
            var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, path, content);
            Assert.Equal(FileStatus.Completed, (await service.IngestAsync(bucket, key, default)).Entry.Status);
        }

        return storage;
    }

    private static async Task AssertConvergedAsync(StorageSet reference, StorageSet cloud)
    {
        var instruments = (await reference.Latest.GetPricesAsync(default)).Keys.ToList();
        var expected = await StorageView.ReadAsync(reference, D20, instruments);
        var actual = await StorageView.ReadAsync(cloud, D20, instruments);
        Assert.NotEmpty(expected.LatestPositions);
        StorageView.Same(nameof(StorageView.LatestPositions), expected.LatestPositions, actual.LatestPositions);
        StorageView.Same(nameof(StorageView.HistoryPositions), expected.HistoryPositions, actual.HistoryPositions);
        StorageView.Same(nameof(StorageView.Blotter), expected.Blotter, actual.Blotter);
        StorageView.Same(nameof(StorageView.Prices), expected.Prices, actual.Prices);
        StorageView.Same(nameof(StorageView.Bars), expected.Bars, actual.Bars);
    }

    /// <summary>
    /// The SOD and trades ingested, then the big market file started and followed until its first prices are in
    /// Redis: the moment to break a store mid-file.
    /// </summary>
    private static async Task<(BucketRole Bucket, string Key, string Content, Task<IngestionResult> Ingest)> StartBigFileAsync(StorageSet cloud, IngestionService service)
    {
        await IngestAsync(cloud, service, SampleFeeds.Sod);
        await IngestAsync(cloud, service, SampleFeeds.Trades);
        var content = BigMarketFile(snapshots: 90, fillers: 40);
        var (bucket, key) = await SampleFeeds.PutAsync(cloud.Objects, BigMarket, content);
        var ingest = Task.Run(() => service.IngestAsync(bucket, key, default));
        while ((await cloud.Latest.GetPricesAsync(default)).Count == 0)
        {
            Assert.False(ingest.IsCompleted, "the file finished before its first prices were seen: make it bigger");
            await Task.Delay(5);
        }

        return (bucket, key, content, ingest);
    }

    /// <summary>The big file was FAILED naming the latest store, and its retry reached what an undisturbed run reaches.</summary>
    private async Task AssertTheBigFileFailedThenConvergedAsync(
        FakeTimeProvider clock, StorageSet cloud, (BucketRole Bucket, string Key, string Content) file, LedgerEntry failed, IngestionResult retry)
    {
        Assert.Equal((file.Bucket, file.Key), (failed.Bucket, failed.Key));
        Assert.Contains("latest store failed", failed.Errors[0], StringComparison.Ordinal);
        Assert.Equal((LedgerClaimOutcome.Claimed, FileStatus.Completed, 2), (retry.Outcome, retry.Entry.Status, retry.Entry.Attempts));
        Assert.Equal(90 * 46, retry.Entry.Rows);
        Assert.Equal(4, (await cloud.History.GetTradesAsync(D20, default)).Count);
        var reference = await ReferenceAsync(clock, (SampleFeeds.Sod, null), (SampleFeeds.Trades, null), (BigMarket, file.Content));
        await AssertConvergedAsync(reference, cloud);
    }

    private static IngestionService Service(StorageSet storage, TimeProvider clock, int batchSize = 5000) =>
        new(storage, SampleFeeds.Instruments(), new AlarmThresholds(), clock, NullLogger<IngestionService>.Instance) { BatchSize = batchSize };

    private static async Task IngestAsync(StorageSet storage, IngestionService service, string path)
    {
        var (bucket, key) = await SampleFeeds.PutAsync(storage.Objects, path);
        Assert.Equal(FileStatus.Completed, (await service.IngestAsync(bucket, key, default)).Entry.Status);
    }

    /// <summary>One row per instrument per second: the six sample instruments at their sample prices plus fillers that move.</summary>
    private static string BigMarketFile(int snapshots, int fillers)
    {
        var sample = Encoding.UTF8.GetString(SampleFeeds.Read(SampleFeeds.Market))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (Instrument: cells[0], Price: cells[1]))
            .ToList();
        Assert.Equal(6, sample.Count);
        var start = new DateTimeOffset(2026, 11, 20, 14, 27, 0, TimeSpan.Zero);
        var text = new StringBuilder("instrument,price,volume,timestamp\n");
        for (var s = 0; s < snapshots; s++)
        {
            var at = start.AddSeconds(s).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            foreach (var (instrument, price) in sample)
            {
                text.Append(CultureInfo.InvariantCulture, $"{instrument},{price},{s},{at}\n");
            }

            for (var f = 0; f < fillers; f++)
            {
                text.Append(CultureInfo.InvariantCulture, $"FILL{f:0000},{100m + f + (s % 16 / 32m)},{s},{at}\n");
            }
        }

        return text.ToString();
    }
}
