using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Embedded;

/// <summary>
/// The watcher's retries (Polly, one lane per file) over a real data directory and the real ingestion service: store
/// faults are injected in front of the service, another owner's claim is a real claim in the real ledger.
/// </summary>
public sealed partial class FolderWatcherRetryTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private readonly List<FolderWatcher> _watchers = [];

    [Fact]
    public async Task A_store_fault_is_retried_after_a_doubling_delay_and_the_file_is_ingested_once_the_store_answers()
    {
        var store = EmbeddedStorage.Open(fixture.NewDataDir());
        var service = Service(store.Set);
        var attempts = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var log = new ListLogger<FolderWatcher>();
        var watcher = await StartAsync(
            store,
            async (bucket, key, ct) =>
            {
                lock (attempts)
                {
                    attempts.Add(clock.Elapsed);
                    if (attempts.Count <= 3)
                    {
                        throw new IOException("history store: disk I/O error (injected)");
                    }
                }

                return await service.IngestAsync(bucket, key, ct);
            },
            log,
            new FolderWatcherOptions { RetryDelay = TimeSpan.FromMilliseconds(200), MaxRetryDelay = TimeSpan.FromMilliseconds(500), RescanInterval = TimeSpan.FromMilliseconds(100) });
        var (bucket, key) = SampleFeeds.Locate(SampleFeeds.Market);
        using var timeout = new CancellationTokenSource(Generous);
        var done = WaitForSuccessAsync(watcher, bucket, key, timeout.Token);

        Drop(store, SampleFeeds.Market, SampleFeeds.Read(SampleFeeds.Market));
        var result = await done;

        Assert.Equal((FileStatus.Completed, 6), (result.Result!.Entry.Status, result.Result.Entry.Rows));
        Assert.Equal([0.2, 0.4, 0.5], RetryDelays(log, "error after"));
        Assert.Contains(log.Lines, l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains(key, StringComparison.Ordinal) && l.Contains("disk I/O error (injected)", StringComparison.Ordinal));
        List<TimeSpan> seen;
        lock (attempts)
        {
            seen = [.. attempts];
        }

        // Rescans signal the file every 100 ms, yet no attempt comes before its delay is over.
        Assert.Equal(4, seen.Count);
        Assert.All(new[] { 0.2, 0.4, 0.5 }.Select((delay, i) => (delay, gap: (seen[i + 1] - seen[i]).TotalSeconds)), g => Assert.True(g.gap >= g.delay - 0.02, $"attempt after {g.gap:0.000} s, before its {g.delay} s delay"));

        // Handled: later rescans leave it alone.
        await Task.Delay(600);
        lock (attempts)
        {
            Assert.Equal(4, attempts.Count);
        }
    }

    [Fact]
    public async Task A_file_another_owner_has_claimed_is_looked_at_again_within_the_short_cap_and_ingested_when_the_claim_lapses()
    {
        var store = EmbeddedStorage.Open(fixture.NewDataDir());
        var content = SampleFeeds.Read(SampleFeeds.Market);
        var (bucket, key) = SampleFeeds.Locate(SampleFeeds.Market);
        var claim = await store.Ledger.TryClaimAsync(bucket, key, Convert.ToHexStringLower(SHA256.HashData(content)), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(6), default);
        Assert.Equal(LedgerClaimOutcome.Claimed, claim.Outcome);
        var log = new ListLogger<FolderWatcher>();
        var service = Service(store.Set);
        var watcher = await StartAsync(
            store,
            service.IngestAsync,
            log,
            new FolderWatcherOptions { RetryDelay = TimeSpan.FromMilliseconds(100), MaxInProgressRetryDelay = TimeSpan.FromMilliseconds(300), MaxRetryDelay = TimeSpan.FromMinutes(1) });
        using var timeout = new CancellationTokenSource(Generous);
        var done = WaitForSuccessAsync(watcher, bucket, key, timeout.Token);

        Drop(store, SampleFeeds.Market, content);
        var result = await done;

        Assert.Equal((LedgerClaimOutcome.Claimed, FileStatus.Completed), (result.Result!.Outcome, result.Result.Entry.Status));
        var delays = RetryDelays(log, "in progress elsewhere");
        Assert.True(delays.Count >= 3, string.Join(" | ", log.Lines));
        Assert.Equal([0.1, 0.2, 0.3], delays.Take(3));
        Assert.All(delays, d => Assert.True(d <= 0.3, $"waited {d} s for a lapsing claim"));
    }

    [Fact]
    public async Task A_file_removed_while_it_waits_for_its_retry_is_not_tried_again()
    {
        var store = EmbeddedStorage.Open(fixture.NewDataDir());
        var attempts = 0;
        var log = new ListLogger<FolderWatcher>();
        var watcher = await StartAsync(
            store,
            (_, _, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new IOException("history store: disk I/O error (injected)");
            },
            log,
            new FolderWatcherOptions { RetryDelay = TimeSpan.FromSeconds(2), RescanInterval = TimeSpan.FromMilliseconds(100) });
        var (bucket, key) = await DropTheSodAndSeeItFailAsync(watcher, store);

        File.Delete(store.Folders.PathOf(bucket, key));
        await Poll.UntilAsync(() => log.Lines.Any(l => l.Contains(key, StringComparison.Ordinal) && l.Contains("gone or handled, no more retries", StringComparison.Ordinal)), "the lane to see the file gone", Generous);
        await Task.Delay(800);

        Assert.Equal(1, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task Stopping_the_watcher_ends_a_long_backoff_at_once()
    {
        var store = EmbeddedStorage.Open(fixture.NewDataDir());
        var log = new ListLogger<FolderWatcher>();
        var watcher = await StartAsync(
            store,
            (_, _, _) => throw new IOException("history store: disk I/O error (injected)"),
            log,
            new FolderWatcherOptions { RetryDelay = TimeSpan.FromMinutes(5), MaxRetryDelay = TimeSpan.FromMinutes(5) });
        var (bucket, key) = await DropTheSodAndSeeItFailAsync(watcher, store);
        await Poll.UntilAsync(() => log.Lines.Any(l => l.Contains("retry in 300 s", StringComparison.Ordinal)), "the 300 s backoff to begin", Generous);

        var stopping = Stopwatch.StartNew();
        _watchers.Remove(watcher);
        await watcher.DisposeAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopping.Elapsed}");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            await watcher.DisposeAsync();
        }
    }

    private async Task<FolderWatcher> StartAsync(
        EmbeddedStore store,
        Func<BucketRole, string, CancellationToken, Task<IngestionResult>> ingest,
        ListLogger<FolderWatcher> log,
        FolderWatcherOptions options)
    {
        var watcher = new FolderWatcher(store.Folders, ingest, log, options);
        _watchers.Add(watcher);
        await watcher.StartAsync(default);
        return watcher;
    }

    private static async Task<(BucketRole Bucket, string Key)> DropTheSodAndSeeItFailAsync(FolderWatcher watcher, EmbeddedStore store)
    {
        var (bucket, key) = SampleFeeds.Locate(SampleFeeds.Sod);
        using var timeout = new CancellationTokenSource(Generous);
        var first = watcher.WaitForAsync(bucket, key, timeout.Token);
        Drop(store, SampleFeeds.Sod, SampleFeeds.Read(SampleFeeds.Sod));
        Assert.NotNull((await first).Error);
        return (bucket, key);
    }

    /// <summary>Waits through failed attempts to the first one that is not retried.</summary>
    private static async Task<FileProcessedEventArgs> WaitForSuccessAsync(FolderWatcher watcher, BucketRole bucket, string key, CancellationToken ct)
    {
        while (true)
        {
            var processed = await watcher.WaitForAsync(bucket, key, ct);
            if (processed.Error is null && processed.Result is { ShouldRetry: false })
            {
                return processed;
            }
        }
    }

    /// <summary>The "retry in N s" delays of the log lines that contain <paramref name="marker"/>, in order.</summary>
    private static List<double> RetryDelays(ListLogger<FolderWatcher> log, string marker) =>
        log.Lines.Where(l => l.Contains(marker, StringComparison.Ordinal))
            .Select(l => double.Parse(RetryIn().Match(l).Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();

    private static IngestionService Service(StorageSet storage) =>
        new(storage, SampleFeeds.Instruments(), new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance);

    private static void Drop(EmbeddedStore store, string samplePath, byte[] content)
    {
        var (bucket, key) = SampleFeeds.Locate(samplePath);
        var path = store.Folders.PathOf(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    [GeneratedRegex(@"retry in ([0-9.]+) s")]
    private static partial Regex RetryIn();
}
