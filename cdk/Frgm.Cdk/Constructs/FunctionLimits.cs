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
    /// /tmp of the ingest function: a file over 64 MB is spilled there while it is parsed, and the largest file it
    /// reads is the 256 MB market-data limit (FileSizeLimits.Lambda in Frgm.Storage), so 1 GiB keeps a spill and a stale
    /// one from a crashed process (removed at the next start) inside it.
    /// </summary>
    public const int IngestEphemeralStorageMiB = 1024;

    public const int FeedQueueVisibilitySeconds = 6 * IngestTimeoutSeconds;

    /// <summary>The poller polls twice, 30 s apart, per one-minute invocation; 75 s leaves room for slow TT replies.</summary>
    public const int TtPollerTimeoutSeconds = 75;

    public const int AlarmSweepTimeoutSeconds = 50;

    public const int SlackNotifierTimeoutSeconds = 30;
}
