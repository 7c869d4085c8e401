using System.Collections.Concurrent;
using Frgm.Domain.Model;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Frgm.Storage.Embedded;

/// <summary>
/// A file that failed is retried on Polly, one lane per file: a store fault backs off from
/// <see cref="FolderWatcherOptions.RetryDelay"/>, doubling to <see cref="FolderWatcherOptions.MaxRetryDelay"/>; another
/// owner's claim from the same first delay to <see cref="FolderWatcherOptions.MaxInProgressRetryDelay"/> (a claim's
/// lease lapses in seconds). A lane's attempt hands the file back to the one worker, so a retry still waits for the
/// file to be complete and files are still ingested one at a time; until then the worker leaves the file alone,
/// whatever the rescans signal. The lane ends when the file is handled or is gone.
/// </summary>
public sealed partial class FolderWatcher
{
    private readonly ConcurrentDictionary<string, RetryLane> _lanes = new(StringComparer.Ordinal);

    private ResiliencePipeline<FileProcessedEventArgs?> RetryPipeline() =>
        new ResiliencePipelineBuilder<FileProcessedEventArgs?>()
            .AddRetry(Backoff(_options.MaxRetryDelay, processed => processed?.Error is not null))
            .AddRetry(Backoff(_options.MaxInProgressRetryDelay, processed => processed is { Error: null, Result.ShouldRetry: true }))
            .Build();

    private RetryStrategyOptions<FileProcessedEventArgs?> Backoff(TimeSpan maxDelay, Func<FileProcessedEventArgs?, bool> retries) => new()
    {
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && retries(args.Outcome.Result)),
        MaxRetryAttempts = int.MaxValue,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = false,
        Delay = _options.RetryDelay,
        MaxDelay = maxDelay,
        OnRetry = args =>
        {
            LogRetry(args.Outcome.Result!, args.RetryDelay);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>False while the file waits in its lane for the next attempt; true (and the turn taken) otherwise.</summary>
    private bool TakeTurn(string path) => !_lanes.TryGetValue(path, out var lane) || lane.TakeTurn();

    /// <summary>
    /// A failed attempt: the file's retries go through a lane from now on. When the lane already exists this was its
    /// attempt, and the lane has the outcome already.
    /// </summary>
    private void StartRetries(string path, FileProcessedEventArgs failed)
    {
        var lane = new RetryLane();
        if (_lanes.TryAdd(path, lane))
        {
            lane.Run = Task.Run(() => RetryAsync(path, lane, failed, _stop.Token), CancellationToken.None);
        }
    }

    private async Task RetryAsync(string path, RetryLane lane, FileProcessedEventArgs failed, CancellationToken ct)
    {
        var first = true;
        try
        {
            await _retryPipeline.ExecuteAsync(
                async token =>
                {
                    if (first)
                    {
                        first = false;
                        return failed; // the worker's attempt: Polly decides the delay before the next one
                    }

                    return await AttemptAgainAsync(path, lane, failed.Bucket, failed.Key, token);
                },
                ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            _lanes.TryRemove(path, out _);
        }
    }

    /// <summary>The worker's next handling of the file, or null when the file is gone or was handled without an answer.</summary>
    private async Task<FileProcessedEventArgs?> AttemptAgainAsync(string path, RetryLane lane, BucketRole bucket, string key, CancellationToken ct)
    {
        if (FileSignature.Of(path) is not null)
        {
            var handled = WaitForAsync(bucket, key, ct);
            lane.GiveTurn();
            SignalEntry(path);
            // The worker drops a file that vanishes while it waits to be complete, and records a file that became
            // something to ignore without a word: neither answers, so look again now and then.
            var patience = _options.QuietPeriod + _options.RescanInterval + TimeSpan.FromSeconds(5);
            while (FileSignature.Of(path) is { } now && !(_done.TryGetValue(path, out var done) && done == now))
            {
                try
                {
                    return await handled.WaitAsync(patience, ct);
                }
                catch (TimeoutException)
                {
                    // still waiting, gone or handled: the loop's condition says which
                }
            }
        }

        _logger.LogInformation("File {Bucket}/{Key}: gone or handled, no more retries", WireNames.Of(bucket), key);
        return null;
    }

    private void LogRetry(FileProcessedEventArgs failed, TimeSpan delay)
    {
        var bucket = WireNames.Of(failed.Bucket);
        if (failed.Error is { } error)
        {
            _logger.LogError(error, "File {Bucket}/{Key}: error after {Ms:0} ms, retry in {Delay} s: {Message}", bucket, failed.Key, failed.Elapsed.TotalMilliseconds, delay.TotalSeconds, error.Message);
        }
        else
        {
            _logger.LogInformation("File {Bucket}/{Key}: in progress elsewhere, retry in {Delay} s", bucket, failed.Key, delay.TotalSeconds);
        }
    }

    private async Task StopRetriesAsync()
    {
        await Task.WhenAll(_lanes.Values.Select(l => l.Run));
    }

    private sealed class RetryLane
    {
        private int _turn;

        public Task Run { get; set; } = Task.CompletedTask;

        public void GiveTurn() => Interlocked.Exchange(ref _turn, 1);

        public bool TakeTurn() => Interlocked.Exchange(ref _turn, 0) == 1;
    }
}
