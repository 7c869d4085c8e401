using Frgm.Application.Composition;
using Frgm.Settings;
using Microsoft.Extensions.Configuration;
using K = Frgm.Settings.SettingKeys.Slack;

namespace Frgm.Functions.Slack;

/// <summary>Slack notifier settings, bound from <c>Frgm:Slack</c> plus <c>Frgm:DashboardUrl</c>.</summary>
public sealed class SlackSettings
{
    /// <summary>ARN of a secret holding <c>{"webhook_url": "..."}</c> or the bare URL. Unset: alarms are counted, not posted.</summary>
    [ConfigurationKeyName(K.WebhookSecretArn)]
    public string? WebhookSecretArn { get; set; }

    /// <summary>The dashboard's base URL; messages link to its /alarms page.</summary>
    public Uri? DashboardUrl { get; set; }

    public TimeSpan InvocationBudget { get; set; } = TimeSpan.FromSeconds(25);

    [ConfigurationKeyName(K.MaxAttempts)]
    public int MaxAttempts { get; set; } = 4;

    [ConfigurationKeyName(K.InvocationBudgetSeconds)]
    public double InvocationBudgetSeconds
    {
        get => InvocationBudget.TotalSeconds;
        set
        {
            SettingsBinding.Require(double.IsFinite(value) && value > 0 && value < TimeSpan.MaxValue.TotalSeconds / 2, SettingKeys.Key(K.Section, K.InvocationBudgetSeconds), value, "a positive number of seconds");
            InvocationBudget = TimeSpan.FromSeconds(value);
        }
    }

    /// <summary>Binds <c>Frgm:Slack</c> and <c>Frgm:DashboardUrl</c> (the Lambda's <c>Frgm__Slack__*</c>, <c>Frgm__DashboardUrl</c>).</summary>
    public static SlackSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = SettingsBinding.Bind(() => configuration.GetSection(K.Section).Get<SlackSettings>()) ?? new SlackSettings();
        s.WebhookSecretArn = string.IsNullOrWhiteSpace(s.WebhookSecretArn) ? null : s.WebhookSecretArn.Trim();
        var key = SettingKeys.Key(SettingKeys.General.Section, SettingKeys.General.DashboardUrl);
        var url = configuration[key];
        if (!string.IsNullOrWhiteSpace(url))
        {
            SettingsBinding.Require(Uri.TryCreate(url.Trim(), UriKind.Absolute, out var dashboard), key, url, "an absolute URL");
            s.DashboardUrl = dashboard;
        }

        SettingsBinding.Require(s.MaxAttempts >= 1, SettingKeys.Key(K.Section, K.MaxAttempts), s.MaxAttempts, "at least 1");
        return s;
    }
}
