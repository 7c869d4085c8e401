namespace Frgm.Storage.Embedded;

public sealed class FolderWatcherOptions
{
    /// <summary>Full rescan period: FileSystemWatcher can drop events, the rescan never does.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gap between two looks at a waiting file; its size and mtime must be unchanged across it.</summary>
    public TimeSpan StabilityDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A file is complete once its size and mtime have not changed for this long: a writer that pauses for less is
    /// never read half-way. A writer that pauses longer should write <c>name.part</c> and rename it into place.
    /// </summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a store failure or an in-progress claim; then doubles (Polly) up to <see cref="MaxRetryDelay"/> or <see cref="MaxInProgressRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait before looking again at a file another owner has claimed (its lease lapses in seconds).</summary>
    public TimeSpan MaxInProgressRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
