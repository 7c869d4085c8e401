using System.Security.Cryptography;
using System.Text;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Embedded;

/// <summary>The folder watcher over a real data directory and the real ingestion service.</summary>
public sealed class FolderWatcherTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private readonly List<FolderWatcher> _watchers = [];

    [Fact]
    public async Task A_dropped_file_is_ingested_and_logged()
    {
        var (storage, watcher, log) = await StartAsync();
        var (bucket, key) = SampleFeeds.Locate(SampleFeeds.Market);
        using var timeout = new CancellationTokenSource(Generous);
        var processed = watcher.WaitForAsync(bucket, key, timeout.Token);

        Drop(storage, SampleFeeds.Market, SampleFeeds.Read(SampleFeeds.Market));
        var result = await processed;

        Assert.Null(result.Error);
        Assert.Equal((LedgerClaimOutcome.Claimed, FileStatus.Completed, 6), (result.Result!.Outcome, result.Result.Entry.Status, result.Result.Entry.Rows));
        Assert.Equal(6, (await storage.Latest.GetPricesAsync(default)).Count);
        Assert.Contains(log.Lines, l => l.Contains(key, StringComparison.Ordinal) && l.Contains("COMPLETED", StringComparison.Ordinal) && l.Contains("rows=6", StringComparison.Ordinal) && l.Contains("rejected=0", StringComparison.Ordinal));
    }

    // The writer pauses 20 ms between chunks; the stability window is wide (800 ms) so that a scheduler stall on
    // a loaded CI machine cannot pass for a finished file.
    [Fact]
    public async Task A_file_still_being_written_is_read_only_once_complete()
    {
        var (storage, watcher, _) = await StartAsync(new FolderWatcherOptions { StabilityDelay = TimeSpan.FromMilliseconds(800) });
        const string path = "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143500.csv";
        var (bucket, key) = SampleFeeds.Locate(path);
        var content = MarketFile(rows: 300);
        using var timeout = new CancellationTokenSource(Generous);
        var processed = watcher.WaitForAsync(bucket, key, timeout.Token);

        var file = FullPath(storage, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            for (var offset = 0; offset < content.Length; offset += 512)
            {
                await stream.WriteAsync(content.AsMemory(offset, Math.Min(512, content.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(20);
            }
        }

        var result = await processed;

        Assert.Equal(300, result.Result!.Entry.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), result.Result.Entry.Sha256);
    }

    [Fact]
    public async Task Uploads_in_progress_are_ignored_until_renamed_into_place()
    {
        var (storage, watcher, _) = await StartAsync();
        var events = new List<FileProcessedEventArgs>();
        watcher.FileProcessed += (_, e) =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
        var (bucket, key) = SampleFeeds.Locate(SampleFeeds.Trades);
        using var timeout = new CancellationTokenSource(Generous);
        var processed = watcher.WaitForAsync(bucket, key, timeout.Token);
        var final = FullPath(storage, SampleFeeds.Trades);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".part", SampleFeeds.Read(SampleFeeds.Trades));
        await File.WriteAllBytesAsync(final + ".tmp", SampleFeeds.Read(SampleFeeds.Trades));
        await Task.Delay(1500);

        File.Move(final + ".part", final);
        var result = await processed;

        Assert.Equal((FileStatus.Completed, 4), (result.Result!.Entry.Status, result.Result.Entry.Rows));
        lock (events)
        {
            Assert.Equal([key], events.Select(e => e.Key));
        }

        Assert.Single(await storage.Ledger.ListAsync(null, 10, default));
    }

    [Fact]
    public async Task A_hidden_file_is_recorded_ignored_not_dropped_silently()
    {
        var (storage, watcher, _) = await StartAsync();
        var (bucket, key) = SampleFeeds.Locate(SampleFeeds.Trades);
        var hiddenKey = key[..(key.LastIndexOf('/') + 1)] + ".upload.csv";
        using var timeout = new CancellationTokenSource(Generous);
        var processed = watcher.WaitForAsync(bucket, hiddenKey, timeout.Token);
        var final = FullPath(storage, SampleFeeds.Trades);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(final)!, ".upload.csv"), SampleFeeds.Read(SampleFeeds.Trades));

        var result = await processed;

        Assert.Equal(FileStatus.Ignored, result.Result!.Entry.Status);
        Assert.Contains("hidden name", Assert.Single(result.Result.Entry.Errors), StringComparison.Ordinal);
        Assert.Empty(await storage.History.GetTradesAsync(new DateOnly(2026, 11, 20), default));
    }

    [Fact]
    public async Task Files_present_at_start_are_reconciled_against_the_ledger()
    {
        var dir = fixture.NewDataDir();
        var storage = EmbeddedStorage.Create(dir);
        var service = Service(storage);
        Drop(storage, SampleFeeds.Sod, SampleFeeds.Read(SampleFeeds.Sod));
        Drop(storage, SampleFeeds.Market, SampleFeeds.Read(SampleFeeds.Market));
        var (sodBucket, sodKey) = SampleFeeds.Locate(SampleFeeds.Sod);
        var (marketBucket, marketKey) = SampleFeeds.Locate(SampleFeeds.Market);
        await service.IngestAsync(sodBucket, sodKey, default);

        var watcher = new FolderWatcher(service, NullLogger<FolderWatcher>.Instance);
        _watchers.Add(watcher);
        using var timeout = new CancellationTokenSource(Generous);
        var sod = watcher.WaitForAsync(sodBucket, sodKey, timeout.Token);
        var market = watcher.WaitForAsync(marketBucket, marketKey, timeout.Token);
        await watcher.StartAsync(default);

        Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, (await sod).Result!.Outcome);
        Assert.Equal(LedgerClaimOutcome.Claimed, (await market).Result!.Outcome);
        Assert.Equal(2, (await storage.Ledger.ListAsync(null, 10, default)).Count);
    }

    [Fact]
    public async Task A_changed_file_is_ingested_again_as_a_new_version()
    {
        var (storage, watcher, _) = await StartAsync();
        var (bucket, key) = SampleFeeds.Locate(SampleFeeds.Sod);
        using var timeout = new CancellationTokenSource(Generous);
        var first = watcher.WaitForAsync(bucket, key, timeout.Token);
        Drop(storage, SampleFeeds.Sod, SampleFeeds.Read(SampleFeeds.Sod));
        var firstResult = await first;

        var second = watcher.WaitForAsync(bucket, key, timeout.Token);
        Drop(storage, SampleFeeds.Sod, Encoding.UTF8.GetBytes("account,instrument,position,price\nMM1,ZNZ6,-50,112.34375\n"));
        var secondResult = await second;

        Assert.Equal(LedgerClaimOutcome.Claimed, secondResult.Result!.Outcome);
        Assert.NotEqual(firstResult.Result!.Entry.Sha256, secondResult.Result.Entry.Sha256);
        Assert.Equal(2, (await storage.Ledger.ListAsync(null, 10, default)).Count);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            await watcher.DisposeAsync();
        }
    }

    private async Task<(StorageSet Storage, FolderWatcher Watcher, ListLogger<FolderWatcher> Log)> StartAsync(FolderWatcherOptions? options = null)
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        var log = new ListLogger<FolderWatcher>();
        var watcher = new FolderWatcher(Service(storage), log, options ?? new FolderWatcherOptions { RescanInterval = TimeSpan.FromMilliseconds(500) });
        _watchers.Add(watcher);
        await watcher.StartAsync(default);
        return (storage, watcher, log);
    }

    private static IngestionService Service(StorageSet storage) =>
        new(storage, SampleFeeds.Instruments(), new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance);

    private static string FullPath(StorageSet storage, string samplePath)
    {
        var (bucket, key) = SampleFeeds.Locate(samplePath);
        return ((FolderObjectStore)storage.Objects).PathOf(bucket, key);
    }

    /// <summary>Copies like an operator would: straight into the final name.</summary>
    private static void Drop(StorageSet storage, string samplePath, byte[] content)
    {
        var path = FullPath(storage, samplePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static byte[] MarketFile(int rows)
    {
        var text = new StringBuilder("instrument,price,bid,ask,volume,timestamp\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"INST{i:000},{100 + (i % 7)}.5,{100 + (i % 7)}.25,{100 + (i % 7)}.75,{i},2026-11-20T14:35:00Z\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
