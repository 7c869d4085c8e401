namespace Frgm.Settings;

/// <summary>
/// Every configuration key FRGM reads, defined once. The settings classes bind through these constants
/// (<c>[ConfigurationKeyName]</c>) and the CDK app sets the environment variables from them, so a renamed key is
/// renamed for the code, the Lambdas' and the dashboard's environment alike, and a removed one fails the build.
/// A key <c>Frgm:Aws:HistoryTable</c> is the environment variable <c>Frgm__Aws__HistoryTable</c> (<see cref="Variable"/>).
/// </summary>
public static class SettingKeys
{
    public const string Root = "Frgm";

    /// <summary>The environment variable of a configuration key: ':' becomes "__" (what AddEnvironmentVariables undoes).</summary>
    public static string Variable(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return key.Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>The full key of <paramref name="name"/> in <paramref name="section"/>.</summary>
    public static string Key(string section, string name) => section + ":" + name;

    /// <summary>How error messages name a setting: the configuration key and its environment variable.</summary>
    public static string Describe(string key) => $"{key} ({Variable(key)})";

    /// <summary><c>Frgm:*</c> keys that belong to no section (names relative to <see cref="Section"/>).</summary>
    public static class General
    {
        public const string Section = Root;
        public const string InstrumentsFile = "InstrumentsFile";
        public const string DashboardUrl = "DashboardUrl";
        public const string MaxWorkingOrderBytes = "MaxWorkingOrderBytes";
        public const string MaxWorkingOrders = "MaxWorkingOrders";
    }

    /// <summary>The dashboard's own <c>Frgm:*</c> settings (DashboardSettings; API.md lists them).</summary>
    public static class Dashboard
    {
        public const string Mode = "Mode";
        public const string DataDir = "DataDir";
        public const string ApiKey = "ApiKey";
        public const string Demo = "Demo";
        public const string MonitoringDb = "MonitoringDb";
        public const string MonitoringSeconds = "MonitoringSeconds";
        public const string SweepSeconds = "SweepSeconds";
        public const string DemoFileMaxAgeMinutes = "DemoFileMaxAgeMinutes";
    }

    /// <summary>The AWS resources (AwsSettings).</summary>
    public static class Aws
    {
        public const string Section = Root + ":Aws";
        public const string Environment = "Environment";
        public const string Region = "Region";
        public const string HistoryTable = "HistoryTable";
        public const string AlarmsTable = "AlarmsTable";
        public const string LedgerTable = "LedgerTable";
        public const string ActantBucket = "ActantBucket";
        public const string TtBucket = "TtBucket";
        public const string TradesBucket = "TradesBucket";
        public const string DynamoDbServiceUrl = "DynamoDbServiceUrl";
        public const string S3ServiceUrl = "S3ServiceUrl";
        public const string RedisHost = "RedisHost";
        public const string RedisPort = "RedisPort";
        public const string RedisTls = "RedisTls";
        public const string RedisUser = "RedisUser";
        public const string RedisPassword = "RedisPassword";
        public const string RedisPasswordSecretArn = "RedisPasswordSecretArn";
        public const string RedisCaCertificatePath = "RedisCaCertificatePath";
        public const string RedisConnectTimeoutSeconds = "RedisConnectTimeoutSeconds";

        public static IReadOnlyList<string> All { get; } =
        [
            Environment, Region, HistoryTable, AlarmsTable, LedgerTable, ActantBucket, TtBucket, TradesBucket, DynamoDbServiceUrl, S3ServiceUrl,
            RedisHost, RedisPort, RedisTls, RedisUser, RedisPassword, RedisPasswordSecretArn, RedisCaCertificatePath, RedisConnectTimeoutSeconds,
        ];

        /// <summary>Set by Lambda itself; the region when <see cref="Region"/> is not.</summary>
        public const string LambdaRegionVariable = "AWS_REGION";
    }

    /// <summary>The TT poller (TtSettings).</summary>
    public static class Tt
    {
        public const string Section = Root + ":Tt";
        public const string BaseUrl = "BaseUrl";
        public const string Environment = "Environment";
        public const string SecretArn = "SecretArn";
        public const string AppName = "AppName";
        public const string PollsPerInvocation = "PollsPerInvocation";
        public const string PollIntervalSeconds = "PollIntervalSeconds";
        public const string InvocationBudgetSeconds = "InvocationBudgetSeconds";
        public const string RequestTimeoutSeconds = "RequestTimeoutSeconds";
        public const string MaxAttempts = "MaxAttempts";
    }

    /// <summary>The Slack notifier (SlackSettings); it also reads <see cref="General.DashboardUrl"/>.</summary>
    public static class Slack
    {
        public const string Section = Root + ":Slack";
        public const string WebhookSecretArn = "WebhookSecretArn";
        public const string InvocationBudgetSeconds = "InvocationBudgetSeconds";
        public const string MaxAttempts = "MaxAttempts";
    }

    /// <summary>The live risk model (RiskSettings).</summary>
    public static class Risk
    {
        public const string Section = Root + ":Risk";
        public const string Rate = "Rate";
    }

    /// <summary>Alarm thresholds (AlarmThresholds); per-account overrides are <c>Frgm:Alarms:Accounts:&lt;id&gt;:&lt;field&gt;</c>.</summary>
    public static class Alarms
    {
        public const string Section = Root + ":Alarms";
        public const string PositionLimit = "PositionLimit";
        public const string PositionLimits = "PositionLimits";
        public const string LossLimit = "LossLimit";
        public const string DeltaLimit = "DeltaLimit";
        public const string LargeTradeQuantity = "LargeTradeQuantity";
        public const string PriceDeviationFraction = "PriceDeviationFraction";
        public const string StaleMarketDataSeconds = "StaleMarketDataSeconds";
        public const string TtFeedStaleSeconds = "TtFeedStaleSeconds";
        public const string Accounts = "Accounts";

        /// <summary><c>Frgm:Alarms:Accounts:&lt;account&gt;:&lt;field&gt;</c>, the one shape of a per-account override.</summary>
        public static string AccountKey(string account, string field) => $"{Section}:{Accounts}:{account}:{field}";
    }

    /// <summary>File ingestion: size limits and the oversize hand-off (IngestSettings).</summary>
    public static class Ingest
    {
        public const string Section = Root + ":Ingest";

        /// <summary>MiB, every feed; <c>MaxFileMb:&lt;feed&gt;</c> per feed (market-data, eod, sod, trades, working-orders); 0 = no limit.</summary>
        public const string MaxFileMb = "MaxFileMb";
        public const string HandOff = "HandOff";
        public const string HandOffMaxWaitMinutes = "HandOffMaxWaitMinutes";
        public const string WorkerMaxFileMb = "WorkerMaxFileMb";
        public const string OversizeWorker = "OversizeWorker";
        public const string OversizeWorkerSeconds = "OversizeWorkerSeconds";
        public const string SummaryEvery = "SummaryEvery";
        public const string QuietPeriodMs = "QuietPeriodMs";
    }

    /// <summary>What one dashboard request may cost (RequestLimitSettings).</summary>
    public static class Limits
    {
        public const string Section = Root + ":Limits";
        public const string MaxBodyBytes = "MaxBodyBytes";
        public const string MaxUrlBytes = "MaxUrlBytes";
        public const string MaxHeaderBytes = "MaxHeaderBytes";
        public const string MaxHeaderCount = "MaxHeaderCount";
        public const string MinBodyBytesPerSecond = "MinBodyBytesPerSecond";
        public const string BodyGraceSeconds = "BodyGraceSeconds";
        public const string ApiKeyFailuresPerMinute = "ApiKeyFailuresPerMinute";
    }

    /// <summary>ALB authentication (AlbIdentitySettings): the signer ARN the CDK sets, and where the signing keys are.</summary>
    public static class AlbAuth
    {
        public const string Section = Root + ":AlbAuth";
        public const string Signer = "Signer";
        public const string KeyEndpoint = "KeyEndpoint";
    }
}
