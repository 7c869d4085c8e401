using Amazon.DynamoDBv2.Model;
using Frgm.Storage.Aws;

namespace Frgm.Storage.Tests.Aws;

/// <summary>
/// The retries the SDK leaves to us (DynamoRetry): transaction conflicts are redone, a failed condition is an answer
/// and never retried, and the attempts are bounded.
/// </summary>
public sealed class DynamoRetryTests
{
    private static TransactionCanceledException Cancelled(params string[] codes) =>
        new("Transaction cancelled") { CancellationReasons = [.. codes.Select(c => new CancellationReason { Code = c })] };

    [Fact]
    public async Task A_transaction_conflict_is_retried_until_the_transaction_commits()
    {
        var calls = 0;

        await DynamoRetry.Conflicts.ExecuteAsync(
            _ =>
            {
                calls++;
                return calls < 3 ? throw Cancelled("None", "TransactionConflict") : ValueTask.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_conflict_on_a_single_item_write_is_retried_too()
    {
        var calls = 0;

        await DynamoRetry.Conflicts.ExecuteAsync(
            _ =>
            {
                calls++;
                return calls < 2
                    ? throw new AwsStoreException("dynamodb table t at x failed", new TransactionConflictException("item in a transaction"))
                    : ValueTask.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_failed_condition_is_not_retried()
    {
        var calls = 0;

        await Assert.ThrowsAsync<TransactionCanceledException>(async () => await DynamoRetry.Conflicts.ExecuteAsync(
            _ =>
            {
                calls++;
                throw Cancelled("ConditionalCheckFailed", "None");
            },
            CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_conflict_that_never_clears_gives_up_after_eight_attempts()
    {
        var calls = 0;

        await Assert.ThrowsAsync<TransactionCanceledException>(async () => await DynamoRetry.Conflicts.ExecuteAsync(
            _ =>
            {
                calls++;
                throw Cancelled("TransactionConflict");
            },
            CancellationToken.None));

        Assert.Equal(8, calls);
    }

    [Fact]
    public async Task Pending_items_are_retried_while_any_remain_and_the_last_count_is_returned()
    {
        var pipeline = DynamoRetry.WhilePending(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));
        var left = 10;
        var calls = 0;

        var drained = await pipeline.ExecuteAsync(_ => { calls++; left = Math.Max(0, left - 4); return ValueTask.FromResult(left); }, CancellationToken.None);
        var stuck = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(7), CancellationToken.None);

        Assert.Equal((0, 3), (drained, calls));
        Assert.Equal(7, stuck);
    }

    [Fact]
    public async Task Other_store_failures_are_left_to_the_sdk_and_not_retried_here()
    {
        var calls = 0;

        await Assert.ThrowsAsync<AwsStoreException>(async () => await DynamoRetry.Conflicts.ExecuteAsync(
            _ =>
            {
                calls++;
                throw new AwsStoreException("dynamodb table t at x failed", new ProvisionedThroughputExceededException("throttled"));
            },
            CancellationToken.None));

        Assert.Equal(1, calls);
    }
}
