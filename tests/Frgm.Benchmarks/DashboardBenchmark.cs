using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Frgm.Dashboard.Hosting;
using Frgm.Domain.Feeds;
using Frgm.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Frgm.Benchmarks;

/// <summary>
/// The dashboard on loopback with 1,000 positions ingested through the real path (a SOD file dropped into the
/// bucket folder): wrk against /api/positions (one account+ticker, and unfiltered), then file-drop → visible in
/// Chromium over 50 drops.
/// </summary>
internal sealed partial class DashboardBenchmark : IBenchmark
{
    private const string Key = "bench-key";
    private const int Accounts = 100;
    private const int Drops = 50;

    public string Name => "dashboard";

    public string Description => "dashboard /api/positions under wrk (1,000 positions) and file-drop → screen latency";

    public async Task RunAsync(BenchmarkOptions options)
    {
        var dataDir = Path.Combine(options.WorkDir, "dashboard-" + Guid.NewGuid().ToString("N"));
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var app = await DashboardHost.BuildAsync(
        [
            "--urls", baseUrl, $"--Frgm:DataDir={dataDir}", "--Frgm:Demo=false", $"--Frgm:ApiKey={Key}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            http.DefaultRequestHeaders.Add("X-API-Key", Key);
            var catalog = ReferenceData.LoadInstruments(null);
            var instruments = catalog.All.Select(i => i.Key).Order(StringComparer.Ordinal).Take(10).ToList();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var setup = Stopwatch.StartNew();
            await SeedAsync(http, dataDir, instruments, today);
            Console.WriteLine($"seeded {Accounts * instruments.Count:N0} positions through the folder watcher in {setup.ElapsedMilliseconds:N0} ms");

            var small = $"{baseUrl}/api/positions?account_id=ACC007&ticker={Uri.EscapeDataString(instruments[0])}";
            var full = $"{baseUrl}/api/positions";
            await LoadAsync("small (1 account + ticker)", http, small);
            await LoadAsync("full (1,000 positions)", http, full);
            catalog.TryGet(instruments[0], out var dropped);
            await DropToScreenAsync(baseUrl, dataDir, dropped!, today);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task SeedAsync(HttpClient http, string dataDir, IReadOnlyList<string> instruments, DateOnly today)
    {
        var date = today.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        var stamp = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var sod = new StringBuilder("account,instrument,position,price\n");
        var market = new StringBuilder("instrument,price,timestamp\n");
        var random = new Random(42);
        for (var a = 0; a < Accounts; a++)
        {
            foreach (var instrument in instruments)
            {
                sod.Append(CultureInfo.InvariantCulture, $"ACC{a:000},\"{instrument}\",{random.Next(-200, 200)},{100 + random.Next(0, 100) / 64m}\n");
            }
        }

        foreach (var instrument in instruments)
        {
            market.Append(CultureInfo.InvariantCulture, $"\"{instrument}\",101.5,{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\n");
        }

        Drop(dataDir, "actant", $"sod/{date}/actant_sod_{stamp}.csv", sod.ToString());
        Drop(dataDir, "actant", $"market-data/{date}/BENCH_SEED_{stamp}_000000.csv", market.ToString());
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/positions"));
            var count = doc.RootElement.GetProperty("positions").GetArrayLength();
            var priced = doc.RootElement.GetProperty("positions").EnumerateArray().All(p => p.GetProperty("mark_price").ValueKind == JsonValueKind.Number);
            if (count == Accounts * instruments.Count && priced)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"only {count} positions after 2 minutes");
            }

            await Task.Delay(200);
        }
    }

    private static async Task LoadAsync(string label, HttpClient http, string url)
    {
        var bytes = (await http.GetByteArrayAsync(url)).Length;
        // Warm-up, then the measured run: 2 wrk threads, 32 connections, 10 s.
        await WrkAsync(url, "3s");
        var output = await WrkAsync(url, "10s");
        var rps = Match(RequestsPerSecond(), output);
        var p50 = Latency(output, "50%");
        var p99 = Latency(output, "99%");
        var errors = NonSuccess().Match(output) is { Success: true } m ? m.Groups[1].Value : "0";
        Console.WriteLine($"{label,-28} {rps,10} req/s   p50 {p50,8:0.000} ms   p99 {p99,8:0.000} ms   {bytes,9:N0} bytes/response   non-2xx {errors}");
    }

    private static async Task<string> WrkAsync(string url, string duration)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", "-c32", "-d" + duration, "--latency", "-H", "X-API-Key: " + Key, url })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    private static async Task DropToScreenAsync(string baseUrl, string dataDir, Frgm.Domain.Model.Instrument instrument, DateOnly today)
    {
        var ticker = instrument.Key;
        var tick = instrument.TickSize ?? 0.01m;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(baseUrl + "/market?ticker=" + Uri.EscapeDataString(ticker));
        await page.WaitForFunctionAsync("() => document.getElementById('live').textContent === 'LIVE'");
        var cell = $"#prices tr[data-ticker='{ticker}'] td.last";
        var date = today.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        var samples = new List<double>();
        for (var i = 1; i <= Drops; i++)
        {
            var price = 102m + (i * tick);
            // Exactly what the page shows for this instrument (its tick precision).
            var shown = Frgm.Dashboard.Ui.Fmt.Price(price, instrument);
            var csv = $"instrument,price,timestamp\n\"{ticker}\",{price.ToString(CultureInfo.InvariantCulture)},{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\n";
            var clock = Stopwatch.StartNew();
            Drop(dataDir, "actant", $"market-data/{date}/BENCH_{i:000}_{DateTime.UtcNow:HHmmssfff}.csv", csv);
            await page.WaitForFunctionAsync(
                "([sel, text]) => { const c = document.querySelector(sel); return c !== null && c.textContent === text; }",
                new object[] { cell, shown },
                new PageWaitForFunctionOptions { PollingInterval = null, Timeout = 30_000 });
            samples.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(100);
        }

        samples.Sort();
        Console.WriteLine($"file drop → visible in browser ({Drops} drops): p50 {Percentile(samples, 0.50):0} ms   p95 {Percentile(samples, 0.95):0} ms   max {samples[^1]:0} ms");
    }

    private static void Drop(string dataDir, string role, string key, string content)
    {
        var path = Path.Combine(dataDir, "buckets", role, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path + ".tmp", content);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Match(Regex regex, string text) => regex.Match(text) is { Success: true } m ? m.Groups[1].Value : "?";

    /// <summary>wrk prints e.g. "99%    4.21ms" (units us, ms or s); returned in milliseconds.</summary>
    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, @"^\s*" + Regex.Escape(percentile) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
