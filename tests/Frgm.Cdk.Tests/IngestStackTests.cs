using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Frgm.Cdk.Tests;

[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class IngestStackTests(SynthFixture synth)
{
    public static readonly string[] CommonVariables =
    [
        "Frgm__Aws__Environment", "Frgm__Aws__HistoryTable", "Frgm__Aws__AlarmsTable", "Frgm__Aws__LedgerTable",
        "Frgm__Aws__ActantBucket", "Frgm__Aws__TtBucket", "Frgm__Aws__TradesBucket",
        "Frgm__Aws__RedisHost", "Frgm__Aws__RedisPort", "Frgm__Aws__RedisTls", "Frgm__Aws__RedisUser",
        "Frgm__Risk__Rate",
    ];

    public static readonly string[] LambdaVariables =
    [
        "Frgm__Aws__RedisPasswordSecretArn", "Frgm__Tt__SecretArn", "Frgm__Tt__Environment", "Frgm__Tt__BaseUrl",
        "Frgm__Slack__WebhookSecretArn", "Frgm__DashboardUrl", "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT",
    ];

    [Theory]
    [InlineData("ingest", 60)]
    [InlineData("tt-poller", 75)]
    [InlineData("alarm-sweep", 50)]
    [InlineData("slack-notifier", 30)]
    public void Each_handler_runs_on_the_custom_runtime_arm64_in_the_vpc_with_the_secrets_extension(string handler, int timeout)
    {
        var t = synth.Template("prod", "Ingest");
        t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Handler"] = handler,
            ["Runtime"] = "provided.al2023",
            ["Architectures"] = new[] { "arm64" },
            ["Timeout"] = timeout,
            ["Layers"] = new[] { "arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:4" },
            ["VpcConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["SecurityGroupIds"] = Match.AnyValue(), ["SubnetIds"] = Match.AnyValue() }),
            ["LoggingConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["LogGroup"] = Match.AnyValue() }),
        }));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_ingest_function_sizes_its_ephemeral_storage_for_the_largest_spill(string env)
    {
        var t = synth.Template(env, "Ingest");
        t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["FunctionName"] = $"frgm-{env}-ingest",
            ["EphemeralStorage"] = new Dictionary<string, object> { ["Size"] = 512 },
        }));
    }

    [Theory]
    [InlineData("dev", "ext_uat_cert")]
    [InlineData("prod", "ext_prod_live")]
    public void Every_function_gets_every_setting_name_and_no_secret_value(string env, string ttEnvironment)
    {
        using var doc = synth.TemplateJson(env, "Ingest");
        var functions = doc.Resources("AWS::Lambda::Function").ToList();
        Assert.Equal(4, functions.Count);
        foreach (var (id, fn) in functions)
        {
            var vars = fn.Props().GetProperty("Environment").GetProperty("Variables");
            foreach (var name in CommonVariables.Concat(LambdaVariables))
            {
                Assert.True(vars.TryGetProperty(name, out _), $"{id} lacks {name}");
            }

            Assert.Equal(env, vars.Str("Frgm__Aws__Environment"));
            Assert.Equal("true", vars.Str("Frgm__Aws__RedisTls"));
            Assert.Equal("6379", vars.Str("Frgm__Aws__RedisPort"));
            Assert.Equal("2773", vars.Str("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"));
            Assert.Equal(ttEnvironment, vars.Str("Frgm__Tt__Environment"));
            Assert.Equal($"frgm-{env}-history", vars.Str("Frgm__Aws__HistoryTable"));
            // Secrets by ARN reference only.
            foreach (var arn in new[] { "Frgm__Aws__RedisPasswordSecretArn", "Frgm__Tt__SecretArn", "Frgm__Slack__WebhookSecretArn" })
            {
                Assert.Equal(JsonValueKind.Object, vars.GetProperty(arn).ValueKind);
            }

            Assert.Equal(JsonValueKind.Object, vars.GetProperty("Frgm__Aws__RedisHost").ValueKind);
        }
    }

    [Fact]
    public void Ingest_consumes_the_three_feed_queues_reporting_partial_batch_failures()
    {
        var t = synth.Template("dev", "Ingest");
        t.ResourcePropertiesCountIs("AWS::Lambda::EventSourceMapping", Match.ObjectLike(new Dictionary<string, object>
        {
            ["FunctionName"] = Match.ObjectLike(new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^IngestFunction") }),
            ["EventSourceArn"] = Match.ObjectLike(new Dictionary<string, object> { ["Fn::ImportValue"] = Match.AnyValue() }),
            ["FunctionResponseTypes"] = new[] { "ReportBatchItemFailures" },
            ["ScalingConfig"] = new Dictionary<string, object> { ["MaximumConcurrency"] = 5 },
            ["BatchSize"] = 10,
        }), 3);
    }

    [Fact]
    public void Slack_notifier_reads_the_alarms_stream_with_bounded_retries_and_an_sqs_failure_destination()
    {
        var t = synth.Template("dev", "Ingest");
        var dlq = new Capture();
        t.HasResourceProperties("AWS::Lambda::EventSourceMapping", Match.ObjectLike(new Dictionary<string, object>
        {
            ["FunctionName"] = Match.ObjectLike(new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^SlackNotifierFunction") }),
            ["StartingPosition"] = "LATEST",
            ["FunctionResponseTypes"] = new[] { "ReportBatchItemFailures" },
            ["MaximumRetryAttempts"] = 5,
            ["BisectBatchOnFunctionError"] = true,
            ["DestinationConfig"] = new Dictionary<string, object>
            {
                ["OnFailure"] = new Dictionary<string, object> { ["Destination"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new object[] { dlq, "Arn" } } },
            },
        }));
        Assert.StartsWith("SlackNotifierDlq", dlq.AsString(), StringComparison.Ordinal);
        t.HasResourceProperties("AWS::SQS::Queue", Match.ObjectLike(new Dictionary<string, object> { ["SqsManagedSseEnabled"] = true }));
    }

    [Theory]
    [InlineData("dev", "DISABLED", 0)]
    [InlineData("staging", "ENABLED", 1)]
    [InlineData("prod", "ENABLED", 1)]
    public void Tt_schedule_and_sftp_follow_the_environment(string env, string ttState, int sftp)
    {
        var t = synth.Template(env, "Ingest");
        t.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Name"] = $"frgm-{env}-tt-poll",
            ["ScheduleExpression"] = "rate(1 minute)",
            ["State"] = ttState,
        }));
        t.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Name"] = $"frgm-{env}-alarm-sweep",
            ["ScheduleExpression"] = "rate(1 minute)",
            ["State"] = "ENABLED",
        }));
        t.ResourceCountIs("AWS::Transfer::Server", sftp);
        t.ResourceCountIs("AWS::Transfer::User", env == "staging" ? 2 : sftp);
    }

    [Fact]
    public void Tt_poller_and_alarm_sweep_never_overlap_themselves()
    {
        var t = synth.Template("staging", "Ingest");
        t.ResourcePropertiesCountIs("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object> { ["ReservedConcurrentExecutions"] = 1 }), 2);
    }

    [Fact]
    public void Sftp_user_may_only_put_files_under_trades_with_the_configured_key()
    {
        var t = synth.Template("staging", "Ingest");
        var key = synth.Stacks("staging").Config.Sftp.SshPublicKey!;
        t.HasResourceProperties("AWS::Transfer::Server", Match.ObjectLike(new Dictionary<string, object>
        {
            ["IdentityProviderType"] = "SERVICE_MANAGED",
            ["Protocols"] = new[] { "SFTP" },
            ["LoggingRole"] = Match.AnyValue(),
        }));
        t.HasResourceProperties("AWS::Transfer::User", Match.ObjectLike(new Dictionary<string, object>
        {
            ["HomeDirectoryType"] = "LOGICAL",
            ["HomeDirectoryMappings"] = new object[] { new Dictionary<string, object> { ["Entry"] = "/trades", ["Target"] = "/frgm-staging-trades-222222222222-us-east-1/trades" } },
            ["SshPublicKeys"] = new[] { key },
        }));

        using var doc = synth.TemplateJson("staging", "Ingest");
        var statements = doc.Resources("AWS::IAM::Policy").Single(p => p.Id.StartsWith("SftpUserRole", StringComparison.Ordinal))
            .Resource.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        var s3 = statements.SelectMany(s => s.GetProperty("Action").Items().Select(a => a.GetString()!)).Where(a => a.StartsWith("s3:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["s3:PutObject"], s3);
        var write = statements.Single(s => s.Str("Sid") == "PutFeedFilesOnly");
        Assert.Contains("\":s3:::frgm-staging-trades-222222222222-us-east-1/trades/*\"", write.GetProperty("Resource").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_roles_have_no_managed_policies_and_log_groups_have_retention()
    {
        using var doc = synth.TemplateJson("dev", "Ingest");
        var roles = doc.Resources("AWS::IAM::Role").Where(r => !r.Id.StartsWith("ActantSender", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, roles.Count);
        Assert.All(roles, r => Assert.False(r.Resource.Props().TryGetProperty("ManagedPolicyArns", out _), r.Id));

        var groups = doc.Resources("AWS::Logs::LogGroup").Select(g => g.Resource.Props()).ToList();
        Assert.Equal(4, groups.Count);
        Assert.All(groups, g => Assert.Equal(14, g.GetProperty("RetentionInDays").GetInt32()));
        Assert.Contains(groups, g => g.Str("LogGroupName") == "/aws/lambda/frgm-dev-ingest");
    }

    [Fact]
    public void Ingest_role_is_scoped_to_exact_buckets_tables_and_secret()
    {
        using var doc = synth.TemplateJson("dev", "Ingest");
        var policy = doc.Resources("AWS::IAM::Policy").Single(p => p.Id.StartsWith("IngestRole", StringComparison.Ordinal)).Resource.Props();
        var text = policy.GetProperty("PolicyDocument").ToString();
        foreach (var role in new[] { "actant", "tt", "trades" })
        {
            Assert.Contains($":s3:::frgm-dev-{role}-111111111111-us-east-1/*", text, StringComparison.Ordinal);
        }

        foreach (var table in new[] { "history", "alarms", "ledger" })
        {
            Assert.Contains($":dynamodb:us-east-1:111111111111:table/frgm-dev-{table}\"", text, StringComparison.Ordinal);
            Assert.Contains($":dynamodb:us-east-1:111111111111:table/frgm-dev-{table}/index/*", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("TtCredentials", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SlackWebhook", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3:PutObject", text, StringComparison.Ordinal);
    }
}
