using System.Security.Cryptography;
using System.Text;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Records a key that is not read at all (a FIFO, a link, a hidden name, an invalid key) as IGNORED with its reason,
/// so every key a watcher sees is visible in the ledger and none is retried for ever. Such an object has no content to
/// hash: the ledger's sha256 is the hash of "ignored:" + the reason, so the same reason for the same key is one entry.
/// </summary>
public static class IgnoredObjects
{
    public static string MarkerHash(string reason) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ignored:" + reason)));

    public static async Task<IngestionResult> RecordAsync(StorageSet storage, TimeProvider clock, BucketRole bucket, string key, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var sha = MarkerHash(reason);
        var claim = await storage.Ledger.TryClaimAsync(bucket, key, sha, now, TimeSpan.FromMinutes(1), ct);
        if (claim.Outcome != LedgerClaimOutcome.Claimed)
        {
            return new IngestionResult(claim.Outcome, claim.Existing ?? throw new InvalidOperationException($"ledger returned {claim.Outcome} without the entry for {key}"));
        }

        var entry = new LedgerEntry(bucket, key, sha, null, FileStatus.Ignored, 0, 0, [reason], claim.Existing?.ReceivedAt ?? now, clock.GetUtcNow(), claim.Attempt);
        await storage.Ledger.RecordAsync(entry, ct);
        try
        {
            await storage.Changes.PublishAsync(new ChangeEvent(ChangeTopic.Files, now, $"{WireNames.Of(bucket)}/{key}"), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A change event is a hint for live screens; the ledger entry is what counts.
        }

        return new IngestionResult(LedgerClaimOutcome.Claimed, entry);
    }
}
