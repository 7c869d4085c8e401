using System.Text.Json;
using Frgm.Dashboard.Tests.Support;
using Frgm.TestSupport;

namespace Frgm.Dashboard.Tests.Memory;

/// <summary>
/// The dashboard process's memory stays bounded whatever working-order snapshot arrives: measured in a child
/// process (its own /proc peak). A 1M-order snapshot (225 MB) is accepted within 300 MB, the API pages walk the whole
/// set once from the store, one over the size limit is refused before it is read (the set is kept), and a restart
/// answers with memory independent of what was ingested.
/// </summary>
[Trait("Needs", "servers")]
public sealed class WorkingOrderMemoryTests(WorkingOrderMemoryTests.Files files) : IClassFixture<WorkingOrderMemoryTests.Files>
{
    private const long PeakBound = 300L * 1024 * 1024;
    private const long ResponseBound = 2L * 1024 * 1024;

    /// <summary>Above the 1M-order file (≈ 215 MiB), below the 1.2M one: the refused case needs no 512 MiB file.</summary>
    private const long MaxBytes = 240L * 1024 * 1024;

    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_1m_order_snapshot_is_accepted_within_300_mb_paged_from_the_store_and_one_over_the_limit_keeps_it()
    {
        var dataDir = DashboardTestData.NewDataDir("orders-memory");
        try
        {
            var accepted = WorkingOrderSnapshots.Key(T0);
            var refused = WorkingOrderSnapshots.Key(T0.AddSeconds(30));
            using (var child = await DashboardChildProcess.StartAsync(dataDir, DashboardTestData.ApiKey, $"--Frgm:MaxWorkingOrderBytes={MaxBytes}"))
            {
                using var api = Client(child);
                Drop(dataDir, accepted, files.Million);
                Assert.Equal("COMPLETED", await WaitForStatusAsync(api, accepted));
                var afterAccepted = child.PeakResidentBytes;
                Assert.True(afterAccepted <= PeakBound, $"peak resident with a 1M-order snapshot {afterAccepted / 1048576} MB > {PeakBound / 1048576} MB");

                // Every page from the store, each order exactly once, in file order.
                var seen = new HashSet<string>(StringComparer.Ordinal);
                string? cursor = null;
                var pages = 0;
                do
                {
                    var bytes = await api.GetByteArrayAsync("/api/orders?limit=5000" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
                    Assert.InRange(bytes.LongLength, 1, ResponseBound);
                    using var page = JsonDocument.Parse(bytes);
                    Assert.Equal("2026-11-20T14:30:00Z", page.RootElement.GetProperty("snapshot_time").GetString());
                    foreach (var order in page.RootElement.GetProperty("orders").EnumerateArray())
                    {
                        Assert.True(seen.Add(order.GetProperty("order_id").GetString()!), "an order came twice");
                    }

                    cursor = page.RootElement.GetProperty("next_cursor").GetString();
                    pages++;
                }
                while (cursor is not null && pages <= 201);

                Assert.Equal(1_000_000, seen.Count);
                Assert.Equal(200, pages);
                Assert.Contains("tt-000f423f", seen); // the last one written (999,999)
                Assert.InRange((await api.GetByteArrayAsync("/ui/fragments/orders")).LongLength, 1, ResponseBound);
                Assert.InRange((await api.GetByteArrayAsync("/ui/fragments/orders?account_id=ACC007")).LongLength, 1, ResponseBound);

                Drop(dataDir, refused, files.OverLimit);
                Assert.Equal("FAILED", await WaitForStatusAsync(api, refused));
                var failed = JsonDocument.Parse(await api.GetStringAsync("/api/files?status=FAILED")).RootElement.GetProperty("files");
                Assert.Contains("Frgm:MaxWorkingOrderBytes", failed[0].GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
                using var kept = JsonDocument.Parse(await api.GetStringAsync("/api/orders?limit=1"));
                Assert.Equal("2026-11-20T14:30:00Z", kept.RootElement.GetProperty("snapshot_time").GetString());

                var peak = child.PeakResidentBytes;
                Assert.True(peak <= PeakBound, $"peak resident {peak / 1048576} MB > {PeakBound / 1048576} MB (after the accepted snapshot {afterAccepted / 1048576} MB)");
            }

            using var restarted = await DashboardChildProcess.StartAsync(dataDir, DashboardTestData.ApiKey, $"--Frgm:MaxWorkingOrderBytes={MaxBytes}");
            using var again = Client(restarted);
            using var first = JsonDocument.Parse(await again.GetStringAsync("/api/orders?limit=1"));
            Assert.Equal("2026-11-20T14:30:00Z", first.RootElement.GetProperty("snapshot_time").GetString());
            var idle = restarted.ResidentBytes;
            Assert.True(idle <= PeakBound, $"idle resident after restart {idle / 1048576} MB");
        }
        finally
        {
            DashboardTestData.DeleteQuietly(dataDir);
        }
    }

    private static HttpClient Client(DashboardChildProcess child)
    {
        var http = new HttpClient { BaseAddress = new Uri(child.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-API-Key", DashboardTestData.ApiKey);
        return http;
    }

    /// <summary>Copied beside the bucket folder and moved in: the watcher sees the whole file at once.</summary>
    private static void Drop(string dataDir, string key, string source)
    {
        var staging = Path.Combine(dataDir, "staging.json");
        File.Copy(source, staging, overwrite: true);
        var target = Path.Combine(dataDir, "buckets", "tt", key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(staging, target);
    }

    private static async Task<string> WaitForStatusAsync(HttpClient api, string key)
    {
        string? status = null;
        await Poll.UntilAsync(
            async () =>
            {
                using var doc = JsonDocument.Parse(await api.GetStringAsync("/api/files?limit=50"));
                status = doc.RootElement.GetProperty("files").EnumerateArray()
                    .Where(f => f.GetProperty("key").GetString() == key)
                    .Select(f => f.GetProperty("status").GetString())
                    .FirstOrDefault();
                return status is not null and not "PROCESSING";
            },
            $"{key} to be ingested",
            TimeSpan.FromSeconds(300));
        return status!;
    }

    /// <summary>The snapshot files, generated once for the class (streamed to disk, never held in memory).</summary>
    public sealed class Files : IDisposable
    {
        private readonly string _folder = DashboardTestData.NewDataDir("orders-memory-files");

        public Files()
        {
            Million = Path.Combine(_folder, "million.json");
            OverLimit = Path.Combine(_folder, "over-limit.json");
            var size = WorkingOrderSnapshots.Write(Million, T0, 1_000_000);
            if (size >= MaxBytes)
            {
                throw new InvalidOperationException($"the 1M-order file is {size} bytes, not under the test's limit {MaxBytes}");
            }

            if (WorkingOrderSnapshots.Write(OverLimit, T0.AddSeconds(30), 1_200_000) <= MaxBytes)
            {
                throw new InvalidOperationException("the over-limit file is not over the test's limit");
            }
        }

        public string Million { get; }

        public string OverLimit { get; }

        public void Dispose() => DashboardTestData.DeleteQuietly(_folder);
    }
}
