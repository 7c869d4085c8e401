using Frgm.Application.Composition;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>
/// Runs the embedded <see cref="FolderWatcher"/> (embedded mode's S3 events) for the app's lifetime. It owns the
/// watcher rather than the container, so the watcher is disposed exactly once however often the host stops.
/// <c>Frgm:Ingest:QuietPeriodMs</c> sets how long a file written in place must stay unchanged before it is read,
/// <c>Frgm:Ingest:SummaryEvery</c> how many files one Information line sums up (each file is at Debug).
/// </summary>
public sealed class FolderWatcherService : IHostedService, IAsyncDisposable
{
    private readonly FolderWatcher _watcher;
    private int _stopped;

    public FolderWatcherService(EmbeddedStore store, IngestionService ingestion, IngestSettings settings, ILogger<FolderWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new FolderWatcherOptions();
        if (settings.QuietPeriodMs is { } ms)
        {
            options.QuietPeriod = TimeSpan.FromMilliseconds(ms);
        }

        _watcher = new FolderWatcher(store, ingestion, logger, options);
        _watcher.FileProcessed += new IngestSummaryLog(logger, settings.SummaryEvery ?? IngestSummaryLog.DefaultEvery).OnFileProcessed;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _watcher.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _watcher.DisposeAsync();
        }
    }
}
