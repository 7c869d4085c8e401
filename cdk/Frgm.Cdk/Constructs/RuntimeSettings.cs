using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The environment variables the code reads (Frgm.Storage.Aws.AwsSettings and the function/dashboard
/// settings). Only names and ARNs: secret values reach the code through the Parameters and Secrets extension
/// (Lambdas) or ECS secrets (dashboard), never through these variables.
/// </summary>
public static class RuntimeSettings
{
    public static Dictionary<string, string> Common(EnvironmentConfig config, ResourceNames names, string redisHost, string redisUser) => new()
    {
        ["Frgm__Aws__Environment"] = config.Name,
        ["Frgm__Aws__HistoryTable"] = names.HistoryTable,
        ["Frgm__Aws__AlarmsTable"] = names.AlarmsTable,
        ["Frgm__Aws__LedgerTable"] = names.LedgerTable,
        ["Frgm__Aws__ActantBucket"] = names.Bucket("actant"),
        ["Frgm__Aws__TtBucket"] = names.Bucket("tt"),
        ["Frgm__Aws__TradesBucket"] = names.Bucket("trades"),
        ["Frgm__Aws__RedisHost"] = redisHost,
        ["Frgm__Aws__RedisPort"] = MemoryDbCluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Frgm__Aws__RedisTls"] = "true",
        ["Frgm__Aws__RedisUser"] = redisUser,
        ["Frgm__Risk__Rate"] = config.RiskRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string> Lambda(
        EnvironmentConfig config,
        ResourceNames names,
        string redisHost,
        string redisUser,
        string redisPasswordSecretArn,
        string ttSecretArn,
        string slackWebhookSecretArn,
        string dashboardUrl)
    {
        var env = Common(config, names, redisHost, redisUser);
        env["Frgm__Aws__RedisPasswordSecretArn"] = redisPasswordSecretArn;
        env["Frgm__Tt__SecretArn"] = ttSecretArn;
        env["Frgm__Tt__Environment"] = config.TtPoller.Environment;
        env["Frgm__Tt__BaseUrl"] = config.TtPoller.BaseUrl;
        env["Frgm__Slack__WebhookSecretArn"] = slackWebhookSecretArn;
        env["Frgm__DashboardUrl"] = dashboardUrl;
        return env;
    }

    /// <summary>Port of the Parameters and Secrets extension's local HTTP endpoint.</summary>
    public const int SecretsExtensionPort = 2773;
}
