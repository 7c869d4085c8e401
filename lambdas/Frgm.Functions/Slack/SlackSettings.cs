using System.Globalization;

namespace Frgm.Functions.Slack;

/// <summary>Slack notifier settings, from <c>Frgm__Slack__*</c> and <c>Frgm__DashboardUrl</c>.</summary>
public sealed class SlackSettings
{
    /// <summary>ARN of a secret holding <c>{"webhook_url": "..."}</c> or the bare URL. Unset: alarms are counted, not posted.</summary>
    public string? WebhookSecretArn { get; set; }

    /// <summary>The dashboard's base URL; messages link to its /alarms page.</summary>
    public Uri? DashboardUrl { get; set; }

    public TimeSpan InvocationBudget { get; set; } = TimeSpan.FromSeconds(25);

    public int MaxAttempts { get; set; } = 4;

    public static SlackSettings FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => read(name) is { Length: > 0 } v ? v.Trim() : null;
        var s = new SlackSettings
        {
            WebhookSecretArn = Get("Frgm__Slack__WebhookSecretArn"),
            DashboardUrl = Get("Frgm__DashboardUrl") is { } url ? new Uri(url) : null,
        };
        if (Get("Frgm__Slack__InvocationBudgetSeconds") is { } budget)
        {
            s.InvocationBudget = TimeSpan.FromSeconds(double.Parse(budget, CultureInfo.InvariantCulture));
        }

        if (Get("Frgm__Slack__MaxAttempts") is { } attempts)
        {
            s.MaxAttempts = int.Parse(attempts, CultureInfo.InvariantCulture);
        }

        return s;
    }
}
