using Frgm.Application.Ports;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

internal sealed class StepNamingLatestStateStore(ILatestStateStore inner) : StoreStepDecorator("latest"), ILatestStateStore
{
    public Task<int> UpsertPricesAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct) => Run(() => inner.UpsertPricesAsync(prices, ct));

    public Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsync(CancellationToken ct) => Run(() => inner.GetPricesAsync(ct));

    public Task ReplaceWorkingOrdersAsync(OrderSnapshot snapshot, CancellationToken ct) => Run(() => inner.ReplaceWorkingOrdersAsync(snapshot, ct));

    public Task<OrderSnapshot?> GetWorkingOrdersAsync(CancellationToken ct) => Run(() => inner.GetWorkingOrdersAsync(ct));

    public async Task<IWorkingOrderStaging> BeginWorkingOrdersAsync(CancellationToken ct) =>
        new Staging(await Run(() => inner.BeginWorkingOrdersAsync(ct)));

    public Task<WorkingOrderSet?> GetWorkingOrderSetAsync(CancellationToken ct) => Run(() => inner.GetWorkingOrderSetAsync(ct));

    public Task<IReadOnlyList<WorkingOrder>> ReadWorkingOrdersAsync(WorkingOrderSet set, int start, int count, CancellationToken ct) =>
        Run(() => inner.ReadWorkingOrdersAsync(set, start, count, ct));

    public Task<bool> ReplacePositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct) =>
        Run(() => inner.ReplacePositionsAsync(date, positions, version, ct));

    public Task<DateOnly?> GetPositionsDateAsync(CancellationToken ct) => Run(() => inner.GetPositionsDateAsync(ct));

    public Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct) => Run(() => inner.GetPositionsAsync(date, ct));

    public Task SetFeedTimestampAsync(string feed, DateTimeOffset at, CancellationToken ct) => Run(() => inner.SetFeedTimestampAsync(feed, at, ct));

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFeedTimestampsAsync(CancellationToken ct) => Run(() => inner.GetFeedTimestampsAsync(ct));

    /// <summary>The staged set's steps keep the names operators know ("AddWorkingOrders", "CommitWorkingOrders").</summary>
    private sealed class Staging(IWorkingOrderStaging staging) : StoreStepDecorator("latest"), IWorkingOrderStaging
    {
        public Task AddAsync(IReadOnlyList<WorkingOrder> orders, CancellationToken ct) =>
            Run(() => staging.AddAsync(orders, ct), "AddWorkingOrders");

        public Task<bool> CommitAsync(DateTimeOffset snapshotTime, bool onlyIfNewer, CancellationToken ct) =>
            Run(() => staging.CommitAsync(snapshotTime, onlyIfNewer, ct), "CommitWorkingOrders");

        public ValueTask DisposeAsync() => staging.DisposeAsync();
    }
}
