using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

/// <summary>The ingestion ledger, keyed by bucket + key + SHA-256, with a conditional create.</summary>
public interface IFileLedger
{
    /// <summary>
    /// Claims the file for processing. New content, a FAILED entry, or a PROCESSING entry whose lease
    /// (<paramref name="lease"/>) has run out → <see cref="LedgerClaimOutcome.Claimed"/> (attempts + 1).
    /// COMPLETED, COMPLETED_WITH_ERRORS, IGNORED or HANDED_OFF → AlreadyProcessed. A live PROCESSING → InProgress.
    /// </summary>
    Task<LedgerClaim> TryClaimAsync(BucketRole bucket, string key, string sha256, DateTimeOffset now, TimeSpan lease, CancellationToken ct);

    /// <summary>
    /// Extends a live claim's lease to <paramref name="leaseUntil"/> (the heartbeat of a running ingestion). Only the
    /// claim of <paramref name="attempt"/> that is still PROCESSING is extended; false when it is no longer ours.
    /// </summary>
    Task<bool> RenewAsync(BucketRole bucket, string key, string sha256, int attempt, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Records the final status of a claimed file (also FAILED with its message).</summary>
    Task RecordAsync(LedgerEntry entry, CancellationToken ct);

    Task<LedgerEntry?> GetAsync(BucketRole bucket, string key, string sha256, CancellationToken ct);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<LedgerEntry>> ListAsync(FileStatus? status, int limit, CancellationToken ct);

    /// <summary>Removes one entry (one content version of a key); true when it existed. The oversize worker drops the HANDED_OFF marker this way once the file has its real entry.</summary>
    Task<bool> RemoveAsync(BucketRole bucket, string key, string sha256, CancellationToken ct);

    /// <summary>
    /// Removes every entry (all content versions) of one key; returns how many. Only for the post-deploy smoke test's
    /// canary under <c>canary/</c>, whose history must not outlive the check.
    /// </summary>
    Task<int> ForgetAsync(BucketRole bucket, string key, CancellationToken ct);
}
