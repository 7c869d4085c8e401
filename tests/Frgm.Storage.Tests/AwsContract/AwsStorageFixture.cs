using Amazon.DynamoDBv2;
using Amazon.S3;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;
using Frgm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.AwsContract;

/// <summary>
/// The AWS adapter family for the contract suites: one redis-server (TLS + ACL user, as MemoryDB), one DynamoDB
/// Local and one s3rver for the whole "aws-contract" collection. Each fresh set gets its own tables, its own
/// buckets and its own Redis key prefix (a unique <see cref="AwsSettings.Environment"/>), so sets never share
/// state and nothing is flushed between tests.
/// </summary>
public sealed class AwsStorageFixture : IStorageFixture, IDisposable
{
    private readonly Lazy<RedisCluster> _cluster;

    public AwsStorageFixture()
    {
        // The three servers start side by side: DynamoDB Local's JVM dominates (~3 s).
        var redis = Task.Run(() => new RedisServer(tls: true));
        var dynamo = Task.Run(() => new DynamoDbLocal());
        var s3 = Task.Run(() => new S3rver());
        Task.WhenAll(redis, dynamo, s3).ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        if (redis.IsFaulted || dynamo.IsFaulted || s3.IsFaulted)
        {
            StopStarted(redis, dynamo, s3);
            throw new AggregateException(new[] { redis.Exception, dynamo.Exception, s3.Exception }.OfType<Exception>());
        }

        Redis = redis.Result;
        Dynamo = dynamo.Result;
        S3 = s3.Result;
        _cluster = new Lazy<RedisCluster>(() => new RedisCluster(), LazyThreadSafetyMode.ExecutionAndPublication);
        var admin = BaseSettings("admin");
        DynamoClient = AwsClientFactory.CreateDynamoDb(admin);
        S3Client = AwsClientFactory.CreateS3(admin);
    }

    public RedisServer Redis { get; }

    /// <summary>A 3-master TLS cluster (MemoryDB with shards), started only by the classes that use it.</summary>
    public RedisCluster Cluster => _cluster.Value;

    public DynamoDbLocal Dynamo { get; }

    public S3rver S3 { get; }

    public AmazonDynamoDBClient DynamoClient { get; }

    public AmazonS3Client S3Client { get; }

    public async Task<StorageSet> CreateFreshAsync(TimeProvider clock) => await ConnectAsync(await NewResourcesAsync());

    /// <summary>The production composition (<see cref="AwsStorageFactory"/>) over the given settings, following the change feed.</summary>
    public static Task<StorageSet> ConnectAsync(AwsSettings settings) =>
        AwsStorageFactory.CreateAsync(settings, null, NullLoggerFactory.Instance, subscribe: true, default);

    /// <summary>Settings naming a fresh environment: new tables and buckets (created here) and a new Redis prefix.</summary>
    public async Task<AwsSettings> NewResourcesAsync(IRedisTarget? redis = null)
    {
        var settings = BaseSettings("t" + Guid.NewGuid().ToString("N")[..12], redis ?? Redis);
        await DynamoTables.CreateAllAsync(DynamoClient, settings);
        await S3Buckets.CreateAllAsync(S3Client, settings);
        return settings;
    }

    public void Dispose()
    {
        DynamoClient.Dispose();
        S3Client.Dispose();
        S3.Dispose();
        Dynamo.Dispose();
        Redis.Dispose();
        if (_cluster.IsValueCreated)
        {
            _cluster.Value.Dispose();
        }
    }

    private AwsSettings BaseSettings(string environment, IRedisTarget? redis = null) => LocalAwsSettings.For(environment, Dynamo, S3, redis ?? Redis);

    private static void StopStarted(Task<RedisServer> redis, Task<DynamoDbLocal> dynamo, Task<S3rver> s3)
    {
        if (redis.IsCompletedSuccessfully)
        {
            redis.Result.Dispose();
        }

        if (dynamo.IsCompletedSuccessfully)
        {
            dynamo.Result.Dispose();
        }

        if (s3.IsCompletedSuccessfully)
        {
            s3.Result.Dispose();
        }
    }
}

/// <summary>The same AWS adapter family with latest state and the change feed on the 3-master Redis cluster.</summary>
public sealed class AwsClusterStorage(AwsStorageFixture aws) : IStorageFixture
{
    public async Task<StorageSet> CreateFreshAsync(TimeProvider clock) =>
        await AwsStorageFixture.ConnectAsync(await aws.NewResourcesAsync(aws.Cluster));
}

/// <summary>Every AWS contract, parity and fault class shares the one set of servers.</summary>
[CollectionDefinition(Name)]
public sealed class AwsContractCollection : ICollectionFixture<AwsStorageFixture>
{
    public const string Name = "aws-contract";
}
