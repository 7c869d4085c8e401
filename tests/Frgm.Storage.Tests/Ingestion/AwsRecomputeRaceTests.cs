using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Storage.Aws.Redis;
using Frgm.Storage.Tests.Aws;
using Frgm.Storage.Tests.Contract;
using Frgm.Storage.Tests.Embedded;
using Frgm.Storage.Tests.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Ingestion;

/// <summary>
/// The concurrent-Lambda race over the AWS adapters that hold positions and facts: DynamoDB Local (history,
/// alarms, ledger) and redis-server (latest state). Objects and change events are the embedded ones: they take no
/// part in the race.
/// </summary>
[Collection(DynamoCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsRecomputeRaceTests(DynamoFixture dynamo, RedisServerFixture redis)
    : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly EmbeddedStorageFixture _embedded = new();
    private RedisAdapters _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await redis.ConnectAsync("race");

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        _embedded.Dispose();
    }

    [Fact]
    public async Task A_slow_recompute_from_stale_facts_loses_to_the_newer_one_in_dynamodb_and_redis()
    {
        var settings = await dynamo.NewTablesAsync();
        var storage = EmbeddedStorage.Create(_embedded.NewDataDir()) with
        {
            Latest = new RedisLatestStateStore(_redis.Multiplexer, "race-" + Guid.NewGuid().ToString("N")[..8]),
            History = new DynamoHistoryStore(dynamo.Client, settings),
            Alarms = new DynamoAlarmStore(dynamo.Client, settings),
            Ledger = new DynamoFileLedger(dynamo.Client, settings),
        };

        var (a, b) = await RecomputeRace.RunAsync(
            storage,
            s => new IngestionService(s, SampleFeeds.Instruments(), new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance));

        Assert.Equal(FileStatus.Completed, a.Entry.Status);
        Assert.Equal(FileStatus.Completed, b.Entry.Status);
        Assert.Equal(2, await storage.History.GetFactsVersionAsync(RecomputeRace.Date, default));
        Assert.Equal(18, Assert.Single(await storage.Latest.GetPositionsAsync(RecomputeRace.Date, default)).NetQty);
        Assert.Equal(18, Assert.Single(await storage.History.GetPositionsAsync(RecomputeRace.Date, default)).NetQty);
    }
}
