using Amazon.CDK;
using Amazon.CDK.AWS.Chatbot;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Frgm.Cdk.Config;
using Frgm.Cdk.Constructs;

namespace Frgm.Cdk.Stacks;

/// <summary>
/// Alarms (infrastructure and business) → KMS-encrypted SNS topic → AWS Chatbot → Slack, plus the
/// CloudWatch dashboard. Alarms and the Slack route are switched per environment.
/// </summary>
public sealed class AlertingStack : Stack
{
    public AlertingStack(Construct scope, string id, EnvironmentConfig config, DataStack data, IngestStack ingest, DashboardStack dashboard, IStackProps props)
        : base(scope, id, props)
    {
        var key = Keys.Create(this, "TopicKey", $"alias/frgm-{config.Name}-alerts", $"FRGM {config.Name}: alerting SNS topic", Removal.For(config));
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowCloudWatchAlarmsToPublish",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = config.Account },
            },
        }));

        Topic = new Topic(this, "Alerts", new TopicProps
        {
            TopicName = $"frgm-{config.Name}-alerts",
            DisplayName = $"FRGM {config.Name} alerts",
            MasterKey = key,
            EnforceSSL = true,
        });
        // CDK 2.160 writes the EnforceSSL deny only alongside a first statement; this one is needed anyway.
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowCloudWatchAlarmsOfThisAccount",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = config.Account },
            },
        }));

        if (config.Alerting.SlackEnabled)
        {
            Slack = new SlackChannelConfiguration(this, "Slack", new SlackChannelConfigurationProps
            {
                SlackChannelConfigurationName = $"frgm-{config.Name}-alerts",
                SlackWorkspaceId = config.Alerting.SlackWorkspaceId!,
                SlackChannelId = config.Alerting.SlackChannelId!,
                NotificationTopics = [Topic],
                LoggingLevel = LoggingLevel.ERROR,
                // Slack users may only read CloudWatch through the channel, never change anything.
                GuardrailPolicies = [ManagedPolicy.FromAwsManagedPolicyName("CloudWatchReadOnlyAccess")],
            });
        }

        var metrics = new FrgmMetrics(config.Name);
        Alarms = new AlarmFactory(this, config.Name, Topic);
        if (config.Alerting.AlarmsEnabled)
        {
            new InfrastructureAlarms(Alarms, config, data, ingest, dashboard);
            new BusinessAlarms(Alarms, config, metrics);
        }

        OpsDashboard.Create(this, config, metrics, data, ingest, dashboard);
    }

    public Topic Topic { get; }

    public SlackChannelConfiguration? Slack { get; }

    public AlarmFactory Alarms { get; }

    internal static IEnumerable<(string Name, Queue Queue)> DeadLetterQueues(DataStack data, IngestStack ingest) =>
        data.FeedQueues.Values.Select(q => ($"{q.Role} feed DLQ", q.DeadLetterQueue))
            .Append(("slack-notifier DLQ", ingest.SlackNotifierDlq));
}
