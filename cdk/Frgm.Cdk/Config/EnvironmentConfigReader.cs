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
        Require(c.MemoryDb.Shards >= 1, $"{p}.memoryDb.shards", "must be at least 1");
        Require(c.MemoryDb.ReplicasPerShard is >= 0 and <= 5, $"{p}.memoryDb.replicasPerShard", "must be 0..5");
        Require(c.MemoryDb.SnapshotRetentionDays is >= 0 and <= 35, $"{p}.memoryDb.snapshotRetentionDays", "must be 0..35");
        Require(c.MemoryDb.NodeType.StartsWith("db.", StringComparison.Ordinal), $"{p}.memoryDb.nodeType", "must be a MemoryDB node type such as db.t4g.small");
        Require(c.Dashboard.Cpu is 256 or 512 or 1024 or 2048 or 4096, $"{p}.dashboard.cpu", "must be a Fargate CPU size (256, 512, 1024, 2048, 4096)");
        Require(c.Dashboard.MemoryMiB >= 512, $"{p}.dashboard.memoryMiB", "must be at least 512");
        Require(c.TtPoller.Environment is "ext_uat_cert" or "ext_prod_live", $"{p}.ttPoller.environment", "must be ext_uat_cert or ext_prod_live");
        Require(Uri.TryCreate(c.TtPoller.BaseUrl, UriKind.Absolute, out var tt) && tt.Scheme == Uri.UriSchemeHttps, $"{p}.ttPoller.baseUrl", "must be an https URL");
        Require(!c.Sftp.Enabled || (c.Sftp.SshPublicKey?.StartsWith("ssh-", StringComparison.Ordinal) ?? false), $"{p}.sftp.sshPublicKey", "must be an OpenSSH public key (ssh-ed25519/ssh-rsa ...) when sftp.enabled is true");
        Require(UserNameRegex().IsMatch(c.Sftp.UserName), $"{p}.sftp.userName", "must be 3-100 characters of letters, digits, _ - . @");
        Require(!c.Alerting.SlackEnabled || !string.IsNullOrWhiteSpace(c.Alerting.SlackWorkspaceId), $"{p}.alerting.slackWorkspaceId", "is required when alerting.slackEnabled is true (see cdk/README.md)");
        Require(!c.Alerting.SlackEnabled || !string.IsNullOrWhiteSpace(c.Alerting.SlackChannelId), $"{p}.alerting.slackChannelId", "is required when alerting.slackEnabled is true (see cdk/README.md)");
        Require(c.CertificateArn is null || c.CertificateArn.StartsWith("arn:aws:acm:" + c.Region + ":", StringComparison.Ordinal), $"{p}.certificateArn", $"must be an ACM certificate ARN in {c.Region}");
        Require(c.Oidc is null || c.CertificateArn is not null, $"{p}.oidc", "needs certificateArn: the ALB authenticates only on HTTPS listeners");
        Require(c.AllowedCidrs.Count > 0, $"{p}.allowedCidrs", "needs at least one CIDR");
        foreach (var (cidr, i) in c.AllowedCidrs.Select((x, i) => (x, i)))
        {
            Require(IPNetwork.TryParse(cidr, out _), $"{p}.allowedCidrs[{i}]", $"'{cidr}' is not a CIDR");
        }

        Require(c.Thresholds.LambdaErrors >= 1, $"{p}.thresholds.lambdaErrors", "must be at least 1");
        Require(c.Thresholds.DlqDepth >= 1, $"{p}.thresholds.dlqDepth", "must be at least 1");
        Require(c.Thresholds.MarketDataStaleSeconds >= 60, $"{p}.thresholds.marketDataStaleSeconds", "must be at least 60");
        Require(c.Thresholds.TradesStaleSeconds >= 60, $"{p}.thresholds.tradesStaleSeconds", "must be at least 60");
        Require(c.Thresholds.TtPollStaleSeconds >= 60, $"{p}.thresholds.ttPollStaleSeconds", "must be at least 60");
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

    private static string Known(object? environments) => environments is IDictionary<string, object> all
        ? "defined: " + string.Join(", ", all.Keys)
        : "no environments defined";

    [GeneratedRegex("^[a-z][a-z0-9]{1,15}$")]
    private static partial Regex EnvironmentNameRegex();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountRegex();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex RegionRegex();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_@.-]{2,99}$")]
    private static partial Regex UserNameRegex();
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
