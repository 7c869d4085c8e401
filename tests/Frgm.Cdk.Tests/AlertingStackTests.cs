using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Frgm.Cdk.Tests;

[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AlertingStackTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev", 0)]
    [InlineData("staging", 1)]
    [InlineData("prod", 1)]
    public void Alarms_reach_slack_only_where_enabled(string env, int chatbot)
    {
        var t = synth.Template(env, "Alerting");
        t.HasResourceProperties("AWS::SNS::Topic", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TopicName"] = $"frgm-{env}-alerts",
            ["KmsMasterKeyId"] = Match.AnyValue(),
        }));
        t.ResourceCountIs("AWS::Chatbot::SlackChannelConfiguration", chatbot);
        if (chatbot == 1)
        {
            var config = synth.Stacks(env).Config.Alerting;
            t.HasResourceProperties("AWS::Chatbot::SlackChannelConfiguration", Match.ObjectLike(new Dictionary<string, object>
            {
                ["SlackWorkspaceId"] = config.SlackWorkspaceId!,
                ["SlackChannelId"] = config.SlackChannelId!,
                ["SnsTopicArns"] = new object[] { new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^Alerts") } },
            }));
        }
    }

    [Fact]
    public void Topic_accepts_only_tls_publishing()
    {
        using var doc = synth.TemplateJson("dev", "Alerting");
        var (_, policy) = Assert.Single(doc.Resources("AWS::SNS::TopicPolicy"));
        Assert.Contains(policy.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray(),
            s => s.Str("Effect") == "Deny" && s.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString() == "false");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Every_alarm_notifies_the_topic_and_says_environment_what_and_where(string env)
    {
        using var doc = synth.TemplateJson(env, "Alerting");
        var alarms = doc.Resources("AWS::CloudWatch::Alarm").Select(a => a.Resource.Props()).ToList();
        Assert.True(alarms.Count >= 30, $"only {alarms.Count} alarms");
        Assert.All(alarms, a =>
        {
            Assert.StartsWith($"FRGM-{env} ", a.Str("AlarmName"), StringComparison.Ordinal);
            var description = a.Str("AlarmDescription")!;
            Assert.Contains($"Environment: {env}.", description, StringComparison.Ordinal);
            Assert.Contains("What broke:", description, StringComparison.Ordinal);
            Assert.Contains("Where to look:", description, StringComparison.Ordinal);
            Assert.Contains("Alerts", a.GetProperty("AlarmActions").GetRawText(), StringComparison.Ordinal);
            Assert.Contains("Alerts", a.GetProperty("OKActions").GetRawText(), StringComparison.Ordinal);
        });
        var names = alarms.Select(a => a.Str("AlarmName")).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Business_alarms_use_the_emf_metrics_with_their_full_dimension_sets()
    {
        var t = synth.Template("prod", "Alerting");
        Dictionary<string, object> Dims(params (string Name, string Value)[] dims) => new()
        {
            ["Namespace"] = "FRGM",
            ["Dimensions"] = dims.Select(d => (object)new Dictionary<string, object> { ["Name"] = d.Name, ["Value"] = d.Value }).ToArray(),
        };

        t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>(Dims(("Environment", "prod"), ("Feed", "market-data")))
        {
            ["MetricName"] = "FeedAgeSeconds",
            ["Statistic"] = "Maximum",
            ["Threshold"] = 300,
            ["ComparisonOperator"] = "GreaterThanThreshold",
            ["TreatMissingData"] = "breaching",
        }));
        t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>(Dims(("Environment", "prod"), ("Severity", "CRITICAL")))
        {
            ["MetricName"] = "AlarmsRaised",
            ["Statistic"] = "Sum",
            ["TreatMissingData"] = "notBreaching",
        }));
        t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>(Dims(("Environment", "prod"), ("Outcome", "failure")))
        {
            ["MetricName"] = "TtPolls",
        }));
        t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>(Dims(("Environment", "prod"), ("Feed", "trades"), ("Status", "FAILED")))
        {
            ["MetricName"] = "FilesProcessed",
            ["Statistic"] = "Sum",
        }));
    }

    [Fact]
    public void Tt_alarms_exist_only_where_the_poller_runs()
    {
        using var dev = synth.TemplateJson("dev", "Alerting");
        Assert.DoesNotContain(dev.Resources("AWS::CloudWatch::Alarm"), a => a.Resource.Props().Str("MetricName") == "TtPolls");
        using var staging = synth.TemplateJson("staging", "Alerting");
        Assert.Contains(staging.Resources("AWS::CloudWatch::Alarm"), a => a.Resource.Props().Str("MetricName") == "TtPolls");
    }

    [Theory]
    [InlineData("dev", 1)]
    [InlineData("prod", 2)]
    public void Infrastructure_alarms_cover_lambda_dlqs_memorydb_nodes_ecs_alb_and_dynamodb(string env, int memoryDbNodes)
    {
        using var doc = synth.TemplateJson(env, "Alerting");
        var alarms = doc.Resources("AWS::CloudWatch::Alarm").Select(a => a.Resource.Props()).ToList();
        int Count(string ns, string metric) => alarms.Count(a => a.Str("Namespace") == ns && a.Str("MetricName") == metric);

        Assert.Equal(4, Count("AWS/Lambda", "Errors"));
        Assert.Equal(4, Count("AWS/Lambda", "Throttles"));
        Assert.Equal(4, Count("AWS/Lambda", "Duration"));
        Assert.Equal(4, Count("AWS/SQS", "ApproximateNumberOfMessagesVisible"));
        Assert.Equal(memoryDbNodes, Count("AWS/MemoryDB", "EngineCPUUtilization"));
        Assert.Equal(memoryDbNodes, Count("AWS/MemoryDB", "DatabaseMemoryUsagePercentage"));
        Assert.Equal(1, Count("AWS/ECS", "CPUUtilization"));
        Assert.Equal(1, Count("AWS/ECS", "MemoryUtilization"));
        Assert.Equal(1, Count("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"));
        Assert.Equal(1, Count("AWS/ApplicationELB", "HealthyHostCount"));
        // DynamoDB throttles: read + write events per table, as metric math.
        Assert.Equal(3, alarms.Count(a => a.TryGetProperty("Metrics", out var m) && m.GetRawText().Contains("WriteThrottleEvents", StringComparison.Ordinal)));
        Assert.Contains(alarms, a => a.Str("Namespace") == "AWS/MemoryDB" && a.GetProperty("Dimensions").GetRawText().Contains($"frgm-{env}-0001-001", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cloudwatch_dashboard_per_environment()
    {
        var t = synth.Template("staging", "Alerting");
        t.HasResourceProperties("AWS::CloudWatch::Dashboard", Match.ObjectLike(new Dictionary<string, object> { ["DashboardName"] = "frgm-staging" }));
    }
}
