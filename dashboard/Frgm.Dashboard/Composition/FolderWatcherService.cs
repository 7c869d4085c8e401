using Frgm.Storage.Embedded;
using Microsoft.Extensions.Hosting;

namespace Frgm.Dashboard.Composition;

/// <summary>Runs the embedded <see cref="FolderWatcher"/> (embedded mode's S3 events) for the app's lifetime.</summary>
public sealed class FolderWatcherService : IHostedService
{
    private readonly FolderWatcher _watcher;

    public FolderWatcherService(FolderWatcher watcher) => _watcher = watcher;

    public Task StartAsync(CancellationToken cancellationToken) => _watcher.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await _watcher.DisposeAsync();
}
