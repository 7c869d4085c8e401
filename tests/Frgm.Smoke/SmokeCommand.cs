using Frgm.Storage.Aws;

namespace Frgm.Smoke;

/// <summary>Parses the command line, runs the HTTP checks and the optional canary, prints the verdict.</summary>
public static class SmokeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        SmokeOptions options;
        try
        {
            options = SmokeOptions.Parse(args, environment);
        }
        catch (ArgumentException ex)
        {
            await stderr.WriteLineAsync("error: " + ex.Message);
            await stderr.WriteLineAsync(SmokeOptions.Usage);
            return 2;
        }

        await stdout.WriteLineAsync($"smoke test of {options.Url} ({options.Environment})");
        var report = new SmokeReport(stdout);
        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(15) };
        await ContractChecks.RunAsync(http, options.ApiKey, report, ct);

        if (options.Canary != CanaryMode.None)
        {
            await using ICanaryTarget target = options.Canary == CanaryMode.Aws
                ? new AwsCanaryTarget(AwsSettings.FromVariables(environment))
                : new EmbeddedCanaryTarget(options.DataDir!);
            await Canary.RunAsync(http, options.ApiKey, target, Canary.NewKey(options.Environment, DateTimeOffset.UtcNow), options.Timeout, report, ct);
        }

        await stdout.WriteLineAsync($"{report.Passed} passed, {report.Failed} failed");
        return report.Failed == 0 ? 0 : 1;
    }
}
