namespace Frgm.Cdk.Config;

/// <summary>
/// One deployment environment (dev, staging, prod) as written in <c>cdk.json</c> context under
/// <c>environments.&lt;name&gt;</c>. Every size, toggle and threshold the stacks use lives here, so stacks
/// never branch on the environment's name.
/// </summary>
public sealed record EnvironmentConfig
{
    /// <summary>dev, staging or prod; the key under <c>environments</c>, not a JSON field.</summary>
    public string Name { get; init; } = "";

    public required string Account { get; init; }

    public required string Region { get; init; }

    /// <summary>Explicit so synth needs no context lookup (and no AWS credentials).</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    public required int NatGateways { get; init; }

    public required MemoryDbConfig MemoryDb { get; init; }

    public required DashboardConfig Dashboard { get; init; }

    public required TtPollerConfig TtPoller { get; init; }

    public required SftpConfig Sftp { get; init; }

    /// <summary>The Actant sender's identity: an IAM role it assumes (and optionally an SFTP user).</summary>
    public required ActantSenderConfig Actant { get; init; }

    /// <summary>GitHub Actions deploying this environment through OIDC (the Frgm-&lt;env&gt;-Deploy stack).</summary>
    public required DeployConfig Deploy { get; init; }

    public required AlertingConfig Alerting { get; init; }

    /// <summary>ACM certificate for the dashboard ALB; absent means HTTP only (dev).</summary>
    public string? CertificateArn { get; init; }

    /// <summary>CIDR ranges allowed to reach the dashboard ALB.</summary>
    public required IReadOnlyList<string> AllowedCidrs { get; init; }

    /// <summary>OIDC authentication on the ALB listener; needs <see cref="CertificateArn"/>.</summary>
    public OidcConfig? Oidc { get; init; }

    public required ThresholdsConfig Thresholds { get; init; }

    /// <summary>
    /// Per-account business alarm overrides, <c>{"&lt;account&gt;": {"PositionLimit": 200, "PositionLimits:ZN": 50}}</c>:
    /// set on every function and the dashboard as <c>Frgm__Alarms__Accounts__&lt;account&gt;__&lt;field&gt;</c>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> AlarmOverrides { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, decimal>>();

    /// <summary>Rate of the live model Greeks (Frgm__Risk__Rate); the dashboard and the Lambdas must agree on it.</summary>
    public double RiskRate { get; init; } = 0.04;

    public required int LogRetentionDays { get; init; }

    public required int GlacierAfterDays { get; init; }

    /// <summary>S3 versioning on data buckets.</summary>
    public required bool Versioned { get; init; }

    /// <summary>true: RETAIN buckets, tables, keys, secrets on stack deletion; false: DESTROY.</summary>
    public required bool RetainData { get; init; }

    /// <summary>AWS Parameters and Secrets Lambda Extension layer (arm64) for <see cref="Region"/>.</summary>
    public required string ParametersSecretsExtensionLayerArn { get; init; }
}

public sealed record MemoryDbConfig
{
    public required string NodeType { get; init; }

    public required int Shards { get; init; }

    public required int ReplicasPerShard { get; init; }

    /// <summary>0 disables snapshots.</summary>
    public required int SnapshotRetentionDays { get; init; }
}

public sealed record DashboardConfig
{
    /// <summary>Fargate CPU units (256, 512, 1024, ...).</summary>
    public required int Cpu { get; init; }

    public required int MemoryMiB { get; init; }

    /// <summary>Running tasks; 2 or more spread over the zones for availability (one writes the EFS SQLite file).</summary>
    public int Tasks { get; init; } = 1;
}

public sealed record TtPollerConfig
{
    public required bool Enabled { get; init; }

    /// <summary>TT REST API environment: ext_uat_cert or ext_prod_live.</summary>
    public required string Environment { get; init; }

    public required string BaseUrl { get; init; }
}

public sealed record SftpConfig
{
    public required bool Enabled { get; init; }

    public required string UserName { get; init; }

    /// <summary>OpenSSH public key of the trade-file sender; required when enabled.</summary>
    public string? SshPublicKey { get; init; }

    /// <summary>Sender addresses allowed to reach the SFTP endpoint (its security group); required when enabled.</summary>
    public IReadOnlyList<string> AllowedCidrs { get; init; } = [];
}

public sealed record ActantSenderConfig
{
    /// <summary>Who may assume the sender role: Actant's AWS account id or the ARN of its role/user.</summary>
    public required string SenderPrincipal { get; init; }

    /// <summary>The external ID Actant passes to sts:AssumeRole (confused-deputy guard, not a secret).</summary>
    public required string ExternalId { get; init; }

    /// <summary>Optional SFTP upload for Actant through the environment's Transfer Family server.</summary>
    public ActantSftpConfig? Sftp { get; init; }
}

public sealed record ActantSftpConfig
{
    public required bool Enabled { get; init; }

    public required string UserName { get; init; }

    public string? SshPublicKey { get; init; }
}

public sealed record DeployConfig
{
    /// <summary>owner/name of the GitHub repository whose workflows deploy.</summary>
    public required string GitHubRepository { get; init; }

    /// <summary>The only branch that may deploy (the OIDC subject carries it, see cdk/README.md).</summary>
    public required string Branch { get; init; }
}

public sealed record AlertingConfig
{
    /// <summary>Create the CloudWatch alarms (they notify the SNS topic).</summary>
    public required bool AlarmsEnabled { get; init; }

    /// <summary>Route the SNS topic to Slack through AWS Chatbot.</summary>
    public required bool SlackEnabled { get; init; }

    public string? SlackWorkspaceId { get; init; }

    public string? SlackChannelId { get; init; }
}

public sealed record OidcConfig
{
    public required string Issuer { get; init; }

    public required string AuthorizationEndpoint { get; init; }

    public required string TokenEndpoint { get; init; }

    public required string UserInfoEndpoint { get; init; }

    public required string ClientId { get; init; }

    /// <summary>Secrets Manager secret holding the client secret (read as a dynamic reference).</summary>
    public required string ClientSecretName { get; init; }
}

public sealed record ThresholdsConfig
{
    /// <summary>Lambda errors per 5 minutes at or above which the alarm fires.</summary>
    public required int LambdaErrors { get; init; }

    /// <summary>Visible DLQ messages at or above which the alarm fires.</summary>
    public required int DlqDepth { get; init; }

    public required int MarketDataStaleSeconds { get; init; }

    public required int TradesStaleSeconds { get; init; }

    public required int TtPollStaleSeconds { get; init; }
}
