using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="IFileLedger"/> must show: conditional claims, leases, versions by content.</summary>
public abstract class FileLedgerContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const string Key = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    private const string ShaA = "aaaa000000000000000000000000000000000000000000000000000000000000";
    private const string ShaB = "bbbb000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public async Task New_content_is_claimed_then_in_progress_then_already_processed()
    {
        var ledger = (await NewSetAsync()).Ledger;

        var first = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0, Lease, default);
        var second = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0.AddSeconds(1), Lease, default);
        await ledger.RecordAsync(Completed(ShaA, attempts: 1), default);
        var third = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0.AddSeconds(2), Lease, default);

        Assert.Equal((LedgerClaimOutcome.Claimed, 1), (first.Outcome, first.Attempt));
        Assert.Null(first.Existing);
        Assert.Equal(LedgerClaimOutcome.InProgress, second.Outcome);
        Assert.Equal(FileStatus.Processing, second.Existing!.Status);
        Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, third.Outcome);
        Assert.Equal(FileStatus.Completed, third.Existing!.Status);
    }

    [Fact]
    public async Task Forget_removes_every_version_of_one_key_and_nothing_else()
    {
        var ledger = (await NewSetAsync()).Ledger;
        const string canary = "canary/dev/smoke_1.csv";
        foreach (var sha in new[] { ShaA, ShaB })
        {
            await ledger.TryClaimAsync(BucketRole.Actant, canary, sha, T0, Lease, default);
        }

        await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0, Lease, default);

        Assert.Equal(2, await ledger.ForgetAsync(BucketRole.Actant, canary, default));
        Assert.Null(await ledger.GetAsync(BucketRole.Actant, canary, ShaA, default));
        Assert.Null(await ledger.GetAsync(BucketRole.Actant, canary, ShaB, default));
        Assert.NotNull(await ledger.GetAsync(BucketRole.Actant, Key, ShaA, default));
        Assert.DoesNotContain(await ledger.ListAsync(null, 100, default), e => e.Key == canary);
        Assert.Equal(0, await ledger.ForgetAsync(BucketRole.Actant, canary, default));
    }

    [Fact]
    public async Task A_handed_off_entry_is_not_claimed_again_is_listed_by_its_status_and_removed_alone()
    {
        var ledger = (await NewSetAsync()).Ledger;
        var waiting = new LedgerEntry(BucketRole.Trades, "trades/2026/11/20/big.csv", ShaA, FeedKind.Trades, FileStatus.HandedOff, 0, 0, [], T0, null, 1)
        {
            Notes = ["over the ingest function's 2 MiB limit for trades: queued for the dashboard worker (no time limit)"],
        };
        await ledger.TryClaimAsync(waiting.Bucket, waiting.Key, ShaA, T0, Lease, default);
        await ledger.RecordAsync(waiting, default);
        await ledger.TryClaimAsync(waiting.Bucket, waiting.Key, ShaB, T0, Lease, default);

        var again = await ledger.TryClaimAsync(waiting.Bucket, waiting.Key, ShaA, T0.AddMinutes(10), Lease, default);
        Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, again.Outcome);
        AssertSameEntry(waiting, Assert.Single(await ledger.ListAsync(FileStatus.HandedOff, 10, default)));

        Assert.True(await ledger.RemoveAsync(waiting.Bucket, waiting.Key, ShaA, default));
        Assert.False(await ledger.RemoveAsync(waiting.Bucket, waiting.Key, ShaA, default));
        Assert.Empty(await ledger.ListAsync(FileStatus.HandedOff, 10, default));
        Assert.Null(await ledger.GetAsync(waiting.Bucket, waiting.Key, ShaA, default));
        Assert.NotNull(await ledger.GetAsync(waiting.Bucket, waiting.Key, ShaB, default));
    }

    [Fact]
    public async Task A_failed_entry_or_an_expired_lease_is_claimed_again_with_the_next_attempt()
    {
        var ledger = (await NewSetAsync()).Ledger;
        await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0, Lease, default);
        await ledger.RecordAsync(Completed(ShaA, 1) with { Status = FileStatus.Failed, Errors = ["history store failed at PutTrades: boom"] }, default);

        var afterFailure = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0.AddSeconds(1), Lease, default);
        var whileLeased = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0.AddMinutes(4), Lease, default);
        var afterLease = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0.AddMinutes(6), Lease, default);

        Assert.Equal((LedgerClaimOutcome.Claimed, 2), (afterFailure.Outcome, afterFailure.Attempt));
        Assert.Equal(FileStatus.Failed, afterFailure.Existing!.Status);
        Assert.Equal(["history store failed at PutTrades: boom"], afterFailure.Existing.Errors);
        Assert.Equal(LedgerClaimOutcome.InProgress, whileLeased.Outcome);
        Assert.Equal((LedgerClaimOutcome.Claimed, 3), (afterLease.Outcome, afterLease.Attempt));
    }

    // Issue 11 item 3: a short lease kept alive by its owner's heartbeat; once the heartbeat stops (the owner crashed)
    // the file is claimable one lease later, and the old owner can no longer renew what is now someone else's claim.
    [Fact]
    public async Task A_renewed_claim_stays_in_progress_and_a_lapsed_one_is_claimed_by_the_next_owner_only()
    {
        var ledger = (await NewSetAsync()).Ledger;
        var shortLease = TimeSpan.FromSeconds(8);
        await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0, shortLease, default);

        var renewed = await ledger.RenewAsync(BucketRole.Actant, Key, ShaA, 1, T0.AddSeconds(6) + shortLease, default);
        var whileRenewed = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0.AddSeconds(12), shortLease, default);
        var afterLapse = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0.AddSeconds(15), shortLease, default);
        var staleOwner = await ledger.RenewAsync(BucketRole.Actant, Key, ShaA, 1, T0.AddSeconds(30), default);
        var newOwner = await ledger.RenewAsync(BucketRole.Actant, Key, ShaA, 2, T0.AddSeconds(30), default);
        await ledger.RecordAsync(Completed(ShaA, attempts: 2), default);
        var afterRecord = await ledger.RenewAsync(BucketRole.Actant, Key, ShaA, 2, T0.AddSeconds(40), default);
        var unknown = await ledger.RenewAsync(BucketRole.Actant, Key, ShaB, 1, T0.AddSeconds(40), default);

        Assert.True(renewed);
        Assert.Equal(LedgerClaimOutcome.InProgress, whileRenewed.Outcome);
        Assert.Equal((LedgerClaimOutcome.Claimed, 2), (afterLapse.Outcome, afterLapse.Attempt));
        Assert.False(staleOwner);
        Assert.True(newOwner);
        Assert.False(afterRecord);
        Assert.False(unknown);
        Assert.Equal(FileStatus.Completed, (await ledger.GetAsync(BucketRole.Actant, Key, ShaA, default))!.Status);
    }

    [Fact]
    public async Task Changed_content_under_the_same_key_is_a_new_version()
    {
        var ledger = (await NewSetAsync()).Ledger;
        await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaA, T0, Lease, default);
        await ledger.RecordAsync(Completed(ShaA, 1), default);

        var claim = await ledger.TryClaimAsync(BucketRole.Actant, Key, ShaB, T0.AddMinutes(1), Lease, default);
        await ledger.RecordAsync(Completed(ShaB, 1) with { ReceivedAt = T0.AddMinutes(1) }, default);

        Assert.Equal(LedgerClaimOutcome.Claimed, claim.Outcome);
        var all = await ledger.ListAsync(null, 10, default);
        Assert.Equal([ShaB, ShaA], all.Select(e => e.Sha256));
        Assert.NotNull(await ledger.GetAsync(BucketRole.Actant, Key, ShaA, default));
        Assert.Null(await ledger.GetAsync(BucketRole.Tt, Key, ShaA, default));
    }

    [Fact]
    public async Task Ten_concurrent_claims_of_the_same_content_give_exactly_one_claimed()
    {
        var ledger = (await NewSetAsync()).Ledger;

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => ledger.TryClaimAsync(BucketRole.Trades, "trades/2026/11/20/f.csv", ShaA, T0, Lease, default))));

        Assert.Single(claims, c => c.Outcome == LedgerClaimOutcome.Claimed);
        Assert.All(claims.Where(c => c.Outcome != LedgerClaimOutcome.Claimed), c => Assert.Equal(LedgerClaimOutcome.InProgress, c.Outcome));
    }

    [Fact]
    public async Task Recorded_entries_round_trip_and_list_newest_first_with_status_filter_and_limit()
    {
        var ledger = (await NewSetAsync()).Ledger;
        var entries = new[]
        {
            Completed(ShaA, 1) with { Key = "k/1.csv", ReceivedAt = T0 },
            Completed(ShaA, 2) with
            {
                Key = "k/2.csv", ReceivedAt = T0.AddMinutes(1), Status = FileStatus.CompletedWithErrors, RejectedRows = 2,
                Errors = ["line 3: price 'abc' is not a number", "line 7: side 'X' is unknown"],
            },
            Completed(ShaA, 1) with { Key = "k/3.csv", ReceivedAt = T0.AddMinutes(2), Status = FileStatus.Ignored, Feed = null, Rows = 0, Errors = ["no feed matches key 'k/3.csv'"] },
            Completed(ShaA, 1) with
            {
                Key = "k/4.csv", ReceivedAt = T0.AddMinutes(3), Duplicates = 2,
                Notes = ["line 2: duplicate trade_id T-1 already booked by trades/a.csv", "line 3: duplicate trade_id T-2 already booked by trades/a.csv"],
            },
        };
        foreach (var entry in entries)
        {
            await ledger.RecordAsync(entry, default);
        }

        AssertSameEntry(entries[1], await ledger.GetAsync(BucketRole.Actant, "k/2.csv", ShaA, default));
        AssertSameEntry(entries[2], await ledger.GetAsync(BucketRole.Actant, "k/3.csv", ShaA, default));
        AssertSameEntry(entries[3], await ledger.GetAsync(BucketRole.Actant, "k/4.csv", ShaA, default));
        Assert.Equal(["k/4.csv", "k/3.csv", "k/2.csv", "k/1.csv"], (await ledger.ListAsync(null, 10, default)).Select(e => e.Key));
        Assert.Equal(["k/4.csv", "k/3.csv"], (await ledger.ListAsync(null, 2, default)).Select(e => e.Key));
        Assert.Equal(["k/4.csv", "k/1.csv"], (await ledger.ListAsync(FileStatus.Completed, 10, default)).Select(e => e.Key));
        var ignored = await ledger.TryClaimAsync(BucketRole.Actant, "k/3.csv", ShaA, T0.AddHours(1), Lease, default);
        Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, ignored.Outcome);
    }

    /// <summary>Records compare lists by reference; compare the error lines by content.</summary>
    protected static void AssertSameEntry(LedgerEntry expected, LedgerEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Errors = [], Notes = [] }, actual with { Errors = [], Notes = [] });
        Assert.Equal(expected.Duplicates, actual.Duplicates);
        Assert.Equal(expected.Errors, actual.Errors);
        Assert.Equal(expected.Notes, actual.Notes);
    }

    private static LedgerEntry Completed(string sha, int attempts) =>
        new(BucketRole.Actant, Key, sha, FeedKind.MarketData, FileStatus.Completed, 6, 0, [], T0, T0.AddSeconds(1), attempts);
}
