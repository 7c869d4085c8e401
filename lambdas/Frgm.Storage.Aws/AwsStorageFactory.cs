using Frgm.Application.Ports;
using Frgm.Storage.Aws.Redis;
using Microsoft.Extensions.Logging;

namespace Frgm.Storage.Aws;

/// <summary>
/// The AWS adapter set: MemoryDB (latest state, change feed) through StackExchange.Redis, DynamoDB (history, alarms, ledger) and S3 (objects).
/// One set per process. Connecting is asynchronous all the way (no composition root blocks on it); the set owns its
/// Redis connection and closes it when disposed (<see cref="StorageSet.Connections"/>), which the container that
/// registered it (<see cref="AwsServices.AddFrgmAws"/>) does at shutdown.
/// </summary>
public static class AwsStorageFactory
{
    /// <param name="subscribe">True for the dashboard, which follows the change feed; Lambdas only publish.</param>
    public static async Task<StorageSet> CreateAsync(
        AwsSettings settings,
        string? redisPassword,
        ILoggerFactory loggers,
        bool subscribe,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var redis = await RedisAdapters.ConnectAsync(
            settings, redisPassword ?? settings.RedisPassword, subscribe, loggers.CreateLogger("Frgm.Storage.Aws.Redis"), ct);
        var dynamo = AwsClientFactory.CreateDynamoDb(settings);
        var s3 = AwsClientFactory.CreateS3(settings);
        return new StorageSet(
            new S3ObjectStore(s3, settings),
            redis.Latest,
            new DynamoHistoryStore(dynamo, settings),
            new DynamoAlarmStore(dynamo, settings),
            new DynamoFileLedger(dynamo, settings),
            redis.Changes,
            [redis.Latest, new DynamoStoreProbe(dynamo, settings), new S3StoreProbe(s3, settings)])
        {
            PnlHistory = new DynamoPnlHistoryStore(dynamo, settings),
            Connections = new Owned(redis, dynamo, s3),
        };
    }

    private sealed class Owned(RedisAdapters redis, IDisposable dynamo, IDisposable s3) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await redis.DisposeAsync();
            dynamo.Dispose();
            s3.Dispose();
        }
    }
}
