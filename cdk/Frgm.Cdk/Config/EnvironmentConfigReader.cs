using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Frgm.Cdk.Config;

/// <summary>
/// Reads and validates an <see cref="EnvironmentConfig"/> from CDK context (<c>cdk.json</c> →
/// <c>environments.&lt;env&gt;</c>, chosen with <c>-c env=...</c>). A mistake fails synth with the
/// context path of the offending field instead of surfacing as a broken deployment.
/// </summary>
public static partial class EnvironmentConfigReader
{
    public const string EnvironmentKey = "env";
    public const string EnvironmentsKey = "environments";

    /// <summary>The fields an account override may set (AccountAlarmOverrides in Frgm.Domain), by their setting names.</summary>
    private static readonly string[] AccountAlarmFields =
    [
        Frgm.Settings.SettingKeys.Alarms.PositionLimit,
        Frgm.Settings.SettingKeys.Alarms.LossLimit,
        Frgm.Settings.SettingKeys.Alarms.DeltaLimit,
        Frgm.Settings.SettingKeys.Alarms.LargeTradeQuantity,
        Frgm.Settings.SettingKeys.Alarms.PriceDeviationFraction,
    ];

    private const string AccountPositionLimitsPrefix = Frgm.Settings.SettingKeys.Alarms.PositionLimits + ":";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads from context values as jsii hands them over (dictionaries, arrays, doubles).</summary>
    public static EnvironmentConfig Read(object? selectedEnvironment, object? environments)
    {
        if (selectedEnvironment is not string name || name.Length == 0)
        {
            throw new ConfigException(
                $"context '{EnvironmentKey}' is missing: run e.g. `npx cdk synth -c {EnvironmentKey}=dev` ({Known(environments)})");
        }

        if (environments is not IDictionary<string, object> all)
        {
            throw new ConfigException($"cdk.json context '{EnvironmentsKey}' is missing or not an object");
        }

        if (!all.TryGetValue(name, out var raw))
        {
            throw new ConfigException($"cdk.json context '{EnvironmentsKey}.{name}' does not exist ({Known(environments)})");
        }

        return Parse(name, JsonSerializer.Serialize(raw));
    }

    /// <summary>Parses one environment's JSON object and validates it.</summary>
    public static EnvironmentConfig Parse(string name, string json)
    {
        var prefix = $"{EnvironmentsKey}.{name}";
        EnvironmentConfig config;
        try
        {
            config = JsonSerializer.Deserialize<EnvironmentConfig>(json, Options)
                ?? throw new ConfigException($"cdk.json context '{prefix}' is null");
        }
        catch (JsonException ex)
        {
            var at = ex.Path is { Length: > 1 } p ? prefix + p.TrimStart('$') : prefix;
            throw new ConfigException($"cdk.json context '{at}': {ex.Message}", ex);
        }

        config = config with { Name = name };
        Validate(config, prefix);
        return config;
    }

    private static void Validate(EnvironmentConfig c, string p)
    {
        Require(EnvironmentNameRegex().IsMatch(c.Name), p, "environment name must be lower-case letters/digits (it becomes part of resource names)");
        Require(AccountRegex().IsMatch(c.Account), $"{p}.account", "must be a 12-digit AWS account id");
        Require(RegionRegex().IsMatch(c.Region), $"{p}.region", "must be an AWS region such as us-east-1");
        Require(c.AvailabilityZones.Count >= 2, $"{p}.availabilityZones", "needs at least two zones");
        Require(c.AvailabilityZones.All(z => z.StartsWith(c.Region, StringComparison.Ordinal)), $"{p}.availabilityZones", $"every zone must be in {c.Region}");
        Require(c.NatGateways >= 1 && c.NatGateways <= c.AvailabilityZones.Count, $"{p}.natGateways", "must be between 1 and the number of zones");
        // StackExchange.Redis follows cluster redirects and every multi-key script's keys share a hash tag
        // (lambdas/Frgm.Storage.Aws/Redis/KEYS.md), so any shard count MemoryDB allows works.
        Require(c.MemoryDb.Shards is >= 1 and <= 500, $"{p}.memoryDb.shards", "must be 1..500 (MemoryDB's limit per cluster)");
        Require(c.MemoryDb.ReplicasPerShard is >= 0 and <= 5, $"{p}.memoryDb.replicasPerShard", "must be 0..5");
        Require(c.MemoryDb.SnapshotRetentionDays is >= 0 and <= 35, $"{p}.memoryDb.snapshotRetentionDays", "must be 0..35");
        Require(c.MemoryDb.NodeType.StartsWith("db.", StringComparison.Ordinal), $"{p}.memoryDb.nodeType", "must be a MemoryDB node type such as db.t4g.small");
        Require(c.Dashboard.Cpu is 256 or 512 or 1024 or 2048 or 4096, $"{p}.dashboard.cpu", "must be a Fargate CPU size (256, 512, 1024, 2048, 4096)");
        Require(c.Dashboard.MemoryMiB >= 512, $"{p}.dashboard.memoryMiB", "must be at least 512");
        Require(c.Dashboard.Tasks is >= 1 and <= 10, $"{p}.dashboard.tasks", "must be 1..10");
        Require(c.TtPoller.Environment is "ext_uat_cert" or "ext_prod_live", $"{p}.ttPoller.environment", "must be ext_uat_cert or ext_prod_live");
        Require(Uri.TryCreate(c.TtPoller.BaseUrl, UriKind.Absolute, out var tt) && tt.Scheme == Uri.UriSchemeHttps, $"{p}.ttPoller.baseUrl", "must be an https URL");
        Require(!c.Sftp.Enabled || (c.Sftp.SshPublicKey?.StartsWith("ssh-", StringComparison.Ordinal) ?? false), $"{p}.sftp.sshPublicKey", "must be an OpenSSH public key (ssh-ed25519/ssh-rsa ...) when sftp.enabled is true");
        Require(UserNameRegex().IsMatch(c.Sftp.UserName), $"{p}.sftp.userName", "must be 3-100 characters of letters, digits, _ - . @");
        Require(!c.Sftp.Enabled || c.Sftp.AllowedCidrs.Count > 0, $"{p}.sftp.allowedCidrs", "needs the senders' CIDRs when sftp.enabled is true (the endpoint's security group admits only them)");
        RequireCidrs(c.Sftp.AllowedCidrs, $"{p}.sftp.allowedCidrs");
        RequireRealKey(c, c.Sftp.Enabled ? c.Sftp.SshPublicKey : null, $"{p}.sftp.sshPublicKey");
        Require(SenderPrincipalRegex().IsMatch(c.Actant.SenderPrincipal), $"{p}.actant.senderPrincipal", "must be a 12-digit account id or an arn:aws:iam::<account>:role/... or :user/... ARN");
        Require(ExternalIdRegex().IsMatch(c.Actant.ExternalId), $"{p}.actant.externalId", "must be 16-1224 characters of letters, digits and +=,.@:/-");
        if (c.Actant.Sftp is { Enabled: true } actantSftp)
        {
            Require(c.Sftp.Enabled, $"{p}.actant.sftp.enabled", "needs sftp.enabled: Actant's SFTP user lives on the environment's Transfer Family server");
            Require(UserNameRegex().IsMatch(actantSftp.UserName) && actantSftp.UserName != c.Sftp.UserName, $"{p}.actant.sftp.userName", "must be 3-100 characters of letters, digits, _ - . @ and differ from sftp.userName");
            Require(actantSftp.SshPublicKey?.StartsWith("ssh-", StringComparison.Ordinal) ?? false, $"{p}.actant.sftp.sshPublicKey", "must be an OpenSSH public key when actant.sftp.enabled is true");
            RequireRealKey(c, actantSftp.SshPublicKey, $"{p}.actant.sftp.sshPublicKey");
        }

        Require(GitHubRepositoryRegex().IsMatch(c.Deploy.GitHubRepository), $"{p}.deploy.gitHubRepository", "must be owner/name of the GitHub repository");
        Require(BranchRegex().IsMatch(c.Deploy.Branch), $"{p}.deploy.branch", "must be a branch name such as main");
        Require(!c.Alerting.SlackEnabled || !string.IsNullOrWhiteSpace(c.Alerting.SlackWorkspaceId), $"{p}.alerting.slackWorkspaceId", "is required when alerting.slackEnabled is true (see cdk/README.md)");
        Require(!c.Alerting.SlackEnabled || !string.IsNullOrWhiteSpace(c.Alerting.SlackChannelId), $"{p}.alerting.slackChannelId", "is required when alerting.slackEnabled is true (see cdk/README.md)");
        Require(c.CertificateArn is null || c.CertificateArn.StartsWith("arn:aws:acm:" + c.Region + ":", StringComparison.Ordinal), $"{p}.certificateArn", $"must be an ACM certificate ARN in {c.Region}");
        Require(c.Oidc is null || c.CertificateArn is not null, $"{p}.oidc", "needs certificateArn: the ALB authenticates only on HTTPS listeners");
        Require(c.CertificateArn is null || c.Oidc is not null, $"{p}.oidc", "is required with certificateArn: the UI sits behind the ALB's authentication wherever HTTPS is on (acknowledgements record who)");
        Require(c.AllowedCidrs.Count > 0, $"{p}.allowedCidrs", "needs at least one CIDR");
        RequireCidrs(c.AllowedCidrs, $"{p}.allowedCidrs");

        Require(c.Thresholds.LambdaErrors >= 1, $"{p}.thresholds.lambdaErrors", "must be at least 1");
        Require(c.Thresholds.DlqDepth >= 1, $"{p}.thresholds.dlqDepth", "must be at least 1");
        Require(c.Thresholds.MarketDataStaleSeconds >= 60, $"{p}.thresholds.marketDataStaleSeconds", "must be at least 60");
        Require(c.Thresholds.TradesStaleSeconds >= 60, $"{p}.thresholds.tradesStaleSeconds", "must be at least 60");
        Require(c.Thresholds.TtPollStaleSeconds >= 60, $"{p}.thresholds.ttPollStaleSeconds", "must be at least 60");
        foreach (var (account, fields) in c.AlarmOverrides)
        {
            Require(VariablePartRegex().IsMatch(account), $"{p}.alarmOverrides.{account}", "must be an account id of letters, digits and single underscores (it becomes part of an environment variable name)");
            foreach (var field in fields.Keys)
            {
                Require(
                    AccountAlarmFields.Contains(field, StringComparer.Ordinal)
                        || (field.StartsWith(AccountPositionLimitsPrefix, StringComparison.Ordinal) && VariablePartRegex().IsMatch(field[AccountPositionLimitsPrefix.Length..])),
                    $"{p}.alarmOverrides.{account}.{field}",
                    $"must be one of {string.Join(", ", AccountAlarmFields)} or {AccountPositionLimitsPrefix}<product>");
            }
        }

        Require(ValidRetentions.Contains(c.LogRetentionDays), $"{p}.logRetentionDays", "must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)");
        Require(c.GlacierAfterDays >= 1, $"{p}.glacierAfterDays", "must be at least 1");
        Require(
            c.ParametersSecretsExtensionLayerArn.StartsWith($"arn:aws:lambda:{c.Region}:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:", StringComparison.Ordinal),
            $"{p}.parametersSecretsExtensionLayerArn",
            $"must be the arm64 AWS Parameters and Secrets Lambda Extension layer in {c.Region} (account 177933569100)");
    }

    private static readonly HashSet<int> ValidRetentions = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    private static void Require(bool ok, string path, string message)
    {
        if (!ok)
        {
            throw new ConfigException($"cdk.json context '{path}': {message}");
        }
    }

    private static void RequireCidrs(IReadOnlyList<string> cidrs, string path)
    {
        foreach (var (cidr, i) in cidrs.Select((x, i) => (x, i)))
        {
            Require(IPNetwork.TryParse(cidr, out _), $"{path}[{i}]", $"'{cidr}' is not a CIDR");
        }
    }

    /// <summary>
    /// Outside dev a sender key must be the sender's own: a placeholder (the word in its comment or encoded in its
    /// body, as the example keys once were) would leave production's SFTP door on a key nobody vouches for.
    /// </summary>
    private static void RequireRealKey(EnvironmentConfig c, string? key, string path)
    {
        if (key is null || c.Name == "dev")
        {
            return;
        }

        Require(!IsPlaceholderKey(key), path, "is a placeholder; staging and prod need the sender's real OpenSSH public key (cdk/README.md, \"Sender identities\")");
    }

    public static bool IsPlaceholderKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Contains("placeholder", StringComparison.OrdinalIgnoreCase) || key.Contains("example", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return false;
        }

        var body = new byte[parts[1].Length];
        return Convert.TryFromBase64String(parts[1], body, out var n)
            && System.Text.Encoding.ASCII.GetString(body, 0, n).Contains("laceholder", StringComparison.OrdinalIgnoreCase);
    }

    private static string Known(object? environments) => environments is IDictionary<string, object> all
        ? "defined: " + string.Join(", ", all.Keys)
        : "no environments defined";

    [GeneratedRegex("^[a-z][a-z0-9]{1,15}$")]
    private static partial Regex EnvironmentNameRegex();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountRegex();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex RegionRegex();

    [GeneratedRegex("^([0-9]{12}|arn:aws:iam::[0-9]{12}:(root|role/[A-Za-z0-9+=,.@_/-]+|user/[A-Za-z0-9+=,.@_/-]+))$")]
    private static partial Regex SenderPrincipalRegex();

    [GeneratedRegex("^[A-Za-z0-9+=,.@:/-]{16,1224}$")]
    private static partial Regex ExternalIdRegex();

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex GitHubRepositoryRegex();

    [GeneratedRegex("^[A-Za-z0-9._/-]{1,100}$")]
    private static partial Regex BranchRegex();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_@.-]{2,99}$")]
    private static partial Regex UserNameRegex();

    // Lambda variable names are [A-Za-z0-9_]; "__" is the key separator, so a part may not hold it.
    [GeneratedRegex("^(?!.*__)[A-Za-z0-9](?:[A-Za-z0-9_]*[A-Za-z0-9])?$")]
    private static partial Regex VariablePartRegex();
}

/// <summary>cdk.json context is missing or wrong; the message names the context path.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConfigException()
    {
    }
}
