using Frgm.Application.Ports;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

internal sealed class StepNamingFileLedger(IFileLedger inner) : StoreStepDecorator("ledger"), IFileLedger
{
    public Task<LedgerClaim> TryClaimAsync(BucketRole bucket, string key, string sha256, DateTimeOffset now, TimeSpan lease, CancellationToken ct) =>
        Run(() => inner.TryClaimAsync(bucket, key, sha256, now, lease, ct));

    public Task<bool> RenewAsync(BucketRole bucket, string key, string sha256, int attempt, DateTimeOffset leaseUntil, CancellationToken ct) =>
        Run(() => inner.RenewAsync(bucket, key, sha256, attempt, leaseUntil, ct));

    public Task RecordAsync(LedgerEntry entry, CancellationToken ct) => Run(() => inner.RecordAsync(entry, ct));

    public Task<LedgerEntry?> GetAsync(BucketRole bucket, string key, string sha256, CancellationToken ct) => Run(() => inner.GetAsync(bucket, key, sha256, ct));

    /// <summary>Named by the status listed ("ListHandedOff"), as the oversize sweep has always reported it.</summary>
    public Task<IReadOnlyList<LedgerEntry>> ListAsync(FileStatus? status, int limit, CancellationToken ct) =>
        Run(() => inner.ListAsync(status, limit, ct), status is { } s ? $"List{s}" : "List");

    public Task<bool> RemoveAsync(BucketRole bucket, string key, string sha256, CancellationToken ct) => Run(() => inner.RemoveAsync(bucket, key, sha256, ct));

    public Task<int> ForgetAsync(BucketRole bucket, string key, CancellationToken ct) => Run(() => inner.ForgetAsync(bucket, key, ct));
}
