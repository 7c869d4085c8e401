using System.Globalization;
using Frgm.Functions.Tests.Fakes;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;
using Frgm.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Functions.Tests.Runtime;

/// <summary>
/// Everything a bootstrap test needs, started once per test class: the published linux-x64 Native AOT
/// bootstrap, the synthesized dev template, and real local servers in place of AWS (redis-server with TLS and
/// the template's ACL user, DynamoDB Local with the template's table names, s3rver with its bucket names), the
/// Parameters and Secrets extension stand-in, a TT fake and a Slack webhook listener.
/// </summary>
public sealed class BootstrapFixture : IAsyncLifetime
{
    public const string RedisSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/dev/memorydb-app-password-AbCdEf";
    public const string TtSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/dev/tt-credentials-AbCdEf";
    public const string SlackSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/dev/slack-webhook-AbCdEf";

    public string BootstrapPath { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    public DynamoDbLocal Dynamo { get; private set; } = null!;

    public S3rver S3 { get; private set; } = null!;

    public FakeTtServer Tt { get; private set; } = null!;

    public FakeSlackWebhook Slack { get; private set; } = null!;

    public SecretsExtensionStandIn Secrets { get; private set; } = null!;

    /// <summary>The stores as the functions see them, for arranging and asserting.</summary>
    public StorageSet Storage { get; private set; } = null!;

    public AwsSettings Settings { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var publish = Task.Run(() => BootstrapBinary.Ensure(BootstrapBinary.X64));
        var ingest = CdkFunctionTemplate.ByHandler["ingest"];
        Redis = new RedisServer(tls: true, user: ingest.Variables["Frgm__Aws__RedisUser"].GetString());
        Dynamo = new DynamoDbLocal();
        S3 = new S3rver();
        Tt = new FakeTtServer(TimeProvider.System)
        {
            OrdersJson = """[{"orderId":"tt-9","accountId":"MM1","instrumentName":"ZNZ6","side":1,"orderQty":3,"price":112.5,"ordStatus":0,"ordType":2,"timeInForce":0}]""",
        };
        Slack = new FakeSlackWebhook();
        Secrets = new SecretsExtensionStandIn(LambdaEnvironment.SessionToken, new Dictionary<string, string>
        {
            [RedisSecretArn] = $$"""{"username":"{{Redis.User}}","password":"{{Redis.Password}}"}""",
            [TtSecretArn] = $$"""{"app_key_id":"{{FakeTtServer.KeyId}}","app_key_secret":"{{FakeTtServer.KeySecret}}"}""",
            [SlackSecretArn] = $$"""{"webhook_url":"{{Slack.WebhookUri}}"}""",
        });

        var env = Environment("ingest");
        Settings = AwsSettings.FromEnvironment(n => env.TryGetValue(n, out var v) ? v : null);
        using (var dynamo = AwsClientFactory.CreateDynamoDb(Settings))
        {
            await DynamoTables.CreateAllAsync(dynamo, Settings);
        }

        using (var s3 = AwsClientFactory.CreateS3(Settings))
        {
            await S3Buckets.CreateAllAsync(s3, Settings);
        }

        Storage = await AwsStorageFactory.CreateAsync(Settings, Redis.Password, NullLoggerFactory.Instance, subscribe: false, default);
        BootstrapPath = await publish;
    }

    /// <summary>The values the local servers need where the template has a reference or an AWS endpoint.</summary>
    public Dictionary<string, string> LocalValues(int? redisPort = null) => new(StringComparer.Ordinal)
    {
        ["Frgm__Aws__RedisHost"] = Redis.Host,
        ["Frgm__Aws__RedisPort"] = (redisPort ?? Redis.Port).ToString(CultureInfo.InvariantCulture),
        ["Frgm__Aws__RedisPasswordSecretArn"] = RedisSecretArn,
        ["Frgm__Tt__SecretArn"] = TtSecretArn,
        ["Frgm__Tt__BaseUrl"] = Tt.BaseUri.ToString(),
        ["Frgm__Slack__WebhookSecretArn"] = SlackSecretArn,
        ["Frgm__DashboardUrl"] = "https://frgm-dev.example.com",
        ["PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"] = Secrets.Port.ToString(CultureInfo.InvariantCulture),
    };

    public Dictionary<string, string> Additions() => new(StringComparer.Ordinal)
    {
        ["Frgm__Aws__DynamoDbServiceUrl"] = Dynamo.ServiceUrl,
        ["Frgm__Aws__S3ServiceUrl"] = S3.ServiceUrl,
        ["Frgm__Aws__RedisCaCertificatePath"] = Redis.CaCertPath!,
        ["Frgm__Tt__PollIntervalSeconds"] = "1",
    };

    /// <summary>The whole process environment of <paramref name="handler"/>'s function, for an emulator endpoint.</summary>
    public Dictionary<string, string> Environment(
        string handler,
        string runtimeApi = "127.0.0.1:9",
        Action<Dictionary<string, string>>? local = null,
        Action<Dictionary<string, string>>? additions = null)
    {
        var values = LocalValues();
        local?.Invoke(values);
        var added = Additions();
        additions?.Invoke(added);
        return LambdaEnvironment.For(CdkFunctionTemplate.ByHandler[handler], runtimeApi, values, added);
    }

    public ValueTask DisposeAsync()
    {
        Secrets.Dispose();
        Slack.Dispose();
        Tt.Dispose();
        S3.Dispose();
        Dynamo.Dispose();
        Redis.Dispose();
        return ValueTask.CompletedTask;
    }
}
