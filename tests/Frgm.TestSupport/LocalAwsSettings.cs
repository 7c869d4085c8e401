using Frgm.Storage.Aws;

namespace Frgm.TestSupport;

/// <summary>
/// <see cref="AwsSettings"/> for the local stand-ins (DynamoDB Local, s3rver, redis-server): one environment's own
/// tables, buckets and key prefix, so tests and benchmarks sharing servers never see each other's data.
/// </summary>
public static class LocalAwsSettings
{
    /// <summary>A fresh environment name: <paramref name="prefix"/> and ten hex digits (valid in table, bucket and key names).</summary>
    public static string NewEnvironment(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Settings naming <paramref name="environment"/>'s resources on whichever servers are given (the others keep their defaults).</summary>
    public static AwsSettings For(string environment, DynamoDbLocal? dynamo = null, S3rver? s3 = null, IRedisTarget? redis = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        var settings = new AwsSettings
        {
            Environment = environment,
            HistoryTable = $"history-{environment}",
            AlarmsTable = $"alarms-{environment}",
            LedgerTable = $"ledger-{environment}",
            ActantBucket = $"actant-{environment}",
            TtBucket = $"tt-{environment}",
            TradesBucket = $"trades-{environment}",
            DynamoDbServiceUrl = dynamo?.ServiceUrl,
            S3ServiceUrl = s3?.ServiceUrl,
        };
        if (redis is not null)
        {
            settings.RedisHost = redis.Host;
            settings.RedisPort = redis.Port;
            settings.RedisTls = redis.Tls;
            settings.RedisUser = redis.User;
            settings.RedisPassword = redis.Password;
            settings.RedisCaCertificatePath = redis.CaCertPath;
        }

        return settings;
    }
}
