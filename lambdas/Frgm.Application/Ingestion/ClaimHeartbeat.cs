using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Keeps a claim alive while its file is processed: every <c>interval</c> the lease is pushed to now + lease. A short
/// lease then covers files of any size, and a crashed owner's claim runs out within one lease (seconds), not after a
/// worst-case duration. A failed renewal is logged and retried at the next beat; a claim found to be lost is logged
/// (the other owner's run converges on the same facts: every write is an idempotent upsert).
/// </summary>
internal sealed class ClaimHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private int _disposed;

    private ClaimHeartbeat(Task loop, CancellationTokenSource stop)
    {
        _stop = stop;
        _loop = loop;
    }

    public int Renewals { get; private set; }

    public static ClaimHeartbeat Start(
        IFileLedger ledger, LedgerEntry claimed, TimeSpan lease, TimeSpan interval, TimeProvider clock, ILogger logger)
    {
        var stop = new CancellationTokenSource();
        ClaimHeartbeat? beat = null;
        var loop = Task.Run(
            async () =>
            {
                // The beat runs on real time: the lease it writes is on the ingestion's clock, but a test clock that
                // records or fast-forwards timers must not see (or spin) the heartbeat.
                using var timer = new PeriodicTimer(interval);
                try
                {
                    while (await timer.WaitForNextTickAsync(stop.Token))
                    {
                        try
                        {
                            var kept = await ledger.RenewAsync(claimed.Bucket, claimed.Key, claimed.Sha256, claimed.Attempts, clock.GetUtcNow() + lease, stop.Token);
                            if (!kept)
                            {
                                logger.LogWarning("Claim of {Bucket}/{Key} attempt {Attempt} was taken over; finishing (idempotent writes)", WireNames.Of(claimed.Bucket), claimed.Key, claimed.Attempts);
                                return;
                            }

                            beat!.Renewals++;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            logger.LogWarning(ex, "Could not renew the claim of {Bucket}/{Key}: {Message}", WireNames.Of(claimed.Bucket), claimed.Key, ex.Message);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // the file is done
                }
            },
            CancellationToken.None);
        beat = new ClaimHeartbeat(loop, stop);
        return beat;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
