using Frgm.Functions.Hosting;
using Frgm.Functions.Local;
using Frgm.Storage.Embedded;
using Frgm.TestSupport;

namespace Frgm.Functions.Tests.Runner;

public sealed class LocalRunnerTests : IDisposable
{
    private const string MarketKey = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "frgm-runner-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        EmbeddedStorage.ReleaseConnections();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Invoke_ingest_with_a_local_file_uploads_it_and_prints_the_response()
    {
        var (code, stdout, stderr) = await RunAsync(
            "invoke", "ingest", "--file", RepoPaths.Sample("actant/" + MarketKey), "--bucket", "actant", "--key", MarketKey, "--embedded", _dataDir);

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("""{"batchItemFailures":[]}""", lines[0]);
        Assert.Matches("^elapsed_ms=[0-9]+$", lines[1]);
        Assert.True(File.Exists(Path.Combine(_dataDir, "buckets", "actant", MarketKey)));
        Assert.Contains("\"FilesProcessed\":1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_with_an_event_file_and_redrive_of_a_known_key()
    {
        await RunAsync("invoke", "ingest", "--file", RepoPaths.Sample("actant/" + MarketKey), "--bucket", "actant", "--key", MarketKey, "--embedded", _dataDir);
        var sweep = Path.Combine(_dataDir, "sweep.json");
        await File.WriteAllTextAsync(sweep, Fakes.AwsEvents.Scheduled("2026-11-20T14:30:00Z"));

        var (sweepCode, sweepOut, sweepErr) = await RunAsync("invoke", "alarm-sweep", "--event", sweep, "--embedded", _dataDir);
        var (redriveCode, redriveOut, redriveErr) = await RunAsync("redrive", "--bucket", "actant", "--key", MarketKey, "--embedded", _dataDir);

        Assert.True(sweepCode == 0, sweepErr);
        Assert.Contains("\"market-data\":", sweepOut, StringComparison.Ordinal);
        Assert.True(redriveCode == 0, redriveErr);
        Assert.StartsWith("""{"batchItemFailures":[]}""", redriveOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoke")]
    [InlineData("invoke", "ingest")]
    [InlineData("invoke", "nope", "--event", "x.json")]
    [InlineData("invoke", "ingest", "--file", "a.csv", "--bucket", "actant")]
    [InlineData("redrive", "--bucket", "actant")]
    [InlineData("launch")]
    public async Task Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage()
    {
        var (code, stdout, _) = await RunAsync("invoke", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--embedded <dataDir>", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_event_file_is_reported_not_thrown()
    {
        var (code, _, stderr) = await RunAsync("invoke", "alarm-sweep", "--event", Path.Combine(_dataDir, "missing.json"), "--embedded", _dataDir);

        Assert.Equal(2, code);
        Assert.Contains("missing.json", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await LocalRunner.RunAsync(args, stdout, stderr, LambdaConfiguration.FromVariables([]));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
