using System.Net;
using Microsoft.Extensions.Logging;

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
    /// attempt are rethrown.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        string what,
        DateTimeOffset deadline,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(send);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? transportError = null;
            try
            {
                response = await send(ct);
            }
            catch (HttpRequestException ex)
            {
                transportError = ex;
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                transportError = new TimeoutException($"{what}: no answer in time", ex);
            }

            if (response is not null && !IsTransient(response.StatusCode))
            {
                return response;
            }

            var now = Clock.GetUtcNow();
            var wait = (response is null ? null : RetryAfter(response, now)) ?? Backoff(attempt);
            var outOfAttempts = attempt >= MaxAttempts;
            var outOfTime = now + wait > deadline;
            if (outOfAttempts || outOfTime)
            {
                Logger.LogWarning(
                    "{What}: giving up after {Attempts} attempt(s) ({Reason}); last: {Last}",
                    what,
                    attempt,
                    outOfAttempts ? "attempts exhausted" : "next wait would pass the invocation deadline",
                    response is null ? transportError!.Message : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (response is null)
                {
                    throw transportError!;
                }

                return response;
            }

            Logger.LogInformation(
                "{What}: attempt {Attempt} got {Status}; retrying in {WaitMs} ms",
                what,
                attempt,
                response is null ? transportError!.GetType().Name : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (long)wait.TotalMilliseconds);
            response?.Dispose();
            await Task.Delay(wait, Clock, ct);
        }
    }
}
