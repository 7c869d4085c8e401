using System.Diagnostics;
using System.Threading.Channels;
using Frgm.Domain.Model;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Logging;
using Polly;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Embedded mode's S3 events: watches <c>&lt;DataDir&gt;/buckets/</c> and ingests each new or changed file.
/// FileSystemWatcher gives the fast path, a periodic rescan catches what it drops, and the first scan
/// reconciles files present at start (the ledger makes already processed content a cheap no-op). A file is
/// read only once it is complete: its size and mtime held still for <see cref="FolderWatcherOptions.QuietPeriod"/>,
/// or it was renamed into place: *.tmp and *.part are uploads in progress (write, then rename) and skipped. Only regular files are
/// read: FIFOs, devices, sockets and links (to files or folders) are recorded IGNORED with the reason, never opened
/// or followed, and so are hidden names and keys a bucket cannot hold ('\'). One worker ingests files in turn.
/// </summary>
public sealed partial class FolderWatcher : IAsyncDisposable
{
    private readonly FolderObjectStore _objects;
    private readonly Func<BucketRole, string, CancellationToken, Task<IngestionResult>> _ingest;
    private readonly Func<BucketRole, string, string, CancellationToken, Task<IngestionResult>>? _ignore;
    private readonly SqliteFileLedger? _ownLedger;
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly ILogger _logger;
    private readonly FolderWatcherOptions _options;
    private readonly Channel<(string Path, bool Renamed)> _signals = Channel.CreateUnbounded<(string, bool)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FileSignature> _done = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline<FileProcessedEventArgs?> _retryPipeline;
    private readonly Lock _waitersSync = new();
    private readonly List<(BucketRole Bucket, string Key, TaskCompletionSource<FileProcessedEventArgs> Done)> _waiters = [];
    private readonly CancellationTokenSource _stop = new();
    private FileSystemWatcher? _watcher;
    private Task _worker = Task.CompletedTask;
    private Task _rescanner = Task.CompletedTask;

    /// <param name="store">The embedded set <paramref name="ingestion"/> was built over: its folders are watched, its ledger's stale claims released.</param>
    public FolderWatcher(EmbeddedStore store, IngestionService ingestion, ILogger<FolderWatcher> logger, FolderWatcherOptions? options = null)
        : this(
            (store ?? throw new ArgumentNullException(nameof(store))).Folders,
            (ingestion ?? throw new ArgumentNullException(nameof(ingestion))).IngestAsync,
            logger,
            options,
            ingestion.RecordIgnoredAsync)
    {
        _ownLedger = store.Ledger;
        _clock = ingestion.Clock;
    }

    public FolderWatcher(
        FolderObjectStore objects,
        Func<BucketRole, string, CancellationToken, Task<IngestionResult>> ingest,
        ILogger logger,
        FolderWatcherOptions? options = null,
        Func<BucketRole, string, string, CancellationToken, Task<IngestionResult>>? ignore = null)
    {
        _objects = objects ?? throw new ArgumentNullException(nameof(objects));
        _ingest = ingest ?? throw new ArgumentNullException(nameof(ingest));
        _ignore = ignore;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? new FolderWatcherOptions();
        _retryPipeline = RetryPipeline();
    }

    /// <summary>Raised on the worker after each file (success, recorded no-op, or an error that will be retried).</summary>
    public event EventHandler<FileProcessedEventArgs>? FileProcessed;

    /// <summary>
    /// Starts watching; files already present are queued at once (startup reconciliation). The watcher is the one
    /// process ingesting its data directory, so claims a killed run of it left PROCESSING are released first: their
    /// files are retried now, not when the lease runs out.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_watcher is not null)
        {
            throw new InvalidOperationException("the folder watcher is already started");
        }

        if (_ownLedger is not null)
        {
            var released = await _ownLedger.ReleaseStaleClaimsAsync(_clock.GetUtcNow(), ct);
            if (released > 0)
            {
                _logger.LogWarning("Released {Count} claim(s) left PROCESSING by a previous run that stopped mid-file; retrying them now", released);
            }
        }

        _watcher = new FileSystemWatcher(_objects.BucketsRoot)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => Signal(e.FullPath);
        _watcher.Changed += (_, e) => Signal(e.FullPath);
        _watcher.Renamed += (_, e) => Signal(e.FullPath, renamed: true);
        _watcher.Error += (_, e) =>
        {
            _logger.LogWarning(e.GetException(), "Folder watcher lost events; the rescan will catch up");
            Rescan();
        };
        _watcher.EnableRaisingEvents = true;

        Rescan();
        _worker = Task.Run(() => WorkAsync(_stop.Token), CancellationToken.None);
        _rescanner = Task.Run(() => RescanLoopAsync(_stop.Token), CancellationToken.None);
        _logger.LogInformation("Watching {Root} (rescan every {Rescan} ms, quiet period {Quiet} ms)", _objects.BucketsRoot, _options.RescanInterval.TotalMilliseconds, _options.QuietPeriod.TotalMilliseconds);
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
            await StopRetriesAsync();
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private void Signal(string path, bool renamed = false)
    {
        if (FileEntryKinds.Of(path) == FileEntryKind.Directory)
        {
            // A folder moved or copied in may bring files whose own events never fire.
            foreach (var entry in FolderEntries.Under(path))
            {
                SignalEntry(entry);
            }

            return;
        }

        SignalEntry(path, renamed);
    }

    /// <param name="renamed">Renamed into place: the upload convention says it is complete, so no quiet period.</param>
    private void SignalEntry(string path, bool renamed = false)
    {
        if (!FolderObjectStore.IsUploadInProgress(path))
        {
            _signals.Writer.TryWrite((path, renamed));
        }
    }

    private void Rescan()
    {
        foreach (var entry in FolderEntries.Under(_objects.BucketsRoot))
        {
            // Unchanged since it was handled: skip here rather than make the worker wait on it again.
            if (!_done.TryGetValue(entry, out var done) || FileSignature.Of(entry) != done)
            {
                SignalEntry(entry);
            }
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

    /// <summary>
    /// Waits for each signalled entry to be complete: a regular file is ready once its signature held still between
    /// two looks <see cref="FolderWatcherOptions.StabilityDelay"/> apart and its last change is at least
    /// <see cref="FolderWatcherOptions.QuietPeriod"/> old (by mtime, or by our own clock when mtime is in the future),
    /// or at once after the stability check when it was renamed into place (the <c>.part</c> convention).
    /// Anything else is handled at once: it is recorded IGNORED, never read.
    /// </summary>
    private async Task WorkAsync(CancellationToken ct)
    {
        var pending = new Dictionary<string, (FileSignature Signature, DateTime Since, bool Renamed)>(StringComparer.Ordinal);
        while (pending.Count > 0 || await _signals.Reader.WaitToReadAsync(ct))
        {
            while (_signals.Reader.TryRead(out var signalled))
            {
                if (pending.TryGetValue(signalled.Path, out var known))
                {
                    pending[signalled.Path] = known with { Renamed = known.Renamed || signalled.Renamed };
                }
                else if (FileSignature.Of(signalled.Path) is { } first)
                {
                    pending[signalled.Path] = (first, DateTime.UtcNow, signalled.Renamed);
                }
            }

            await Task.Delay(_options.StabilityDelay, ct);
            foreach (var (path, seen) in pending.ToList())
            {
                var now = FileSignature.Of(path);
                if (now is null)
                {
                    pending.Remove(path); // gone
                    continue;
                }

                var utcNow = DateTime.UtcNow;
                if (now.Value != seen.Signature)
                {
                    pending[path] = (now.Value, utcNow, false); // still being written
                    continue;
                }

                var quietFor = now.Value.Kind != FileEntryKind.Regular || seen.Renamed
                    ? TimeSpan.MaxValue
                    : now.Value.LastWriteUtc <= utcNow ? utcNow - now.Value.LastWriteUtc : utcNow - seen.Since;
                if (quietFor < _options.QuietPeriod)
                {
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

    private bool ShouldProcess(string path, FileSignature signature)
    {
        if (_done.TryGetValue(path, out var done) && done == signature)
        {
            return false;
        }

        return TakeTurn(path);
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
        var ignored = IgnoredReason(key, signature.Kind);
        try
        {
            if (ignored is null)
            {
                result = await _ingest(bucket, key, ct);
            }
            else if (_ignore is not null)
            {
                result = await _ignore(bucket, key, ignored, ct);
            }
            else
            {
                _done[path] = signature;
                _logger.LogWarning("Ignoring {Bucket}/{Key}: {Reason}", WireNames.Of(bucket), key, ignored);
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var processed = new FileProcessedEventArgs(bucket, key, result, error, elapsed);
        if (error is not null || result!.ShouldRetry)
        {
            StartRetries(path, processed);
        }
        else
        {
            _done[path] = signature;
            var entry = result.Entry;
            // Debug: a busy folder (the demo writes every second) must not bury the console; the dashboard logs a summary.
            _logger.LogDebug(
                "File {Bucket}/{Key}: {Status} rows={Rows} rejected={Rejected} ms={Ms:0}{Note}",
                WireNames.Of(bucket),
                key,
                WireNames.Of(entry.Status),
                entry.Rows,
                entry.RejectedRows,
                elapsed.TotalMilliseconds,
                result.Outcome == Frgm.Application.Ports.LedgerClaimOutcome.AlreadyProcessed ? " (already processed)" : string.Empty);
        }

        Notify(processed);
    }

    /// <summary>Why a key is recorded IGNORED without being read, or null for a regular file with a valid key.</summary>
    internal static string? IgnoredReason(string key, FileEntryKind kind)
    {
        if (kind != FileEntryKind.Regular)
        {
            return $"{FileEntryKinds.Describe(kind)}, not a regular file: only regular files are feeds (never opened or followed)";
        }

        if (FolderObjectStore.KeyProblem(key) is { } problem)
        {
            return $"not a valid object key: {problem}";
        }

        return key.Split('/').Any(segment => segment.StartsWith('.'))
            ? "hidden name (a file or folder name starts with '.'): never a feed"
            : null;
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

    /// <summary>Size and mtime of a regular file; for anything else only its kind (it is never read).</summary>
    private readonly record struct FileSignature(FileEntryKind Kind, long Length, DateTime LastWriteUtc)
    {
        public static FileSignature? Of(string path)
        {
            var kind = FileEntryKinds.Of(path);
            if (kind is FileEntryKind.Missing or FileEntryKind.Directory)
            {
                return null;
            }

            if (kind != FileEntryKind.Regular)
            {
                return new FileSignature(kind, 0, default);
            }

            var info = new FileInfo(path);
            return info.Exists ? new FileSignature(kind, info.Length, info.LastWriteTimeUtc) : null;
        }
    }
}
