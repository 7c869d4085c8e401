using System.Globalization;

namespace Frgm.Application.Ingestion;

/// <summary>The settings of the oversize hand-off (README.md, "Large files"), shared by the functions and the dashboard.</summary>
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

    /// <summary><c>Frgm__Ingest__HandOff</c>: <c>off</c> records an over-limit file FAILED at once (the old behaviour).</summary>
    public static string? HandOffFromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.Equals(environment("Frgm__Ingest__HandOff"), "off", StringComparison.OrdinalIgnoreCase) ? null : Worker;
    }

    /// <summary><c>Frgm__Ingest__HandOffMaxWaitMinutes</c> (default 15).</summary>
    public static TimeSpan MaxWaitFromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = environment("Frgm__Ingest__HandOffMaxWaitMinutes");
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultMaxWait;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : throw new FormatException($"Frgm__Ingest__HandOffMaxWaitMinutes='{text}' is not a positive number of minutes");
    }
}
