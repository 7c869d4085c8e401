using Frgm.Application.Composition;
using Frgm.Settings;
using Microsoft.Extensions.Configuration;
using K = Frgm.Settings.SettingKeys.Aws;

namespace Frgm.Storage.Aws;

/// <summary>
/// Names of the AWS resources the code talks to. Bound from configuration section <c>Frgm:Aws</c>, i.e. the
/// environment variables <c>Frgm__Aws__HistoryTable</c> etc. that the CDK app sets on every Lambda and on
/// the dashboard task. Secrets are never values here: only ARNs (Lambdas read them through the Parameters and
/// Secrets extension) or ECS-injected secrets (the dashboard's <c>Frgm__Aws__RedisPassword</c>).
/// </summary>
public sealed class AwsSettings
{
    public const string Section = K.Section;

    /// <summary>dev, staging or prod: shown in logs, metrics and Slack messages.</summary>
    [ConfigurationKeyName(K.Environment)]
    public string Environment { get; set; } = "dev";

    [ConfigurationKeyName(K.Region)]
    public string? Region { get; set; }

    [ConfigurationKeyName(K.HistoryTable)]
    public string HistoryTable { get; set; } = "frgm-history";

    [ConfigurationKeyName(K.AlarmsTable)]
    public string AlarmsTable { get; set; } = "frgm-alarms";

    [ConfigurationKeyName(K.LedgerTable)]
    public string LedgerTable { get; set; } = "frgm-ledger";

    [ConfigurationKeyName(K.ActantBucket)]
    public string ActantBucket { get; set; } = "frgm-actant";

    [ConfigurationKeyName(K.TtBucket)]
    public string TtBucket { get; set; } = "frgm-tt";

    [ConfigurationKeyName(K.TradesBucket)]
    public string TradesBucket { get; set; } = "frgm-trades";

    /// <summary>Override for local servers (DynamoDB Local); null in AWS.</summary>
    [ConfigurationKeyName(K.DynamoDbServiceUrl)]
    public string? DynamoDbServiceUrl { get; set; }

    /// <summary>Override for local servers (s3rver); null in AWS. Path-style addressing is used when set.</summary>
    [ConfigurationKeyName(K.S3ServiceUrl)]
    public string? S3ServiceUrl { get; set; }

    [ConfigurationKeyName(K.RedisHost)]
    public string RedisHost { get; set; } = "localhost";

    [ConfigurationKeyName(K.RedisPort)]
    public int RedisPort { get; set; } = 6379;

    [ConfigurationKeyName(K.RedisTls)]
    public bool RedisTls { get; set; } = true;

    [ConfigurationKeyName(K.RedisUser)]
    public string? RedisUser { get; set; }

    /// <summary>The dashboard receives the password as an ECS secret; Lambdas use <see cref="RedisPasswordSecretArn"/>.</summary>
    [ConfigurationKeyName(K.RedisPassword)]
    public string? RedisPassword { get; set; }

    [ConfigurationKeyName(K.RedisPasswordSecretArn)]
    public string? RedisPasswordSecretArn { get; set; }

    /// <summary>Extra CA certificate (PEM path) to trust for Redis TLS; for local tests with a throwaway CA.</summary>
    [ConfigurationKeyName(K.RedisCaCertificatePath)]
    public string? RedisCaCertificatePath { get; set; }

    /// <summary>How long the TLS connection to MemoryDB may take to open; the default suits AWS, an emulated CPU needs more.</summary>
    [ConfigurationKeyName(K.RedisConnectTimeoutSeconds)]
    public double RedisConnectTimeoutSeconds { get; set; } = 5;

    public string BucketName(Frgm.Domain.Model.BucketRole role) => role switch
    {
        Frgm.Domain.Model.BucketRole.Actant => ActantBucket,
        Frgm.Domain.Model.BucketRole.Tt => TtBucket,
        Frgm.Domain.Model.BucketRole.Trades => TradesBucket,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>
    /// Binds <c>Frgm:Aws</c> (the Lambdas' <c>Frgm__Aws__*</c> environment variables through AddEnvironmentVariables,
    /// the dashboard's configuration) with the source-generated binder; the region falls back to Lambda's <c>AWS_REGION</c>.
    /// </summary>
    public static AwsSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = SettingsBinding.Bind(() => configuration.GetSection(Section).Get<AwsSettings>()) ?? new AwsSettings();
        s.Region = NonEmpty(s.Region) ?? NonEmpty(configuration[K.LambdaRegionVariable]);
        s.DynamoDbServiceUrl = NonEmpty(s.DynamoDbServiceUrl);
        s.S3ServiceUrl = NonEmpty(s.S3ServiceUrl);
        s.RedisUser = NonEmpty(s.RedisUser);
        s.RedisPassword = NonEmpty(s.RedisPassword);
        s.RedisPasswordSecretArn = NonEmpty(s.RedisPasswordSecretArn);
        s.RedisCaCertificatePath = NonEmpty(s.RedisCaCertificatePath);
        return s.Validated();
    }

    /// <summary>
    /// The same binding over variables looked up by name (<c>Frgm__Aws__RedisPort</c>, <c>AWS_REGION</c>), for tools and tests
    /// that are handed a lookup rather than a configuration.
    /// </summary>
    public static AwsSettings FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var keys = K.All.Select(name => SettingKeys.Key(Section, name)).Append(K.LambdaRegionVariable);
        return From(new ConfigurationBuilder()
            .AddInMemoryCollection(keys.Select(key => KeyValuePair.Create(key, variable(SettingKeys.Variable(key)))).Where(v => v.Value is not null))
            .Build());
    }

    /// <summary>Throws naming the setting (<c>Frgm:Aws:RedisPort (Frgm__Aws__RedisPort)</c>) when a value cannot work.</summary>
    public AwsSettings Validated()
    {
        SettingsBinding.Require(RedisPort is > 0 and <= 65535, Key(K.RedisPort), RedisPort, "a TCP port (1-65535)");
        SettingsBinding.Require(RedisConnectTimeoutSeconds > 0 && double.IsFinite(RedisConnectTimeoutSeconds), Key(K.RedisConnectTimeoutSeconds), RedisConnectTimeoutSeconds, "a positive number of seconds");
        foreach (var (name, value) in new[] { (K.HistoryTable, HistoryTable), (K.AlarmsTable, AlarmsTable), (K.LedgerTable, LedgerTable), (K.ActantBucket, ActantBucket), (K.TtBucket, TtBucket), (K.TradesBucket, TradesBucket), (K.RedisHost, RedisHost) })
        {
            SettingsBinding.Require(!string.IsNullOrWhiteSpace(value), Key(name), value, "a name");
        }

        return this;
    }

    private static string Key(string name) => SettingKeys.Key(Section, name);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
