using System.Globalization;

namespace Frgm.Functions.Tt;

/// <summary>TT poller settings, from <c>Frgm__Tt__*</c> environment variables (README lists them).</summary>
public sealed class TtSettings
{
    public static readonly IReadOnlyList<string> Environments = ["ext_uat_cert", "ext_prod_live"];

    public Uri BaseUrl { get; set; } = new("https://ttrestapi.trade.tt");

    /// <summary>ext_uat_cert or ext_prod_live.</summary>
    public string Environment { get; set; } = "ext_uat_cert";

    /// <summary>Secrets Manager ARN of <c>{"app_key_id","app_key_secret"}</c>.</summary>
    public string? SecretArn { get; set; }

    /// <summary>Prefix of every requestId (<c>&lt;app&gt;-&lt;guid&gt;</c>).</summary>
    public string AppName { get; set; } = "frgm";

    /// <summary>Polls per invocation: a one-minute schedule polling twice gives the 30-second cadence.</summary>
    public int PollsPerInvocation { get; set; } = 2;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one invocation may spend; keep it under the function timeout (70 s) with margin.</summary>
    public TimeSpan InvocationBudget { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxAttempts { get; set; } = 4;

    /// <summary>A cached token is renewed this long before TT says it expires.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromSeconds(60);

    public static TtSettings FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= System.Environment.GetEnvironmentVariable;
        string? Get(string name) => read("Frgm__Tt__" + name) is { Length: > 0 } v ? v.Trim() : null;
        TimeSpan? Seconds(string name) =>
            Get(name) is { } v ? TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) : null;
        var s = new TtSettings();
        s.BaseUrl = Get(nameof(BaseUrl)) is { } url ? new Uri(url) : s.BaseUrl;
        s.Environment = Get(nameof(Environment)) ?? s.Environment;
        s.SecretArn = Get(nameof(SecretArn));
        s.AppName = Get(nameof(AppName)) ?? s.AppName;
        s.PollsPerInvocation = Get(nameof(PollsPerInvocation)) is { } polls ? int.Parse(polls, CultureInfo.InvariantCulture) : s.PollsPerInvocation;
        s.PollInterval = Seconds("PollIntervalSeconds") ?? s.PollInterval;
        s.InvocationBudget = Seconds("InvocationBudgetSeconds") ?? s.InvocationBudget;
        s.RequestTimeout = Seconds("RequestTimeoutSeconds") ?? s.RequestTimeout;
        s.MaxAttempts = Get(nameof(MaxAttempts)) is { } attempts ? int.Parse(attempts, CultureInfo.InvariantCulture) : s.MaxAttempts;
        s.Validate();
        return s;
    }

    public void Validate()
    {
        if (!Environments.Contains(Environment, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Frgm__Tt__Environment '{Environment}' is not one of {string.Join(", ", Environments)}");
        }

        if (PollsPerInvocation < 1)
        {
            throw new InvalidOperationException("Frgm__Tt__PollsPerInvocation must be at least 1");
        }
    }
}
