using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Embedded;

/// <summary>
/// Issue 11 item 4: only regular files are feeds. Special files, links, hidden names and keys with '\' each get one
/// IGNORED ledger entry naming the reason, are never opened or followed, and never block the worker.
/// </summary>
public sealed class FolderWatcherHostileFilesTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>, IAsyncLifetime
{
    private const string Folder = "actant/market-data/2026/11/20";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);
    private readonly List<FolderWatcher> _watchers = [];
    private readonly List<Socket> _sockets = [];

    [Fact]
    public async Task A_fifo_is_ignored_with_its_reason_and_later_files_are_still_ingested()
    {
        var (storage, watcher) = await StartAsync();
        var fifo = await WaitForEntryAsync(watcher, storage, "pipe.csv", path => Run("mkfifo", path));
        var market = await DropAndWaitAsync(watcher, storage, SampleFeeds.Market, SampleFeeds.Read(SampleFeeds.Market));

        AssertIgnored(fifo, "FIFO");
        Assert.Equal((FileStatus.Completed, 6), (market.Result!.Entry.Status, market.Result.Entry.Rows));
    }

    [Fact]
    public async Task A_link_to_dev_zero_is_ignored_and_never_read()
    {
        var (storage, watcher) = await StartAsync();
        var link = await WaitForEntryAsync(watcher, storage, "zero.csv", path => File.CreateSymbolicLink(path, "/dev/zero"));

        AssertIgnored(link, "symbolic link");
        Assert.Equal(0, link.Result!.Entry.Rows);
    }

    [Fact]
    public async Task A_link_to_a_folder_is_one_ignored_entry_and_is_not_crawled()
    {
        var (storage, watcher) = await StartAsync();
        var link = await WaitForEntryAsync(watcher, storage, "etc", path => Directory.CreateSymbolicLink(path, "/etc"));
        await DropAndWaitAsync(watcher, storage, SampleFeeds.Market, SampleFeeds.Read(SampleFeeds.Market));
        await Task.Delay(1500); // two more rescans: nothing under the link may appear

        AssertIgnored(link, "symbolic link");
        var keys = (await storage.Ledger.ListAsync(null, 100, default)).Select(e => e.Key).Order().ToList();
        Assert.Equal([SampleFeeds.Locate(SampleFeeds.Market).Key, $"market-data/2026/11/20/etc"], keys);
    }

    [Fact]
    public async Task A_unix_socket_is_ignored()
    {
        var (storage, watcher) = await StartAsync();
        var socket = await WaitForEntryAsync(watcher, storage, "feed.sock", path =>
        {
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            _sockets.Add(listener);
            listener.Bind(new UnixDomainSocketEndPoint(path));
        });

        AssertIgnored(socket, "socket");
    }

    [Fact]
    public async Task Keys_with_a_backslash_or_a_leading_dot_get_one_ignored_entry_each_and_no_retries()
    {
        var (storage, watcher) = await StartAsync();
        var content = SampleFeeds.Read(SampleFeeds.Market);
        var backslash = await WaitForEntryAsync(watcher, storage, "GE_XCME.ZN_20261120\\143000.csv", path => File.WriteAllBytes(path, content));
        var hidden = await WaitForEntryAsync(watcher, storage, ".GE_XCME.ZN_20261120_143000.csv", path => File.WriteAllBytes(path, content));
        await Task.Delay(2500); // several rescans and retry delays

        AssertIgnored(backslash, "'\\'");
        AssertIgnored(hidden, "hidden name");
        var entries = await storage.Ledger.ListAsync(null, 100, default);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((FileStatus.Ignored, 1), (e.Status, e.Attempts)));
    }

    // The writer pauses 300 ms between chunks: longer than the stability gap (100 ms) that used to be the only test,
    // shorter than the quiet period (1 s default). The file must be read once, whole.
    [Fact]
    public async Task A_slow_writer_is_ingested_once_when_complete()
    {
        var (storage, watcher) = await StartAsync();
        var events = new List<FileProcessedEventArgs>();
        watcher.FileProcessed += (_, e) =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
        const string path = Folder + "/GE_XCME.ZN_20261120_143500.csv";
        var (bucket, key) = SampleFeeds.Locate(path);
        var content = MarketFile(rows: 100);
        using var timeout = new CancellationTokenSource(Generous);
        var processed = watcher.WaitForAsync(bucket, key, timeout.Token);

        var file = ((FolderObjectStore)storage.Objects).PathOf(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            var chunk = (content.Length / 5) + 1;
            for (var offset = 0; offset < content.Length; offset += chunk)
            {
                await stream.WriteAsync(content.AsMemory(offset, Math.Min(chunk, content.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(300);
            }
        }

        var result = await processed;
        await Task.Delay(1500);

        Assert.Equal(100, result.Result!.Entry.Rows);
        lock (events)
        {
            Assert.Single(events);
        }

        Assert.Single(await storage.Ledger.ListAsync(null, 10, default));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            await watcher.DisposeAsync();
        }

        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private static void AssertIgnored(FileProcessedEventArgs processed, string reason)
    {
        Assert.Null(processed.Error);
        var entry = processed.Result!.Entry;
        Assert.Equal(FileStatus.Ignored, entry.Status);
        Assert.Contains(entry.Errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    private static void Run(string command, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(command, [argument]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
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

    private async Task<(StorageSet Storage, FolderWatcher Watcher)> StartAsync()
    {
        var storage = EmbeddedStorage.Create(fixture.NewDataDir());
        var service = new IngestionService(storage, SampleFeeds.Instruments(), new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance);
        var watcher = new FolderWatcher(service, NullLogger<FolderWatcher>.Instance, new FolderWatcherOptions { RescanInterval = TimeSpan.FromMilliseconds(500) });
        _watchers.Add(watcher);
        await watcher.StartAsync(default);
        return (storage, watcher);
    }

    private static async Task<FileProcessedEventArgs> WaitForEntryAsync(FolderWatcher watcher, StorageSet storage, string name, Action<string> create)
    {
        var bucketFolder = ((FolderObjectStore)storage.Objects).BucketPath(BucketRole.Actant);
        var key = Folder["actant/".Length..] + "/" + name;
        using var timeout = new CancellationTokenSource(Generous);
        var processed = watcher.WaitForAsync(BucketRole.Actant, key, timeout.Token);
        var path = Path.Combine(bucketFolder, "market-data", "2026", "11", "20", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        create(path);
        return await processed;
    }

    private static async Task<FileProcessedEventArgs> DropAndWaitAsync(FolderWatcher watcher, StorageSet storage, string samplePath, byte[] content)
    {
        var (bucket, key) = SampleFeeds.Locate(samplePath);
        using var timeout = new CancellationTokenSource(Generous);
        var processed = watcher.WaitForAsync(bucket, key, timeout.Token);
        var path = ((FolderObjectStore)storage.Objects).PathOf(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        return await processed;
    }
}
