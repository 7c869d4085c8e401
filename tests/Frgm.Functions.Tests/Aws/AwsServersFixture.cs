using Frgm.Functions.Hosting;
using Frgm.Functions.Secrets;
using Frgm.Functions.Tests.Fakes;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Aws;

/// <summary>
/// The AWS adapter set on real local servers (redis-server with TLS and an ACL user, DynamoDB Local, s3rver),
/// reached exactly as a Lambda reaches it: a <see cref="FunctionHost"/> built from <c>Frgm__Aws__*</c>
/// variables, the Redis password read through the secrets client. One set of servers per test class.
/// </summary>
public sealed class AwsServersFixture : IAsyncLifetime
{
    public const string RedisSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/test/redis-AbCdEf";
    public const string TtSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/test/tt-AbCdEf";

    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    public RedisServer Redis { get; private set; } = null!;

    public DynamoDbLocal Dynamo { get; private set; } = null!;

    public S3rver S3 { get; private set; } = null!;

    public FakeTtServer Tt { get; private set; } = null!;

    public CapturedOutput Output { get; } = new("test");

    public FunctionHost Host { get; private set; } = null!;

    public IngestionService Ingestion { get; private set; } = null!;

    public string? Env(string name) => _env.TryGetValue(name, out var v) ? v : null;

    public async ValueTask InitializeAsync()
    {
        Redis = new RedisServer(tls: true, user: "frgm-app");
        Dynamo = new DynamoDbLocal();
        S3 = new S3rver();
        Tt = new FakeTtServer(TimeProvider.System) { OrdersJson = """[{"orderId":"tt-9","accountId":"MM1","instrumentName":"ZNZ6","side":1,"orderQty":3,"price":112.5,"ordStatus":0,"ordType":2,"timeInForce":0}]""" };
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["Frgm__Aws__Environment"] = "test",
            ["Frgm__Aws__Region"] = "us-east-1",
            ["Frgm__Aws__DynamoDbServiceUrl"] = Dynamo.ServiceUrl,
            ["Frgm__Aws__S3ServiceUrl"] = S3.ServiceUrl,
            ["Frgm__Aws__RedisHost"] = Redis.Host,
            ["Frgm__Aws__RedisPort"] = Redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Frgm__Aws__RedisTls"] = "true",
            ["Frgm__Aws__RedisUser"] = Redis.User!,
            ["Frgm__Aws__RedisCaCertificatePath"] = Redis.CaCertPath!,
            ["Frgm__Aws__RedisPasswordSecretArn"] = RedisSecretArn,
            [SecretsClient.LocalVariableName(RedisSecretArn)] = $$"""{"username":"frgm-app","password":"{{Redis.Password}}"}""",
            ["Frgm__Tt__SecretArn"] = TtSecretArn,
            [SecretsClient.LocalVariableName(TtSecretArn)] = $$"""{"app_key_id":"{{FakeTtServer.KeyId}}","app_key_secret":"{{FakeTtServer.KeySecret}}"}""",
            ["Frgm__Tt__BaseUrl"] = Tt.BaseUri.ToString(),
            ["Frgm__Tt__Environment"] = FakeTtServer.Env,
            ["Frgm__Tt__PollsPerInvocation"] = "1",
        })
        {
            _env[name] = value;
        }

        var settings = AwsSettings.FromEnvironment(Env);
        using (var dynamo = AwsClientFactory.CreateDynamoDb(settings))
        {
            await DynamoTables.CreateAllAsync(dynamo, settings);
        }

        using (var s3 = AwsClientFactory.CreateS3(settings))
        {
            await S3Buckets.CreateAllAsync(s3, settings);
        }

        Host = new FunctionHost(Env, Output.Writer, AwsStorage.CreateAsync);
        Ingestion = await Host.GetIngestionAsync(default);
    }

    public ValueTask DisposeAsync()
    {
        Tt.Dispose();
        S3.Dispose();
        Dynamo.Dispose();
        Redis.Dispose();
        return ValueTask.CompletedTask;
    }
}
