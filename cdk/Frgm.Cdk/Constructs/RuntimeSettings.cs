using System.Globalization;
using Frgm.Cdk.Config;
using Frgm.Settings;
using A = Frgm.Settings.SettingKeys.Aws;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The environment variables the code reads, named by <see cref="SettingKeys"/> (the keys the code binds), never
/// spelled here. Only names and ARNs: secret values reach the code through the Parameters and Secrets extension
/// (Lambdas) or ECS secrets (dashboard), never through these variables.
/// </summary>
public static class RuntimeSettings
{
    /// <summary>The variable of <paramref name="name"/> in <paramref name="section"/>: <c>Frgm__Aws__HistoryTable</c>.</summary>
    public static string Variable(string section, string name) => SettingKeys.Variable(SettingKeys.Key(section, name));

    public static Dictionary<string, string> Common(EnvironmentConfig config, ResourceNames names, string redisHost, string redisUser)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(names);
        var env = new Dictionary<string, string>
        {
            [Variable(A.Section, A.Environment)] = config.Name,
            [Variable(A.Section, A.HistoryTable)] = names.HistoryTable,
            [Variable(A.Section, A.AlarmsTable)] = names.AlarmsTable,
            [Variable(A.Section, A.LedgerTable)] = names.LedgerTable,
            [Variable(A.Section, A.ActantBucket)] = names.Bucket("actant"),
            [Variable(A.Section, A.TtBucket)] = names.Bucket("tt"),
            [Variable(A.Section, A.TradesBucket)] = names.Bucket("trades"),
            [Variable(A.Section, A.RedisHost)] = redisHost,
            [Variable(A.Section, A.RedisPort)] = MemoryDbCluster.Port.ToString(CultureInfo.InvariantCulture),
            [Variable(A.Section, A.RedisTls)] = "true",
            [Variable(A.Section, A.RedisUser)] = redisUser,
            [Variable(SettingKeys.Risk.Section, SettingKeys.Risk.Rate)] = config.RiskRate.ToString("R", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in AlarmOverrides(config))
        {
            env[key] = value;
        }

        return env;
    }

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
        ArgumentNullException.ThrowIfNull(config);
        var env = Common(config, names, redisHost, redisUser);
        env[Variable(A.Section, A.RedisPasswordSecretArn)] = redisPasswordSecretArn;
        env[Variable(SettingKeys.Tt.Section, SettingKeys.Tt.SecretArn)] = ttSecretArn;
        env[Variable(SettingKeys.Tt.Section, SettingKeys.Tt.Environment)] = config.TtPoller.Environment;
        env[Variable(SettingKeys.Tt.Section, SettingKeys.Tt.BaseUrl)] = config.TtPoller.BaseUrl;
        env[Variable(SettingKeys.Slack.Section, SettingKeys.Slack.WebhookSecretArn)] = slackWebhookSecretArn;
        env[Variable(SettingKeys.General.Section, SettingKeys.General.DashboardUrl)] = dashboardUrl;
        return env;
    }

    /// <summary>
    /// The environment's per-account alarm overrides (<c>alarmOverrides</c> in cdk.json) in the one shape every process
    /// binds: <c>Frgm__Alarms__Accounts__&lt;account&gt;__&lt;field&gt;</c>, the same for the Lambdas and the dashboard.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> AlarmOverrides(EnvironmentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var (account, fields) in config.AlarmOverrides.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            foreach (var (field, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                yield return KeyValuePair.Create(
                    SettingKeys.Variable(SettingKeys.Alarms.AccountKey(account, field)),
                    value.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>Port of the Parameters and Secrets extension's local HTTP endpoint.</summary>
    public const int SecretsExtensionPort = 2773;
}
