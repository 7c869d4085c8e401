using Amazon.S3.Model;
using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Tests.Support;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ingestion;
using Frgm.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Dashboard.Tests.Smoke;

/// <summary>
/// Issue 14 item 3 in AWS mode on the local servers: the dashboard over redis-server (TLS + ACL), DynamoDB Local and
/// s3rver; the canary goes to S3 and its ledger entries to DynamoDB through the smoke command's AWS target. s3rver
/// sends no bucket notifications, so a pump in the test stands in for S3 event → SQS → ingest Lambda (the same
/// IngestionService the Lambda runs).
/// </summary>
[Trait("Needs", "servers")]
public sealed class SmokeAwsModeTests
{
    [Fact]
    public async Task Passes_in_aws_mode_and_removes_the_canary_object_and_its_ledger_entries()
    {
        using var redis = new RedisServer(tls: true);
        using var dynamo = new DynamoDbLocal();
        using var s3 = new S3rver();
        var settings = new AwsSettings
        {
            Environment = "smoke",
            HistoryTable = "frgm-smoke-history",
            AlarmsTable = "frgm-smoke-alarms",
            LedgerTable = "frgm-smoke-ledger",
            ActantBucket = "frgm-smoke-actant",
            TtBucket = "frgm-smoke-tt",
            TradesBucket = "frgm-smoke-trades",
            DynamoDbServiceUrl = dynamo.ServiceUrl,
            S3ServiceUrl = s3.ServiceUrl,
            RedisHost = redis.Host,
            RedisPort = redis.Port,
            RedisTls = redis.Tls,
            RedisUser = redis.User,
            RedisPassword = redis.Password,
            RedisCaCertificatePath = redis.CaCertPath,
        };
        using var s3Client = AwsClientFactory.CreateS3(settings);
        using var dynamoClient = AwsClientFactory.CreateDynamoDb(settings);
        await DynamoTables.CreateAllAsync(dynamoClient, settings);
        await S3Buckets.CreateAllAsync(s3Client, settings);

        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var app = await DashboardHost.BuildAsync([
            "--urls", baseUrl, "--Frgm:Mode=Aws", $"--Frgm:ApiKey={DashboardTestData.ApiKey}", "--Logging:LogLevel:Default=Warning",
            $"--Frgm:MonitoringDb={Path.Combine(Path.GetTempPath(), "frgm-smoke-" + Guid.NewGuid().ToString("N"), "monitoring.db")}",
            .. Settings(settings)]);
        await app.StartAsync();
        var storage = await AwsStorageFactory.CreateAsync(settings, settings.RedisPassword, NullLoggerFactory.Instance, subscribe: false, default);
        var ingestion = new IngestionService(storage, Frgm.Domain.Feeds.ReferenceData.LoadInstruments(SampleFeeds.InstrumentsFile), new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance);
        using var stop = new CancellationTokenSource();
        var pump = PumpAsync(s3Client, settings, ingestion, stop.Token);
        try
        {
            var variables = Variables(settings);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = await Frgm.Smoke.SmokeCommand.RunAsync(
                ["smoke", "--url", baseUrl, "--env", "smoke", "--canary", "aws", "--timeout", "60"],
                stdout, stderr, name => name == Frgm.Smoke.SmokeOptions.KeyVariable ? DashboardTestData.ApiKey : variables.GetValueOrDefault(name), CancellationToken.None);
            var output = stdout.ToString();

            Assert.True(exit == 0, output + stderr);
            Assert.Contains("PASS  canary put s3://frgm-smoke-actant/canary/smoke/", output, StringComparison.Ordinal);
            Assert.Contains("PASS  canary processed (/api/files)", output, StringComparison.Ordinal);
            Assert.Contains("1 object version(s), 1 ledger entries", output, StringComparison.Ordinal);
            var left = await s3Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = settings.ActantBucket, Prefix = "canary/" });
            Assert.Empty(left.S3Objects ?? []);
            Assert.DoesNotContain(await storage.Ledger.ListAsync(null, 100, default), e => e.Key.StartsWith("canary/", StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task PumpAsync(Amazon.S3.IAmazonS3 s3, AwsSettings settings, IngestionService ingestion, CancellationToken ct)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = settings.ActantBucket, Prefix = "canary/" }, ct);
                foreach (var o in page.S3Objects ?? [])
                {
                    if (done.Add(o.Key))
                    {
                        await ingestion.IngestAsync(BucketRole.Actant, o.Key, ct);
                    }
                }

                await Task.Delay(300, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static Dictionary<string, string> Variables(AwsSettings s) => new()
    {
        ["Frgm__Aws__Environment"] = s.Environment,
        ["Frgm__Aws__LedgerTable"] = s.LedgerTable,
        ["Frgm__Aws__ActantBucket"] = s.ActantBucket,
        ["Frgm__Aws__DynamoDbServiceUrl"] = s.DynamoDbServiceUrl!,
        ["Frgm__Aws__S3ServiceUrl"] = s.S3ServiceUrl!,
    };

    private static string[] Settings(AwsSettings s) =>
    [
        $"--Frgm:Aws:Environment={s.Environment}", $"--Frgm:Aws:HistoryTable={s.HistoryTable}", $"--Frgm:Aws:AlarmsTable={s.AlarmsTable}",
        $"--Frgm:Aws:LedgerTable={s.LedgerTable}", $"--Frgm:Aws:ActantBucket={s.ActantBucket}", $"--Frgm:Aws:TtBucket={s.TtBucket}",
        $"--Frgm:Aws:TradesBucket={s.TradesBucket}", $"--Frgm:Aws:DynamoDbServiceUrl={s.DynamoDbServiceUrl}", $"--Frgm:Aws:S3ServiceUrl={s.S3ServiceUrl}",
        $"--Frgm:Aws:RedisHost={s.RedisHost}", $"--Frgm:Aws:RedisPort={s.RedisPort}", $"--Frgm:Aws:RedisTls={s.RedisTls}",
        $"--Frgm:Aws:RedisUser={s.RedisUser}", $"--Frgm:Aws:RedisPassword={s.RedisPassword}", $"--Frgm:Aws:RedisCaCertificatePath={s.RedisCaCertificatePath}",
    ];
}
