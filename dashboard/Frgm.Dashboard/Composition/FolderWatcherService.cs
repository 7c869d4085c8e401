using Frgm.Storage.Embedded;
using Frgm.Storage.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>
/// Runs the embedded <see cref="FolderWatcher"/> (embedded mode's S3 events) for the app's lifetime. It owns the
/// watcher rather than the container, so the watcher is disposed exactly once however often the host stops.
/// </summary>
public sealed class FolderWatcherService : IHostedService, IAsyncDisposable
{
    private readonly FolderWatcher _watcher;
    private int _stopped;

    public FolderWatcherService(IngestionService ingestion, ILogger<FolderWatcher> logger) =>
        _watcher = new FolderWatcher(ingestion, logger);

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
