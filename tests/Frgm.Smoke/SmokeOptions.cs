namespace Frgm.Smoke;

public enum CanaryMode
{
    None,
    Embedded,
    Aws,
}

/// <summary>
/// <c>smoke --url URL --env ENV [--key KEY] [--canary none|embedded|aws] [--data-dir DIR] [--timeout SECONDS]</c>.
/// The key may come from FRGM_SMOKE_API_KEY instead, so CI never puts it on a command line.
/// </summary>
public sealed record SmokeOptions(Uri Url, string Environment, string ApiKey, CanaryMode Canary, string? DataDir, TimeSpan Timeout)
{
    public const string KeyVariable = "FRGM_SMOKE_API_KEY";

    public const string Usage = """
        usage: smoke --url <dashboard URL> --env <dev|staging|prod> [--key <API key>] [--canary none|embedded|aws]
                     [--data-dir <embedded DataDir>] [--timeout <seconds, default 180>]
          --key         or the FRGM_SMOKE_API_KEY environment variable
          --canary aws  puts canary/<env>/smoke_<run>.csv into the actant bucket with the current AWS credentials
                        (resource names from Frgm__Aws__* variables), waits for /api/files to show it processed,
                        then removes it and its ledger entries
          --canary embedded  the same through <data-dir>/buckets (an embedded dashboard on this machine)
        """;

    public static SmokeOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Count == 0 || args[0] != "smoke")
        {
            throw new ArgumentException("the first argument must be the command 'smoke'");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"'{args[i]}' is not an option with a value");
            }

            values[args[i][2..]] = args[++i];
        }

        foreach (var name in values.Keys)
        {
            if (name is not ("url" or "env" or "key" or "canary" or "data-dir" or "timeout"))
            {
                throw new ArgumentException($"unknown option --{name}");
            }
        }

        if (!values.TryGetValue("url", out var urlText) || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("--url must be the dashboard's http(s) URL");
        }

        if (!values.TryGetValue("env", out var env) || env.Length == 0)
        {
            throw new ArgumentException("--env is required (dev, staging, prod)");
        }

        var key = values.GetValueOrDefault("key") ?? environment(KeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"an API key is required: --key or {KeyVariable}");
        }

        var canary = values.GetValueOrDefault("canary", "none") switch
        {
            "none" => CanaryMode.None,
            "embedded" => CanaryMode.Embedded,
            "aws" => CanaryMode.Aws,
            var other => throw new ArgumentException($"--canary '{other}' must be none, embedded or aws"),
        };
        var dataDir = values.GetValueOrDefault("data-dir");
        if (canary == CanaryMode.Embedded && string.IsNullOrEmpty(dataDir))
        {
            throw new ArgumentException("--canary embedded needs --data-dir");
        }

        var timeout = TimeSpan.FromSeconds(180);
        if (values.TryGetValue("timeout", out var t))
        {
            timeout = double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 3600
                ? TimeSpan.FromSeconds(s)
                : throw new ArgumentException("--timeout must be 1..3600 seconds");
        }

        return new SmokeOptions(url, env, key, canary, dataDir, timeout);
    }
}
