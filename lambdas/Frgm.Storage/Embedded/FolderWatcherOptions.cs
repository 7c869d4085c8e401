namespace Frgm.Storage.Embedded;

public sealed class FolderWatcherOptions
{
    /// <summary>Full rescan period: FileSystemWatcher can drop events, the rescan never does.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A file is read only when its size and mtime are unchanged across this gap.</summary>
    public TimeSpan StabilityDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>First wait after a store failure or an in-progress claim; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
