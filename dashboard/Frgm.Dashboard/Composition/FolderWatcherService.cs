using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Microsoft.Extensions.Configuration;
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

    public FolderWatcherService(IngestionService ingestion, ILogger<FolderWatcher> logger, IConfiguration configuration)
    {
        _watcher = new FolderWatcher(ingestion, logger, Options(configuration));
        _watcher.FileProcessed += new IngestSummaryLog(logger, SummaryEvery(configuration)).OnFileProcessed;
    }

    /// <summary><c>Frgm:Ingest:SummaryEvery</c>: one Information line per this many files (each file is at Debug).</summary>
    private static int SummaryEvery(IConfiguration configuration) =>
        configuration?["Frgm:Ingest:SummaryEvery"] is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw new FormatException($"Frgm:Ingest:SummaryEvery='{text}' is not a whole number of files (1 or more)")
            : IngestSummaryLog.DefaultEvery;

    /// <summary><c>Frgm:Ingest:QuietPeriodMs</c>: how long a file written in place must stay unchanged before it is read.</summary>
    private static FolderWatcherOptions Options(IConfiguration configuration)
    {
        var options = new FolderWatcherOptions();
        if (configuration?["Frgm:Ingest:QuietPeriodMs"] is { Length: > 0 } text)
        {
            options.QuietPeriod = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                ? TimeSpan.FromMilliseconds(ms)
                : throw new FormatException($"Frgm:Ingest:QuietPeriodMs='{text}' is not a whole number of milliseconds");
        }

        return options;
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
