using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Frgm.Domain.Model;
using Frgm.Storage.Tests.Contract;
using Frgm.Storage.Tests.Embedded;

namespace Frgm.Storage.Tests.Ingestion;

/// <summary>The one decorator per port that names a failing store and step (what operators read in the ledger).</summary>
public sealed class StoreStepDecoratorTests(EmbeddedStorageFixture fixture) : IClassFixture<EmbeddedStorageFixture>
{
    private static readonly DateOnly D20 = new(2026, 11, 20);

    public static TheoryData<string> HistorySteps =>
        ["WriteMarketBars", "UpsertDayPrices", "GetPricesAsOf", "GetSod", "GetTrades", "GetLatestEod", "PutPositions", "BumpFactsVersion", "GetFactsVersion"];

    [Theory]
    [MemberData(nameof(HistorySteps))]
    public async Task A_failing_history_call_names_the_store_and_the_step_as_the_ledger_shows_it(string step)
    {
        var (stores, failing) = await WrappedAsync();
        failing.Arm(step);

        var error = await Assert.ThrowsAsync<StoreStepException>(() => Call(stores.History, step));

        Assert.Equal(("history", step), (error.Store, error.Step));
        Assert.Equal($"history store failed at {step}: simulated outage of the history table during {step}", error.Message);
        Assert.IsType<IOException>(error.InnerException);
        await Call(stores.History, step);
    }

    [Fact]
    public async Task A_missing_object_stays_ObjectNotFound_and_a_failing_body_read_names_the_objects_store()
    {
        var real = await fixture.CreateFreshAsync(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var stores = StoreStepStorage.Wrap(real with { Objects = new FailingBodyObjects(real.Objects) });
        await real.Objects.WriteAsync(BucketRole.Actant, "market-data/2026/11/20/a.csv", "instrument,price\nZNZ6,112.5\n"u8.ToArray(), default);

        await Assert.ThrowsAsync<ObjectNotFoundException>(() => stores.Objects.OpenReadAsync(BucketRole.Actant, "market-data/2026/11/20/none.csv", default));
        await using var body = await stores.Objects.OpenReadAsync(BucketRole.Actant, "market-data/2026/11/20/a.csv", default);
        var error = await Assert.ThrowsAsync<StoreStepException>(async () => await body.ReadAtLeastAsync(new byte[64], 1));
        Assert.Equal("objects store failed at Read: connection reset while reading the body", error.Message);
    }

    [Fact]
    public async Task Wrapping_twice_wraps_once_and_the_service_keeps_the_stores_it_was_given()
    {
        var (stores, _) = await WrappedAsync();
        var again = StoreStepStorage.Wrap(stores);

        Assert.Same(stores.History, again.History);
        Assert.Same(stores.Latest, again.Latest);
        Assert.Same(stores.Ledger, again.Ledger);
        Assert.Same(stores.Objects, again.Objects);
    }

    private async Task<(StorageSet Stores, FailingHistoryStore Failing)> WrappedAsync()
    {
        var real = await fixture.CreateFreshAsync(new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var failing = new FailingHistoryStore(real.History);
        return (StoreStepStorage.Wrap(real.WithHistory(failing)), failing);
    }

    private static Task Call(IHistoryStore history, string step) => step switch
    {
        "WriteMarketBars" => history.WriteMarketBarsAsync([new MarketPrice("ZNZ6", 112.5m, null, null, 1, DateTimeOffset.UnixEpoch)], default),
        "UpsertDayPrices" => history.UpsertDayPricesAsync(D20, [new MarketPrice("ZNZ6", 112.5m, null, null, 1, DateTimeOffset.UnixEpoch)], default),
        "GetPricesAsOf" => history.GetPricesAsOfAsync(D20, default),
        "GetSod" => history.GetSodAsync(D20, default),
        "GetTrades" => history.GetTradesAsync(D20, default),
        "GetLatestEod" => history.GetLatestEodAsync(D20, default),
        "PutPositions" => history.PutPositionsAsync(D20, [], 1, default),
        "BumpFactsVersion" => history.BumpFactsVersionAsync(D20, default),
        "GetFactsVersion" => history.GetFactsVersionAsync(D20, default),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>A real object store whose bodies fail on the first read, as a reset S3 connection does.</summary>
    private sealed class FailingBodyObjects(IObjectStore inner) : IObjectStore
    {
        public async Task<Stream> OpenReadAsync(BucketRole bucket, string key, CancellationToken ct)
        {
            await (await inner.OpenReadAsync(bucket, key, ct)).DisposeAsync();
            return new FailingStream();
        }

        public Task WriteAsync(BucketRole bucket, string key, ReadOnlyMemory<byte> content, CancellationToken ct) => inner.WriteAsync(bucket, key, content, ct);

        public IAsyncEnumerable<string> ListAsync(BucketRole bucket, string prefix, CancellationToken ct) => inner.ListAsync(bucket, prefix, ct);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("connection reset while reading the body"));
    }
}
