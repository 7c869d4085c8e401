using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Aws;

[Collection(DynamoCollection.Name)]
public sealed class DynamoFileLedgerTests(DynamoFixture dynamo) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private DynamoFileLedger _ledger = null!;

    public async ValueTask InitializeAsync() => _ledger = new DynamoFileLedger(dynamo.Client, await dynamo.NewTablesAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static LedgerEntry Final(string key, string sha, FileStatus status, DateTimeOffset received, int attempts = 1, params string[] errors) =>
        new(BucketRole.Actant, key, sha, FeedKind.MarketData, status, 6, errors.Length, errors, received, received.AddSeconds(2), attempts);

    [Fact]
    public async Task A_new_file_is_claimed_once_and_then_in_progress_until_its_lease_runs_out()
    {
        var first = await _ledger.TryClaimAsync(BucketRole.Trades, "trades/a b+c.csv", "sha-1", T0, Lease, CancellationToken.None);
        var during = await _ledger.TryClaimAsync(BucketRole.Trades, "trades/a b+c.csv", "sha-1", T0.AddMinutes(4), Lease, CancellationToken.None);
        var otherVersion = await _ledger.TryClaimAsync(BucketRole.Trades, "trades/a b+c.csv", "sha-2", T0.AddMinutes(4), Lease, CancellationToken.None);
        var after = await _ledger.TryClaimAsync(BucketRole.Trades, "trades/a b+c.csv", "sha-1", T0.AddMinutes(6), Lease, CancellationToken.None);

        Assert.Equal((LedgerClaimOutcome.Claimed, 1, null), (first.Outcome, first.Attempt, first.Existing));
        Assert.Equal((LedgerClaimOutcome.InProgress, FileStatus.Processing), (during.Outcome, during.Existing?.Status));
        Assert.Equal((LedgerClaimOutcome.Claimed, 1), (otherVersion.Outcome, otherVersion.Attempt));
        Assert.Equal((LedgerClaimOutcome.Claimed, 2, FileStatus.Processing), (after.Outcome, after.Attempt, after.Existing?.Status));
        var stored = await _ledger.GetAsync(BucketRole.Trades, "trades/a b+c.csv", "sha-1", CancellationToken.None);
        Assert.Equal(new LedgerEntry(BucketRole.Trades, "trades/a b+c.csv", "sha-1", null, FileStatus.Processing, 0, 0, [], T0, null, 2), stored! with { Errors = [] });
    }

    [Fact]
    public async Task Ten_concurrent_claims_of_one_file_give_exactly_one_claimed()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(() => _ledger.TryClaimAsync(BucketRole.Actant, "eod/race.csv", "sha-race", T0, Lease, CancellationToken.None))));

        Assert.Single(claims, c => c.Outcome == LedgerClaimOutcome.Claimed);
        Assert.Equal(9, claims.Count(c => c.Outcome == LedgerClaimOutcome.InProgress));
        Assert.Equal(1, (await _ledger.GetAsync(BucketRole.Actant, "eod/race.csv", "sha-race", CancellationToken.None))?.Attempts);
    }

    [Fact]
    public async Task A_failed_file_is_claimed_again_with_one_more_attempt_and_finished_ones_are_already_processed()
    {
        await _ledger.TryClaimAsync(BucketRole.Actant, "sod/f.csv", "sha-f", T0, Lease, CancellationToken.None);
        var failed = Final("sod/f.csv", "sha-f", FileStatus.Failed, T0, 1, "header lacks column 'price'");
        await _ledger.RecordAsync(failed, CancellationToken.None);

        var reclaim = await _ledger.TryClaimAsync(BucketRole.Actant, "sod/f.csv", "sha-f", T0.AddMinutes(1), Lease, CancellationToken.None);

        Assert.Equal((LedgerClaimOutcome.Claimed, 2), (reclaim.Outcome, reclaim.Attempt));
        Assert.Equal(failed, reclaim.Existing! with { Errors = failed.Errors });
        Assert.Equal(failed.Errors, reclaim.Existing!.Errors);
        foreach (var status in new[] { FileStatus.Completed, FileStatus.CompletedWithErrors, FileStatus.Ignored })
        {
            var done = Final("sod/f.csv", "sha-f", status, T0, 2, "line 3: price 'abc' is not a number");
            await _ledger.RecordAsync(done, CancellationToken.None);
            var again = await _ledger.TryClaimAsync(BucketRole.Actant, "sod/f.csv", "sha-f", T0.AddHours(1), Lease, CancellationToken.None);
            Assert.Equal(LedgerClaimOutcome.AlreadyProcessed, again.Outcome);
            Assert.Equal(done.Errors, again.Existing!.Errors);
            Assert.Equal(done, again.Existing with { Errors = done.Errors });
        }
    }

    [Fact]
    public async Task Lists_newest_first_by_status_and_overall()
    {
        var ledger = new DynamoFileLedger(dynamo.Client, await dynamo.NewTablesAsync());
        var entries = new[]
        {
            Final("a.csv", "1", FileStatus.Completed, T0.AddMinutes(1)),
            Final("b.csv", "2", FileStatus.Failed, T0.AddMinutes(2), 1, "boom"),
            Final("c.csv", "3", FileStatus.Completed, T0.AddMinutes(3)),
            Final("d.csv", "4", FileStatus.CompletedWithErrors, T0.AddMinutes(4), 1, "line 2: x", "line 5: y"),
            Final("e.csv", "5", FileStatus.Ignored, T0.AddMinutes(5)),
        };
        foreach (var e in entries)
        {
            await ledger.RecordAsync(e, CancellationToken.None);
        }

        await ledger.TryClaimAsync(BucketRole.Tt, "f.json", "6", T0.AddMinutes(6), Lease, CancellationToken.None);

        Assert.Equal(["f.json", "e.csv", "d.csv", "c.csv", "b.csv", "a.csv"], (await ledger.ListAsync(null, 100, CancellationToken.None)).Select(e => e.Key));
        Assert.Equal(["f.json", "e.csv", "d.csv"], (await ledger.ListAsync(null, 3, CancellationToken.None)).Select(e => e.Key));
        Assert.Equal(["c.csv", "a.csv"], (await ledger.ListAsync(FileStatus.Completed, 10, CancellationToken.None)).Select(e => e.Key));
        Assert.Equal(["c.csv"], (await ledger.ListAsync(FileStatus.Completed, 1, CancellationToken.None)).Select(e => e.Key));
        var withErrors = Assert.Single(await ledger.ListAsync(FileStatus.CompletedWithErrors, 10, CancellationToken.None));
        Assert.Equal(["line 2: x", "line 5: y"], withErrors.Errors);
        Assert.Equal(entries[3], withErrors with { Errors = entries[3].Errors });
    }
}
