using Amazon.DynamoDBv2.Model;
using Polly;
using Polly.Retry;

namespace Frgm.Storage.Aws;

/// <summary>
/// The DynamoDB retries the SDK does not do, all on Polly. The SDK's Standard retry mode (AwsClientFactory, 4 retries)
/// already retries every call's throttling errors (ProvisionedThroughputExceeded, RequestLimitExceeded, Throttling,
/// TransactionInProgress), 5xx and transport failures, so nothing here handles those: these pipelines only retry what
/// the SDK hands back as a success (UnprocessedItems, UnprocessedKeys) or as a non-retryable 400
/// (TransactionConflict on a single-item write, TransactionCanceled for a conflict). No call is retried by both.
/// </summary>
internal static class DynamoRetry
{
    private const int ConflictAttempts = 8;

    /// <summary>
    /// Transaction conflicts: another transaction holds one of our items right now; the work is redone a little later.
    /// A cancellation by a failed condition is an answer, not a fault, and is never retried.
    /// </summary>
    public static ResiliencePipeline Conflicts { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<AwsStoreException>(e => e.InnerException is TransactionConflictException)
                .Handle<TransactionCanceledException>(e => !IsConditionFailure(e)),
            MaxRetryAttempts = ConflictAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromSeconds(1),
        })
        .Build();

    public const int OptimisticLockAttempts = 10;

    /// <summary>
    /// Read-merge-write under a version condition: the callback returns false when another writer got there first (it
    /// has re-read by then); retried after a short jittered pause so that racing writers spread out.
    /// </summary>
    public static ResiliencePipeline<bool> OptimisticLock { get; } = new ResiliencePipelineBuilder<bool>()
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && !args.Outcome.Result),
            MaxRetryAttempts = OptimisticLockAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(500),
        })
        .Build();

    public static bool IsConditionFailure(TransactionCanceledException e) =>
        (e.CancellationReasons ?? []).Any(r => r.Code == "ConditionalCheckFailed");

    /// <summary>
    /// For batch calls whose callback returns how many items are still pending: retried, with exponential backoff and
    /// jitter, while that is above zero and attempts remain; the last count is returned either way.
    /// </summary>
    public static ResiliencePipeline<int> WhilePending(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        if (maxAttempts == 1)
        {
            return ResiliencePipeline<int>.Empty;
        }

        return new ResiliencePipelineBuilder<int>()
            .AddRetry(new RetryStrategyOptions<int>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result > 0),
                MaxRetryAttempts = maxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = maxDelay,
            })
            .Build();
    }
}
