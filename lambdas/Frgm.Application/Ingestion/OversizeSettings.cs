namespace Frgm.Application.Ingestion;

/// <summary>
/// The constants of the oversize hand-off (README.md, "Large files"), shared by the functions and the dashboard; the
/// settings (<c>Frgm:Ingest:HandOff</c>, <c>HandOffMaxWaitMinutes</c>, <c>WorkerMaxFileMb</c>) are bound in Composition/IngestSettings.
/// </summary>
public static class OversizeSettings
{
    public const string Worker = "the dashboard worker";

    /// <summary>A handed-off file older than this raises FEED_FAILED: the worker passes every few seconds, so it is not running.</summary>
    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The largest file the worker reads, per feed: the spill copy of one file at a time must fit the dashboard task's
    /// ephemeral storage (DashboardStack sizes it from this), and at DynamoDB Local's rates it is still hours, not days.
    /// </summary>
    public const long WorkerMaxFileMiB = 16 * 1024;

    public static readonly FileSizeLimits WorkerLimits = new(
        WorkerMaxFileMiB * FileSizeLimits.MiB, WorkerMaxFileMiB * FileSizeLimits.MiB, WorkerMaxFileMiB * FileSizeLimits.MiB, WorkerMaxFileMiB * FileSizeLimits.MiB, WorkerMaxFileMiB * FileSizeLimits.MiB);
}
