using Frgm.Application.Composition;
using Frgm.Settings;
using Microsoft.Extensions.Configuration;
using K = Frgm.Settings.SettingKeys.Tt;

namespace Frgm.Functions.Tt;

/// <summary>TT poller settings, bound from <c>Frgm:Tt</c> (the <c>Frgm__Tt__*</c> environment variables; README lists them).</summary>
public sealed class TtSettings
{
    public static readonly IReadOnlyList<string> Environments = ["ext_uat_cert", "ext_prod_live"];

    [ConfigurationKeyName(K.BaseUrl)]
    public Uri BaseUrl { get; set; } = new("https://ttrestapi.trade.tt");

    /// <summary>ext_uat_cert or ext_prod_live.</summary>
    [ConfigurationKeyName(K.Environment)]
    public string Environment { get; set; } = "ext_uat_cert";

    /// <summary>Secrets Manager ARN of <c>{"app_key_id","app_key_secret"}</c>.</summary>
    [ConfigurationKeyName(K.SecretArn)]
    public string? SecretArn { get; set; }

    /// <summary>Prefix of every requestId (<c>&lt;app&gt;-&lt;guid&gt;</c>).</summary>
    [ConfigurationKeyName(K.AppName)]
    public string AppName { get; set; } = "frgm";

    /// <summary>Polls per invocation: a one-minute schedule polling twice gives the 30-second cadence.</summary>
    [ConfigurationKeyName(K.PollsPerInvocation)]
    public int PollsPerInvocation { get; set; } = 2;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one invocation may spend; keep it under the function timeout (70 s) with margin.</summary>
    public TimeSpan InvocationBudget { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [ConfigurationKeyName(K.MaxAttempts)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>A cached token is renewed this long before TT says it expires.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whole seconds or fractions, as the variables have always been given (<c>Frgm__Tt__PollIntervalSeconds=30</c>).</summary>
    [ConfigurationKeyName(K.PollIntervalSeconds)]
    public double PollIntervalSeconds { get => PollInterval.TotalSeconds; set => PollInterval = Seconds(K.PollIntervalSeconds, value); }

    [ConfigurationKeyName(K.InvocationBudgetSeconds)]
    public double InvocationBudgetSeconds { get => InvocationBudget.TotalSeconds; set => InvocationBudget = Seconds(K.InvocationBudgetSeconds, value); }

    [ConfigurationKeyName(K.RequestTimeoutSeconds)]
    public double RequestTimeoutSeconds { get => RequestTimeout.TotalSeconds; set => RequestTimeout = Seconds(K.RequestTimeoutSeconds, value); }

    /// <summary>Binds <c>Frgm:Tt</c> (the Lambda's <c>Frgm__Tt__*</c> variables) and checks it.</summary>
    public static TtSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = SettingsBinding.Bind(() => configuration.GetSection(K.Section).Get<TtSettings>()) ?? new TtSettings();
        s.SecretArn = string.IsNullOrWhiteSpace(s.SecretArn) ? null : s.SecretArn.Trim();
        s.Environment = s.Environment.Trim();
        s.Validate();
        return s;
    }

    public void Validate()
    {
        if (!Environments.Contains(Environment, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"{SettingKeys.Describe(Key(K.Environment))} '{Environment}' is not one of {string.Join(", ", Environments)}");
        }

        if (PollsPerInvocation < 1)
        {
            throw new InvalidOperationException($"{SettingKeys.Describe(Key(K.PollsPerInvocation))} must be at least 1");
        }

        SettingsBinding.Require(MaxAttempts >= 1, Key(K.MaxAttempts), MaxAttempts, "at least 1");
    }

    private static string Key(string name) => SettingKeys.Key(K.Section, name);

    private static TimeSpan Seconds(string name, double value)
    {
        SettingsBinding.Require(double.IsFinite(value) && value >= 0 && value < TimeSpan.MaxValue.TotalSeconds / 2, Key(name), value, "a number of seconds");
        return TimeSpan.FromSeconds(value);
    }
}
