using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Frgm.Cdk.Config;
using Frgm.Cdk.Constructs;

namespace Frgm.Cdk.Stacks;

/// <summary>
/// The four functions (ingest, TT poller, alarm sweep, Slack notifier), each with its own least-privilege
/// role, their triggers, the vendor-credential secrets, and the SFTP endpoint for trade files.
/// </summary>
public sealed class IngestStack : Stack
{
    /// <summary>Per feed queue; keeps a burst of files from exhausting MemoryDB connections.</summary>
    public const int IngestMaxConcurrencyPerQueue = 5;

    public IngestStack(Construct scope, string id, EnvironmentConfig config, NetworkStack network, DataStack data, string dashboardUrl, Code code, IStackProps props)
        : base(scope, id, props)
    {
        var removal = Removal.For(config);
        var names = new ResourceNames(config);
        var dataKeyArn = data.DataKey.KeyArn;
        var redisSecretArn = data.MemoryDb.PasswordSecret.SecretArn;

        TtSecret = PlaceholderSecret.Create(
            this, "TtCredentials", $"frgm/{config.Name}/tt-credentials",
            $"FRGM {config.Name}: TT REST API app key (JSON app_key_id, app_key_secret); set after first deploy",
            ["app_key_id", "app_key_secret"], removal,
            "TT issues and rotates the app key in its own portal; the engineer puts the new key here (cdk/README.md).");
        SlackWebhookSecret = PlaceholderSecret.Create(
            this, "SlackWebhook", $"frgm/{config.Name}/slack-webhook",
            $"FRGM {config.Name}: Slack incoming webhook for business alarms (JSON webhook_url); set after first deploy",
            ["webhook_url"], removal,
            "Slack issues the webhook URL; it is replaced by regenerating it in Slack, not by a rotation function.");

        var shared = new FunctionShared(
            config,
            code,
            network.Vpc,
            network.LambdaSecurityGroup,
            RuntimeSettings.Lambda(config, names, data.MemoryDb.EndpointAddress, data.MemoryDb.UserName, redisSecretArn, TtSecret.SecretArn, SlackWebhookSecret.SecretArn, dashboardUrl));

        Ingest = IngestFunction(config, names, data, shared, dataKeyArn, redisSecretArn);
        TtPoller = TtPollerFunction(config, names, shared, dataKeyArn, redisSecretArn);
        AlarmSweep = AlarmSweepFunction(config, names, shared, dataKeyArn, redisSecretArn);
        (SlackNotifier, SlackNotifierDlq) = SlackNotifierFunction(config, names, data, shared, dataKeyArn, redisSecretArn);

        ActantSender = new ActantSenderRole(this, "ActantSender", config, names.Bucket("actant"), dataKeyArn);
        if (config.Sftp.Enabled)
        {
            Sftp = new SftpServer(this, "Sftp", config, network.Vpc, names.Bucket("trades"), names.Bucket("actant"), dataKeyArn);
        }
    }

    public Secret TtSecret { get; }

    public Secret SlackWebhookSecret { get; }

    public FrgmFunction Ingest { get; }

    public FrgmFunction TtPoller { get; }

    public FrgmFunction AlarmSweep { get; }

    public FrgmFunction SlackNotifier { get; }

    /// <summary>On-failure destination of the alarms stream: notifications that failed every retry.</summary>
    public Queue SlackNotifierDlq { get; }

    public Rule TtSchedule { get; private set; } = null!;

    public SftpServer? Sftp { get; }

    public ActantSenderRole ActantSender { get; }

    public IEnumerable<FrgmFunction> Functions => [Ingest, TtPoller, AlarmSweep, SlackNotifier];

    private FrgmFunction IngestFunction(EnvironmentConfig config, ResourceNames names, DataStack data, FunctionShared shared, string dataKeyArn, string redisSecretArn)
    {
        var fn = new FrgmFunction(this, "Ingest", new FunctionSpec(
            "ingest", $"FRGM {config.Name}: S3 feed files (via SQS) into MemoryDB and DynamoDB",
            1024, FunctionLimits.IngestTimeoutSeconds, EphemeralStorageMiB: FunctionLimits.IngestEphemeralStorageMiB), shared);

        foreach (var role in DataStack.FeedRoles)
        {
            // Every key of the bucket: a file matching no feed pattern is still hashed and recorded IGNORED.
            fn.Allow(Actions.ObjectRead, ResourceNames.ObjectsArn(names.Bucket(role)));
            fn.Function.AddEventSource(new SqsEventSource(data.FeedQueues[role].Queue, new SqsEventSourceProps
            {
                BatchSize = 10,
                MaxBatchingWindow = Duration.Seconds(1),
                ReportBatchItemFailures = true,
                MaxConcurrency = IngestMaxConcurrencyPerQueue,
            }));
        }

        foreach (var table in new[] { names.HistoryTable, names.AlarmsTable, names.LedgerTable })
        {
            fn.Allow(Actions.TableReadWrite, [.. names.TableAndIndexArns(table)]);
        }

        fn.Allow(Actions.KeyUse, dataKeyArn);
        fn.Allow(Actions.SecretRead, redisSecretArn);
        SuppressObjectWildcards(fn, "Reads any object of the three feed buckets (exact buckets): object keys are chosen by the feeds; the table index ARN wildcard covers gsi1.");
        return fn;
    }

    private FrgmFunction TtPollerFunction(EnvironmentConfig config, ResourceNames names, FunctionShared shared, string dataKeyArn, string redisSecretArn)
    {
        var fn = new FrgmFunction(this, "TtPoller", new FunctionSpec(
            "tt-poller", $"FRGM {config.Name}: polls TT working orders twice a minute (30 s apart) into the tt bucket",
            512, FunctionLimits.TtPollerTimeoutSeconds, ReservedConcurrency: 1), shared);
        fn.Allow(Actions.ObjectWrite, ResourceNames.ObjectsArn(names.Bucket("tt"), "working-orders/"));
        fn.Allow(["kms:GenerateDataKey", "kms:Decrypt"], dataKeyArn);
        fn.Allow(Actions.SecretRead, TtSecret.SecretArn, redisSecretArn);
        SuppressObjectWildcards(fn, "Writes snapshot objects under working-orders/ of the tt bucket only: file names carry the poll time.");

        // EventBridge cannot schedule below one minute, so each invocation polls twice, 30 s apart
        // (reserved concurrency 1 keeps a slow invocation from overlapping the next).
        TtSchedule = new Rule(this, "TtSchedule", new RuleProps
        {
            RuleName = $"frgm-{config.Name}-tt-poll",
            Description = $"FRGM {config.Name}: run the TT poller every minute (it polls twice per run)",
            Schedule = Schedule.Rate(Duration.Minutes(1)),
            Enabled = config.TtPoller.Enabled,
            Targets = [new LambdaFunction(fn.Function, new LambdaFunctionProps { RetryAttempts = 0, MaxEventAge = Duration.Minutes(1) })],
        });
        return fn;
    }

    private FrgmFunction AlarmSweepFunction(EnvironmentConfig config, ResourceNames names, FunctionShared shared, string dataKeyArn, string redisSecretArn)
    {
        var fn = new FrgmFunction(this, "AlarmSweep", new FunctionSpec(
            "alarm-sweep", $"FRGM {config.Name}: every minute, raises/clears time-based alarms (stale feeds, limits)",
            512, FunctionLimits.AlarmSweepTimeoutSeconds, ReservedConcurrency: 1), shared);
        fn.Allow(Actions.TableRead, [.. names.TableAndIndexArns(names.HistoryTable), .. names.TableAndIndexArns(names.LedgerTable)]);
        fn.Allow(Actions.TableReadWrite, [.. names.TableAndIndexArns(names.AlarmsTable)]);
        fn.Allow(Actions.KeyUse, dataKeyArn);
        fn.Allow(Actions.SecretRead, redisSecretArn);
        SuppressObjectWildcards(fn, "The table index ARN wildcard covers gsi1 of the exact tables.");

        new Rule(this, "AlarmSweepSchedule", new RuleProps
        {
            RuleName = $"frgm-{config.Name}-alarm-sweep",
            Description = $"FRGM {config.Name}: run the alarm sweep every minute",
            Schedule = Schedule.Rate(Duration.Minutes(1)),
            Targets = [new LambdaFunction(fn.Function, new LambdaFunctionProps { RetryAttempts = 0, MaxEventAge = Duration.Minutes(1) })],
        });
        return fn;
    }

    private (FrgmFunction, Queue) SlackNotifierFunction(EnvironmentConfig config, ResourceNames names, DataStack data, FunctionShared shared, string dataKeyArn, string redisSecretArn)
    {
        var fn = new FrgmFunction(this, "SlackNotifier", new FunctionSpec(
            "slack-notifier", $"FRGM {config.Name}: posts WARNING/CRITICAL alarm changes (alarms table stream) to Slack",
            256, FunctionLimits.SlackNotifierTimeoutSeconds), shared);

        var dlq = new Queue(this, "SlackNotifierDlq", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Duration.Days(14),
        });
        NagSuppressions.Add(dlq, new NagSuppression(
            "AwsSolutions-SQS3",
            "This queue is itself a dead-letter destination: the on-failure destination of the alarms-stream event source mapping."));

        var streamArn = data.AlarmsTable.TableStreamArn!;
        fn.Allow(Actions.StreamRead, streamArn);
        fn.Allow(Actions.TableReadWrite, [.. names.TableAndIndexArns(names.AlarmsTable)]);
        fn.Allow(Actions.KeyDecrypt, dataKeyArn);
        fn.Allow(Actions.SecretRead, SlackWebhookSecret.SecretArn, redisSecretArn);
        SuppressObjectWildcards(fn, "The table index ARN wildcard covers gsi1 of the alarms table.");

        // An explicit mapping rather than DynamoEventSource, whose grant adds dynamodb:ListStreams on "*".
        fn.Function.AddEventSourceMapping("AlarmsStream", new EventSourceMappingOptions
        {
            EventSourceArn = streamArn,
            StartingPosition = StartingPosition.LATEST,
            BatchSize = 10,
            MaxBatchingWindow = Duration.Seconds(1),
            RetryAttempts = 5,
            BisectBatchOnError = true,
            MaxRecordAge = Duration.Hours(1),
            ReportBatchItemFailures = true,
            OnFailure = new SqsDlq(dlq),
        });
        return (fn, dlq);
    }

    /// <summary>cdk-nag IAM5 for the object-prefix and index wildcards this function's statements use.</summary>
    private static void SuppressObjectWildcards(FrgmFunction fn, string reason) =>
        NagSuppressions.Add(fn.Role.Node.FindChild("DefaultPolicy"), new NagSuppression(
            "AwsSolutions-IAM5", reason, "Regex::^Resource::arn:<AWS::Partition>:(s3:::frgm-[a-z0-9-]+/([a-z-]+/)?\\*|dynamodb:[a-z0-9-]+:[0-9]{12}:table/frgm-[a-z0-9-]+/index/\\*)$"));
}
