using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Frgm.Functions.Http;

/// <summary>
/// Retries 429 and 5xx answers (and transport errors) with exponential backoff, honouring Retry-After, but
/// never past <c>deadline</c>: a Lambda invocation has a fixed time budget, and a retry that cannot finish
/// inside it only turns a clean failure into a timeout.
/// </summary>
public sealed class RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider clock, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        Clock = clock;
        Logger = logger;
    }

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeProvider Clock { get; }

    private ILogger Logger { get; }

    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Retry-After as delta-seconds or an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based) when the server gave no Retry-After.</summary>
    public TimeSpan Backoff(int retry)
    {
        var ticks = BaseDelay.Ticks * Math.Pow(2, Math.Max(0, retry - 1));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// Sends until the answer is not transient, attempts run out, or the next wait would pass the deadline;
    /// then returns the last answer (the caller decides what a 429/5xx means). Transport errors on the final
    /// attempt are rethrown. The loop and its timers are Polly's; the wait is the server's Retry-After when it
    /// gave one, else <see cref="Backoff"/>, and a wait that would end past the deadline is not started.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        string what,
        DateTimeOffset deadline,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(send);
        var attempts = 0;
        var pipeline = Pipeline(what, deadline);
        try
        {
            var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    try
                    {
                        return await send(token);
                    }
                    catch (TaskCanceledException ex) when (!token.IsCancellationRequested)
                    {
                        throw new TimeoutException($"{what}: no answer in time", ex);
                    }
                },
                ct);
            if (IsTransient(response.StatusCode))
            {
                GiveUp(what, attempts, deadline, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException && !ct.IsCancellationRequested)
        {
            GiveUp(what, attempts, deadline, ex.Message);
            throw;
        }
    }

    private static bool Retryable(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutException
        || (outcome.Exception is null && IsTransient(outcome.Result!.StatusCode));

    private TimeSpan WaitBefore(int retry, Outcome<HttpResponseMessage> outcome) =>
        (outcome.Result is { } response ? RetryAfter(response, Clock.GetUtcNow()) : null) ?? Backoff(retry);

    private ResiliencePipeline<HttpResponseMessage> Pipeline(string what, DateTimeOffset deadline)
    {
        if (MaxAttempts == 1)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        // Polly numbers attempts from 0; retry n (1-based) follows attempt n-1.
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = Clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(
                    Retryable(args.Outcome) && Clock.GetUtcNow() + WaitBefore(args.AttemptNumber + 1, args.Outcome) <= deadline),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(WaitBefore(args.AttemptNumber + 1, args.Outcome)),
                OnRetry = args =>
                {
                    Logger.LogInformation(
                        "{What}: attempt {Attempt} got {Status}; retrying in {WaitMs} ms",
                        what,
                        args.AttemptNumber + 1,
                        args.Outcome.Exception is { } error ? error.GetType().Name : ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture),
                        (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private void GiveUp(string what, int attempts, DateTimeOffset deadline, string last) =>
        Logger.LogWarning(
            "{What}: giving up after {Attempts} attempt(s) ({Reason}); last: {Last}",
            what,
            attempts,
            attempts >= MaxAttempts ? "attempts exhausted" : "next wait would pass the invocation deadline",
            last);
}
