using System.Diagnostics;
using System.Threading.Channels;
using Frgm.Domain.Model;
using Frgm.Storage.Ingestion;
using Microsoft.Extensions.Logging;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Embedded mode's S3 events: watches <c>&lt;DataDir&gt;/buckets/</c> and ingests each new or changed file.
/// FileSystemWatcher gives the fast path, a periodic rescan catches what it drops, and the first scan
/// reconciles files present at start (the ledger makes already processed content a cheap no-op). A file is
/// read only once its size and mtime hold still across <see cref="FolderWatcherOptions.StabilityDelay"/>;
/// dot-files, *.tmp and *.part are uploads in progress and ignored. One worker ingests files in turn.
/// </summary>
public sealed class FolderWatcher : IAsyncDisposable
{
    private readonly FolderObjectStore _objects;
    private readonly Func<BucketRole, string, CancellationToken, Task<IngestionResult>> _ingest;
    private readonly ILogger _logger;
    private readonly FolderWatcherOptions _options;
    private readonly Channel<string> _signals = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FileSignature> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTime At, TimeSpan Delay)> _retry = new(StringComparer.Ordinal);
    private readonly Lock _waitersSync = new();
    private readonly List<(BucketRole Bucket, string Key, TaskCompletionSource<FileProcessedEventArgs> Done)> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private FileSystemWatcher? _watcher;
    private Task _worker = Task.CompletedTask;
    private Task _rescanner = Task.CompletedTask;

    public FolderWatcher(IngestionService ingestion, ILogger<FolderWatcher> logger, FolderWatcherOptions? options = null)
        : this(
            (ingestion ?? throw new ArgumentNullException(nameof(ingestion))).Storage.Objects as FolderObjectStore
                ?? throw new ArgumentException("the ingestion service's object store is not a FolderObjectStore", nameof(ingestion)),
            ingestion.IngestAsync,
            logger,
            options)
    {
    }

    public FolderWatcher(
        FolderObjectStore objects,
        Func<BucketRole, string, CancellationToken, Task<IngestionResult>> ingest,
        ILogger logger,
        FolderWatcherOptions? options = null)
    {
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _ingest = ingest ?? throw new ArgumentNullException(nameof(ingest));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? new FolderWatcherOptions();
    }

    /// <summary>Raised on the worker after each file (success, recorded no-op, or an error that will be retried).</summary>
    public event EventHandler<FileProcessedEventArgs>? FileProcessed;

    /// <summary>Starts watching; files already present are queued at once (startup reconciliation).</summary>
    public Task StartAsync(CancellationToken ct)
    {
        if (_watcher is not null)
        {
            throw new InvalidOperationException("the folder watcher is already started");
        }

        _watcher = new FileSystemWatcher(_objects.BucketsRoot)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => Signal(e.FullPath);
        _watcher.Changed += (_, e) => Signal(e.FullPath);
        _watcher.Renamed += (_, e) => Signal(e.FullPath);
        _watcher.Error += (_, e) =>
        {
            _logger.LogWarning(e.GetException(), "Folder watcher lost events; the rescan will catch up");
            Rescan();
        };
        _watcher.EnableRaisingEvents = true;

        Rescan();
        _worker = Task.Run(() => WorkAsync(_stop.Token), CancellationToken.None);
        _rescanner = Task.Run(() => RescanLoopAsync(_stop.Token), CancellationToken.None);
        _logger.LogInformation("Watching {Root} (rescan every {Rescan} ms)", _objects.BucketsRoot, _options.RescanInterval.TotalMilliseconds);
        return Task.CompletedTask;
    }

    /// <summary>Completes at the next time the watcher handles <paramref name="key"/> (register before dropping the file).</summary>
    public Task<FileProcessedEventArgs> WaitForAsync(BucketRole bucket, string key, CancellationToken ct)
    {
        var done = new TaskCompletionSource<FileProcessedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersSync)
        {
            _waiters.Add((bucket, key, done));
        }

        ct.Register(() => done.TrySetCanceled(ct));
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _watcher?.Dispose();
        await _stop.CancelAsync();
        _signals.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_worker, _rescanner);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private void Signal(string path)
    {
        if (Directory.Exists(path))
        {
            // A folder moved or copied in may bring files whose own events never fire.
            foreach (var file in SafeEnumerate(path))
            {
                SignalFile(file);
            }

            return;
        }

        SignalFile(path);
    }

    private void SignalFile(string path)
    {
        if (!FolderObjectStore.IsTransient(path))
        {
            _signals.Writer.TryWrite(path);
        }
    }

    private void Rescan()
    {
        foreach (var file in SafeEnumerate(_objects.BucketsRoot))
        {
            // Unchanged since it was handled: skip here rather than make the worker wait on it again.
            if (!_done.TryGetValue(file, out var done) || FileSignature.Of(file) != done)
            {
                Signal(file);
            }
        }
    }

    private static IEnumerable<string> SafeEnumerate(string root)
    {
        try
        {
            return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private async Task RescanLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.RescanInterval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            Rescan();
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        var pending = new Dictionary<string, FileSignature?>(StringComparer.Ordinal);
        while (await _signals.Reader.WaitToReadAsync(ct))
        {
            Drain(pending);
            var first = pending.Keys.ToList();
            foreach (var path in first)
            {
                pending[path] = FileSignature.Of(path);
            }

            await Task.Delay(_options.StabilityDelay, ct);
            foreach (var path in first)
            {
                var before = pending[path];
                var now = FileSignature.Of(path);
                if (before is null || now is null || before != now)
                {
                    // Gone, or still being written: the next event or rescan brings it back.
                    pending.Remove(path);
                    continue;
                }

                pending.Remove(path);
                if (ShouldProcess(path, now.Value))
                {
                    await ProcessAsync(path, now.Value, ct);
                }
            }
        }
    }

    private void Drain(Dictionary<string, FileSignature?> pending)
    {
        while (_signals.Reader.TryRead(out var path))
        {
            pending.TryAdd(path, null);
        }
    }

    private bool ShouldProcess(string path, FileSignature signature)
    {
        if (_done.TryGetValue(path, out var done) && done == signature)
        {
            return false;
        }

        return !_retry.TryGetValue(path, out var retry) || retry.At <= DateTime.UtcNow;
    }

    private async Task ProcessAsync(string path, FileSignature signature, CancellationToken ct)
    {
        if (!TryLocate(path, out var bucket, out var key))
        {
            _done[path] = signature;
            _logger.LogWarning("Ignoring {Path}: not under a bucket folder ({Buckets})", path, string.Join(", ", Enum.GetValues<BucketRole>().Select(WireNames.Of)));
            return;
        }

        var started = Stopwatch.GetTimestamp();
        IngestionResult? result = null;
        Exception? error = null;
        try
        {
            result = await _ingest(bucket, key, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (error is not null || result!.ShouldRetry)
        {
            var delay = _retry.TryGetValue(path, out var previous)
                ? TimeSpan.FromTicks(Math.Min(previous.Delay.Ticks * 2, _options.MaxRetryDelay.Ticks))
                : _options.RetryDelay;
            _retry[path] = (DateTime.UtcNow + delay, delay);
            if (error is not null)
            {
                _logger.LogError(error, "File {Bucket}/{Key}: error after {Ms:0} ms, retry in {Delay} s: {Message}", WireNames.Of(bucket), key, elapsed.TotalMilliseconds, delay.TotalSeconds, error.Message);
            }
            else
            {
                _logger.LogInformation("File {Bucket}/{Key}: in progress elsewhere, retry in {Delay} s", WireNames.Of(bucket), key, delay.TotalSeconds);
            }
        }
        else
        {
            _retry.Remove(path);
            _done[path] = signature;
            var entry = result.Entry;
            _logger.LogInformation(
                "File {Bucket}/{Key}: {Status} rows={Rows} rejected={Rejected} ms={Ms:0}{Note}",
                WireNames.Of(bucket),
                key,
                WireNames.Of(entry.Status),
                entry.Rows,
                entry.RejectedRows,
                elapsed.TotalMilliseconds,
                result.Outcome == Ports.LedgerClaimOutcome.AlreadyProcessed ? " (already processed)" : string.Empty);
        }

        Notify(new FileProcessedEventArgs(bucket, key, result, error, elapsed));
    }

    private bool TryLocate(string path, out BucketRole bucket, out string key)
    {
        foreach (var role in Enum.GetValues<BucketRole>())
        {
            if (_objects.KeyOf(role, path) is { } found)
            {
                bucket = role;
                key = found;
                return true;
            }
        }

        bucket = default;
        key = string.Empty;
        return false;
    }

    /// <summary>Event handlers run before waiters resume, so a waiter sees what every handler recorded.</summary>
    private void Notify(FileProcessedEventArgs processed)
    {
        FileProcessed?.Invoke(this, processed);
        List<TaskCompletionSource<FileProcessedEventArgs>> matched;
        lock (_waitersSync)
        {
            matched = _waiters.Where(w => w.Bucket == processed.Bucket && w.Key == processed.Key).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => w.Bucket == processed.Bucket && w.Key == processed.Key);
        }

        foreach (var done in matched)
        {
            done.TrySetResult(processed);
        }
    }

    private readonly record struct FileSignature(long Length, DateTime LastWriteUtc)
    {
        public static FileSignature? Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileSignature(info.Length, info.LastWriteTimeUtc) : null;
        }
    }
}
