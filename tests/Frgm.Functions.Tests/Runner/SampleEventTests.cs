using Frgm.Functions.Hosting;
using Frgm.Functions.Local;
using Frgm.Storage.Embedded;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Runner;

/// <summary>The README's <c>invoke alarm-sweep --event ...</c> works with the event file the repository ships.</summary>
public sealed class SampleEventTests : IDisposable
{
    private const string MarketKey = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "frgm-sample-event-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        EmbeddedStorage.ReleaseConnections();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task The_shipped_alarm_sweep_event_runs_the_sweep()
    {
        var sweep = Path.Combine(RepoPaths.Root, "lambdas", "Frgm.Functions", "SampleEvents", "alarm-sweep.json");
        Assert.True(File.Exists(sweep), sweep);
        await RunAsync("invoke", "ingest", "--file", RepoPaths.Sample("actant/" + MarketKey), "--bucket", "actant", "--key", MarketKey, "--embedded", _dataDir);

        var (code, stdout, stderr) = await RunAsync("invoke", "alarm-sweep", "--event", sweep, "--embedded", _dataDir);

        Assert.True(code == 0, stderr);
        Assert.StartsWith("{\"changed_alarms\":", stdout, StringComparison.Ordinal);
        Assert.Contains("\"market-data\":", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await LocalRunner.RunAsync(args, stdout, stderr, LambdaConfiguration.FromVariables([]));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
