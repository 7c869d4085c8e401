using System.Globalization;
using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Files over the ingest function's size limit, handed to a worker with no time limit (the dashboard service):
/// the function records a HANDED_OFF marker entry (found cheaply: the ledger's status index); the worker ingests the
/// object through the same <see cref="IngestionService"/> (claims, leases, idempotent writes: a retry or a second
/// worker cannot double anything) and then drops the marker; the sweep raises FEED_FAILED for a marker that waits too
/// long, so a file nobody takes is never silent.
/// </summary>
public static class OversizeHandOff
{
    /// <summary>One marker per key while it waits, whatever the content (the worker reads the object as it is then).</summary>
    public static readonly string MarkerSha256 = IgnoredObjects.MarkerHash("handed-off");

    /// <summary>Markers read per worker pass and per sweep; more wait for the next one.</summary>
    public const int PageSize = 50;

    internal static async Task<IngestionResult> RecordAsync(IngestionService service, ObjectRoute route, long limit, string worker, DateTimeOffset now, CancellationToken ct)
    {
        var ledger = service.Stores.Ledger;
        var claim = await ledger.TryClaimAsync(route.Bucket, route.Key, MarkerSha256, now, service.Lease, ct);
        if (claim.Outcome != LedgerClaimOutcome.Claimed)
        {
            // Already waiting (a re-delivery): nothing new to record.
            var existing = claim.Existing ?? throw new InvalidOperationException($"ledger returned {claim.Outcome} without the entry for {route.Key}");
            return new IngestionResult(claim.Outcome == LedgerClaimOutcome.InProgress ? claim.Outcome : LedgerClaimOutcome.AlreadyProcessed, existing);
        }

        var feed = route.Feed is { } f ? WireNames.Of(f) : "unknown";
        var note = $"over the ingest function's {FileSizeLimits.Describe(limit)} limit for {feed}: queued for {worker} (no time limit)";
        var entry = new LedgerEntry(route.Bucket, route.Key, MarkerSha256, route.Feed, FileStatus.HandedOff, 0, 0, [], claim.Existing?.ReceivedAt ?? now, null, claim.Attempt)
        {
            Notes = [note],
        };
        await ledger.RecordAsync(entry, ct);
        await service.PublishFileAsync(route.Bucket, route.Key, now, ct);
        return new IngestionResult(LedgerClaimOutcome.Claimed, entry);
    }

    /// <summary>FEED_FAILED conditions for markers older than <paramref name="wait"/>.</summary>
    internal static async Task<IReadOnlyList<AlarmCondition>> OverdueAsync(IFileLedger ledger, DateTimeOffset now, TimeSpan wait, CancellationToken ct)
    {
        var waiting = await ledger.ListAsync(FileStatus.HandedOff, PageSize, ct);
        return [.. waiting
            .Where(e => now - e.ReceivedAt > wait)
            .Select(e => AlarmRules.ForHandOffOverdue(e.Feed, WireNames.Of(e.Bucket), e.Key, wait))];
    }

    /// <summary>
    /// One pass of the worker: every waiting marker (oldest first) is ingested by <paramref name="worker"/>, which must
    /// not hand off again (its own limit, if any, FAILS the file). A store failure propagates and leaves the marker for
    /// the next pass; a file another worker is running (InProgress) is left to it. Returns the files finished.
    /// </summary>
    public static async Task<IReadOnlyList<IngestionResult>> RunPendingAsync(IngestionService worker, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(logger);
        if (worker.HandOffOversizedTo is not null)
        {
            throw new ArgumentException("the oversize worker's ingestion service must not hand files off again", nameof(worker));
        }

        var ledger = worker.Stores.Ledger;
        var waiting = await ledger.ListAsync(FileStatus.HandedOff, PageSize, ct);
        var done = new List<IngestionResult>();
        foreach (var marker in waiting.OrderBy(e => e.ReceivedAt))
        {
            ct.ThrowIfCancellationRequested();
            var waited = worker.Clock.GetUtcNow() - marker.ReceivedAt;
            var note = string.Create(
                CultureInfo.InvariantCulture,
                $"ingested by the oversize worker after {waited.TotalSeconds:0} s: {string.Join("; ", marker.Notes)}");
            IngestionResult result;
            try
            {
                result = await worker.IngestAsync(marker.Bucket, marker.Key, note, ct);
            }
            catch (ObjectNotFoundException)
            {
                logger.LogWarning("Handed-off {Bucket}/{Key} is no longer in the bucket; its marker is dropped", WireNames.Of(marker.Bucket), marker.Key);
                await ledger.RemoveAsync(marker.Bucket, marker.Key, marker.Sha256, ct);
                continue;
            }

            if (result.Outcome == LedgerClaimOutcome.InProgress)
            {
                continue;
            }

            await ledger.RemoveAsync(marker.Bucket, marker.Key, marker.Sha256, ct);
            await worker.PublishFileAsync(marker.Bucket, marker.Key, worker.Clock.GetUtcNow(), ct);
            logger.LogInformation(
                "Oversize worker: {Bucket}/{Key} {Status} rows={Rows} after waiting {Seconds:0} s",
                WireNames.Of(marker.Bucket), marker.Key, WireNames.Of(result.Entry.Status), result.Entry.Rows, waited.TotalSeconds);
            done.Add(result);
        }

        return done;
    }
}
