using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Frgm.Dashboard.Composition;
using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Tests.Support;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Tests.RoughEdges;

/// <summary>A quiet console, a generated key that survives restarts (owner-only), a clean refusal of a taken port, a complete --help.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Trait("Needs", "servers")]
public sealed class ConsoleAndStartupTests
{
    [Fact]
    public async Task A_generated_key_is_kept_owner_only_in_the_data_dir_and_printed_last_with_a_real_curl()
    {
        var dataDir = DashboardTestData.NewDataDir("api-key");
        try
        {
            string[] args = ["--Frgm:Mode=Embedded", $"--Frgm:DataDir={dataDir}", "--Frgm:Demo=false", $"--Frgm:InstrumentsFile={SampleFeeds.InstrumentsFile}", "--Logging:LogLevel:Default=Warning"];
            string first;
            string banner;
            await using (var app = await DashboardHost.BuildAsync(args))
            {
                first = app.Services.GetService<DashboardSettings>()!.ApiKeys[0];
                banner = StartupBanner.Text(app);
            }

            var path = Path.Combine(dataDir, "api-key");
            Assert.Equal(first, File.ReadAllText(path).Trim());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var lines = banner.Split(Environment.NewLine);
            Assert.Contains(first, lines[^1], StringComparison.Ordinal);
            Assert.Contains(path, lines[^1], StringComparison.Ordinal);
            var curl = Assert.Single(lines, l => l.Contains("curl", StringComparison.Ordinal));
            Assert.Contains($"X-API-Key: {first}", curl, StringComparison.Ordinal);
            Assert.DoesNotContain("<key>", banner, StringComparison.Ordinal);

            await using (var again = await DashboardHost.BuildAsync(args))
            {
                Assert.Equal(first, again.Services.GetService<DashboardSettings>()!.ApiKeys[0]);
            }
        }
        finally
        {
            DashboardTestData.DeleteQuietly(dataDir);
        }
    }

    [Fact]
    public async Task With_the_demo_writing_files_the_console_stays_quiet_and_the_key_stays_on_screen()
    {
        var dataDir = DashboardTestData.NewDataDir("quiet");
        try
        {
            using (var dashboard = await DashboardChildProcess.StartAsync(dataDir, DashboardTestData.ApiKey, "--Frgm:Demo=true", "--Logging:LogLevel:Default=Information"))
            {
                using var api = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl) };
                api.DefaultRequestHeaders.Add("X-API-Key", DashboardTestData.ApiKey);
                await Poll.UntilAsync(
                    async () => System.Text.Json.JsonDocument.Parse(await api.GetStringAsync("/api/files?limit=5000")).RootElement.GetProperty("files").GetArrayLength() >= 12,
                    "the demo's first dozen files",
                    TimeSpan.FromSeconds(90));
                var output = dashboard.Output;
                var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                // Each file at Debug only: no per-file line at the default level (two lines per file buried the key).
                Assert.DoesNotContain(lines, l => l.Contains("Ingest actant/", StringComparison.Ordinal) || l.Contains("File actant/", StringComparison.Ordinal) || l.Contains("File tt/", StringComparison.Ordinal) || l.Contains("File trades/", StringComparison.Ordinal));
                var keyLine = Array.FindLastIndex(lines, l => l.Contains("API key", StringComparison.Ordinal));
                Assert.True(keyLine >= 0, output);
                Assert.True(lines.Length - keyLine <= 6, $"{lines.Length - keyLine - 1} lines followed the API key:\n{output}");
            }
        }
        finally
        {
            DashboardTestData.DeleteQuietly(dataDir);
        }
    }

    [Fact]
    public void A_key_file_others_can_read_is_tightened_to_owner_only()
    {
        var dataDir = DashboardTestData.NewDataDir("api-key-mode");
        try
        {
            var path = ApiKeyFile.PathIn(dataDir);
            File.WriteAllText(path, "kept-key\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Assert.Equal("kept-key", ApiKeyFile.LoadOrCreate(dataDir, () => "new-key"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            DashboardTestData.DeleteQuietly(dataDir);
        }
    }

    [Fact]
    public void Files_are_summarised_once_per_n_at_information_and_a_failure_is_a_warning()
    {
        var logger = new ListLogger<IngestSummaryLog>();
        var summary = new IngestSummaryLog(logger, every: 3);
        for (var i = 0; i < 7; i++)
        {
            summary.OnFileProcessed(null, Processed($"trades/2026/11/20/f{i}.csv", i == 4 ? FileStatus.Failed : FileStatus.Completed));
        }

        var info = logger.Entries.Where(l => l.Level == LogLevel.Information).Select(l => l.Text).ToList();
        Assert.Equal(2, info.Count);
        Assert.Equal("ingested 3 more files (3 COMPLETED); 3 since start", info[0]);
        Assert.Equal("ingested 3 more files (2 COMPLETED, 1 FAILED); 6 since start", info[1]);
        var warning = Assert.Single(logger.Entries, l => l.Level == LogLevel.Warning);
        Assert.Contains("f4.csv", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_instance_on_a_taken_port_prints_one_line_exits_non_zero_and_touches_nothing()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var dataDir = Path.Combine(Path.GetTempPath(), "frgm-dash-tests", $"taken-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Frgm.Dashboard.dll"), "--urls", $"http://127.0.0.1:{port}", $"--Frgm:DataDir={dataDir}", "--Frgm:Demo=true" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = ((await stdout) + (await stderr)).Trim();
        Assert.NotEqual(0, process.ExitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dataDir), "the refused instance created its data dir (watcher, demo or database started)");
    }

    [Fact]
    public void Help_names_every_alarm_setting_and_the_dash_dash_dotnet_run_needs()
    {
        foreach (var property in typeof(Frgm.Domain.Alarms.AlarmThresholds).GetProperties().Where(p => p.Name != "Accounts"))
        {
            Assert.Contains($"Frgm:Alarms:{property.Name}", HelpText.Text, StringComparison.Ordinal);
        }

        foreach (var property in typeof(Frgm.Domain.Alarms.AccountAlarmOverrides).GetProperties())
        {
            Assert.Contains(property.Name, HelpText.Text, StringComparison.Ordinal);
        }

        Assert.Contains("Frgm:Alarms:Accounts:<ACCOUNT>", HelpText.Text, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project dashboard/Frgm.Dashboard -- ", HelpText.Text, StringComparison.Ordinal);
        foreach (var name in new[] { "Frgm:MaxWorkingOrderBytes", "Frgm:MaxWorkingOrders", "Frgm:MonitoringSeconds", "Frgm:AlbAuth:Signer", "Frgm:Ingest:SummaryEvery" })
        {
            Assert.Contains(name, HelpText.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, "file", "0 files")]
    [InlineData(1, "position", "1 position")]
    [InlineData(2, "account", "2 accounts")]
    [InlineData(1200, "trade", "1,200 trades")]
    public void Counts_say_singular_or_plural(long n, string noun, string expected) =>
        Assert.Equal(expected, Frgm.Dashboard.Ui.Fmt.Count(n, noun));

    private static FileProcessedEventArgs Processed(string key, FileStatus status) =>
        new(BucketRole.Trades, key, new IngestionResult(Frgm.Application.Ports.LedgerClaimOutcome.Claimed,
            new LedgerEntry(BucketRole.Trades, key, "sha", FeedKind.Trades, status, 1, 0, status == FileStatus.Failed ? ["header lacks trade_id"] : [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1)),
            null, TimeSpan.Zero);
}
