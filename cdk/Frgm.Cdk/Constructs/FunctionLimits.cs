namespace Frgm.Cdk.Constructs;

/// <summary>
/// Timeouts that two stacks must agree on: an SQS queue's visibility timeout has to cover six times the
/// timeout of the function that consumes it (AWS guidance for Lambda event sources), or messages reappear
/// while still being processed.
/// </summary>
public static class FunctionLimits
{
    public const int IngestTimeoutSeconds = 60;

    public const int FeedQueueVisibilitySeconds = 6 * IngestTimeoutSeconds;

    /// <summary>The poller polls twice, 30 s apart, per one-minute invocation; 75 s leaves room for slow TT replies.</summary>
    public const int TtPollerTimeoutSeconds = 75;

    public const int AlarmSweepTimeoutSeconds = 50;

    public const int SlackNotifierTimeoutSeconds = 30;
}
