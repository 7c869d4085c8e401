namespace Frgm.Storage.Aws;

/// <summary>
/// Names of the AWS resources the code talks to. Bound from configuration section <c>Frgm:Aws</c>, i.e. the
/// environment variables <c>Frgm__Aws__HistoryTable</c> etc. that the CDK app sets on every Lambda and on
/// the dashboard task. Secrets are never values here: only ARNs (Lambdas read them through the Parameters and
/// Secrets extension) or ECS-injected secrets (the dashboard's <c>Frgm__Aws__RedisPassword</c>).
/// </summary>
public sealed class AwsSettings
{
    public const string Section = "Frgm:Aws";

    /// <summary>dev, staging or prod: shown in logs, metrics and Slack messages.</summary>
    public string Environment { get; set; } = "dev";

    public string? Region { get; set; }

    public string HistoryTable { get; set; } = "frgm-history";

    public string AlarmsTable { get; set; } = "frgm-alarms";

    public string LedgerTable { get; set; } = "frgm-ledger";

    public string ActantBucket { get; set; } = "frgm-actant";

    public string TtBucket { get; set; } = "frgm-tt";

    public string TradesBucket { get; set; } = "frgm-trades";

    /// <summary>Override for local servers (DynamoDB Local); null in AWS.</summary>
    public string? DynamoDbServiceUrl { get; set; }

    /// <summary>Override for local servers (s3rver); null in AWS. Path-style addressing is used when set.</summary>
    public string? S3ServiceUrl { get; set; }

    public string RedisHost { get; set; } = "localhost";

    public int RedisPort { get; set; } = 6379;

    public bool RedisTls { get; set; } = true;

    public string? RedisUser { get; set; }

    /// <summary>The dashboard receives the password as an ECS secret; Lambdas use <see cref="RedisPasswordSecretArn"/>.</summary>
    public string? RedisPassword { get; set; }

    public string? RedisPasswordSecretArn { get; set; }

    /// <summary>Extra CA certificate (PEM path) to trust for Redis TLS; for local tests with a throwaway CA.</summary>
    public string? RedisCaCertificatePath { get; set; }

    /// <summary>How long the TLS connection to MemoryDB may take to open; the default suits AWS, an emulated CPU needs more.</summary>
    public double RedisConnectTimeoutSeconds { get; set; } = 5;

    public string BucketName(Frgm.Domain.Model.BucketRole role) => role switch
    {
        Frgm.Domain.Model.BucketRole.Actant => ActantBucket,
        Frgm.Domain.Model.BucketRole.Tt => TtBucket,
        Frgm.Domain.Model.BucketRole.Trades => TradesBucket,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>Reads <c>Frgm__Aws__*</c> environment variables (Lambdas have no configuration host).</summary>
    public static AwsSettings FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= System.Environment.GetEnvironmentVariable;
        string? Get(string name) => read("Frgm__Aws__" + name) is { Length: > 0 } v ? v : null;
        var s = new AwsSettings();
        s.Environment = Get(nameof(Environment)) ?? s.Environment;
        s.Region = Get(nameof(Region)) ?? read("AWS_REGION");
        s.HistoryTable = Get(nameof(HistoryTable)) ?? s.HistoryTable;
        s.AlarmsTable = Get(nameof(AlarmsTable)) ?? s.AlarmsTable;
        s.LedgerTable = Get(nameof(LedgerTable)) ?? s.LedgerTable;
        s.ActantBucket = Get(nameof(ActantBucket)) ?? s.ActantBucket;
        s.TtBucket = Get(nameof(TtBucket)) ?? s.TtBucket;
        s.TradesBucket = Get(nameof(TradesBucket)) ?? s.TradesBucket;
        s.DynamoDbServiceUrl = Get(nameof(DynamoDbServiceUrl));
        s.S3ServiceUrl = Get(nameof(S3ServiceUrl));
        s.RedisHost = Get(nameof(RedisHost)) ?? s.RedisHost;
        s.RedisPort = Get(nameof(RedisPort)) is { } port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : s.RedisPort;
        s.RedisTls = Get(nameof(RedisTls)) is not { } tls || !string.Equals(tls, "false", StringComparison.OrdinalIgnoreCase);
        s.RedisUser = Get(nameof(RedisUser));
        s.RedisPassword = Get(nameof(RedisPassword));
        s.RedisPasswordSecretArn = Get(nameof(RedisPasswordSecretArn));
        s.RedisCaCertificatePath = Get(nameof(RedisCaCertificatePath));
        if (Get(nameof(RedisConnectTimeoutSeconds)) is { } connect)
        {
            s.RedisConnectTimeoutSeconds =
                double.TryParse(connect, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? seconds
                    : throw new InvalidOperationException($"Frgm__Aws__{nameof(RedisConnectTimeoutSeconds)} '{connect}' is not a positive number of seconds");
        }
        return s;
    }
}
