using Frgm.Storage.Aws;
using Frgm.TestSupport;

namespace Frgm.Dashboard.Tests.Oversize;

/// <summary>redis-server, DynamoDB Local and s3rver, started once for the class; each test takes its own tables and buckets.</summary>
public sealed class OversizeServers : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public DynamoDbLocal Dynamo { get; private set; } = null!;

    public S3rver S3 { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Redis = new RedisServer(tls: false, user: null);
        Dynamo = new DynamoDbLocal();
        S3 = new S3rver();
        return ValueTask.CompletedTask;
    }

    /// <summary>A fresh environment: its own tables and buckets, created.</summary>
    public async Task<AwsSettings> NewEnvironmentAsync()
    {
        var env = "o" + Guid.NewGuid().ToString("N")[..10];
        var settings = new AwsSettings
        {
            Environment = env,
            HistoryTable = $"frgm-{env}-history",
            AlarmsTable = $"frgm-{env}-alarms",
            LedgerTable = $"frgm-{env}-ledger",
            ActantBucket = $"frgm-{env}-actant",
            TtBucket = $"frgm-{env}-tt",
            TradesBucket = $"frgm-{env}-trades",
            DynamoDbServiceUrl = Dynamo.ServiceUrl,
            S3ServiceUrl = S3.ServiceUrl,
            RedisHost = "127.0.0.1",
            RedisPort = Redis.Port,
            RedisTls = false,
        };
        using var dynamo = AwsClientFactory.CreateDynamoDb(settings);
        using var s3 = AwsClientFactory.CreateS3(settings);
        await DynamoTables.CreateAllAsync(dynamo, settings);
        await S3Buckets.CreateAllAsync(s3, settings);
        return settings;
    }

    /// <summary>The Lambda's environment for these settings (what the CDK sets), plus <paramref name="extra"/>.</summary>
    public static Func<string, string?> LambdaEnvironment(AwsSettings s, params (string Name, string Value)[] extra)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = "frgm-test-ingest",
            ["Frgm__Aws__Environment"] = s.Environment,
            ["Frgm__Aws__Region"] = "us-east-1",
            ["Frgm__Aws__HistoryTable"] = s.HistoryTable,
            ["Frgm__Aws__AlarmsTable"] = s.AlarmsTable,
            ["Frgm__Aws__LedgerTable"] = s.LedgerTable,
            ["Frgm__Aws__ActantBucket"] = s.ActantBucket,
            ["Frgm__Aws__TtBucket"] = s.TtBucket,
            ["Frgm__Aws__TradesBucket"] = s.TradesBucket,
            ["Frgm__Aws__DynamoDbServiceUrl"] = s.DynamoDbServiceUrl!,
            ["Frgm__Aws__S3ServiceUrl"] = s.S3ServiceUrl!,
            ["Frgm__Aws__RedisHost"] = s.RedisHost,
            ["Frgm__Aws__RedisPort"] = s.RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Frgm__Aws__RedisTls"] = "false",
        };
        foreach (var (name, value) in extra)
        {
            values[name] = value;
        }

        return name => values.TryGetValue(name, out var v) ? v : null;
    }

    /// <summary>The dashboard's command line for AWS mode on these settings.</summary>
    public static string[] DashboardArguments(AwsSettings s) =>
    [
        "--Frgm:Mode=Aws", $"--Frgm:Aws:Environment={s.Environment}", $"--Frgm:Aws:HistoryTable={s.HistoryTable}", $"--Frgm:Aws:AlarmsTable={s.AlarmsTable}",
        $"--Frgm:Aws:LedgerTable={s.LedgerTable}", $"--Frgm:Aws:ActantBucket={s.ActantBucket}", $"--Frgm:Aws:TtBucket={s.TtBucket}",
        $"--Frgm:Aws:TradesBucket={s.TradesBucket}", $"--Frgm:Aws:DynamoDbServiceUrl={s.DynamoDbServiceUrl}", $"--Frgm:Aws:S3ServiceUrl={s.S3ServiceUrl}",
        $"--Frgm:Aws:RedisHost={s.RedisHost}", $"--Frgm:Aws:RedisPort={s.RedisPort}", "--Frgm:Aws:RedisTls=false",
    ];

    public ValueTask DisposeAsync()
    {
        S3.Dispose();
        Dynamo.Dispose();
        Redis.Dispose();
        return ValueTask.CompletedTask;
    }
}
