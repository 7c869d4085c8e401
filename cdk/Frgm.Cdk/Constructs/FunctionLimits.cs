namespace Frgm.Cdk.Constructs;

/// <summary>
/// Timeouts that two stacks must agree on: an SQS queue's visibility timeout has to cover six times the
/// timeout of the function that consumes it (AWS guidance for Lambda event sources), or messages reappear
/// while still being processed.
/// </summary>
public static class FunctionLimits
{
    public const int IngestTimeoutSeconds = 60;

    /// <summary>
    /// /tmp of the ingest function, where a file over 64 MiB is spilled while it is parsed. The default per-feed limits
    /// (FileSizeLimits.Lambda in Frgm.Application, at most 32 MiB) never spill; an operator who raises a limit
    /// (Frgm__Ingest__MaxFileMb__*) up to 448 MiB still fits one spill here, and a spill left by a crashed process is
    /// removed at the next start. Raise both together.
    /// </summary>
    public const int IngestEphemeralStorageMiB = 512;

    public const int FeedQueueVisibilitySeconds = 6 * IngestTimeoutSeconds;

    /// <summary>The poller polls twice, 30 s apart, per one-minute invocation; 75 s leaves room for slow TT replies.</summary>
    public const int TtPollerTimeoutSeconds = 75;

    public const int AlarmSweepTimeoutSeconds = 50;

    public const int SlackNotifierTimeoutSeconds = 30;
}
