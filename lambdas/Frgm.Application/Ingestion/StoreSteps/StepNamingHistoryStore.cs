using Frgm.Application.Ports;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

internal sealed class StepNamingHistoryStore(IHistoryStore inner) : StoreStepDecorator("history"), IHistoryStore
{
    public Task WriteMarketBarsAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct) => Run(() => inner.WriteMarketBarsAsync(prices, ct));

    public Task<IReadOnlyList<MarketBar>> GetMarketBarsAsync(string instrument, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Run(() => inner.GetMarketBarsAsync(instrument, from, to, ct));

    public Task UpsertDayPricesAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct) => Run(() => inner.UpsertDayPricesAsync(date, prices, ct));

    public Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsOfAsync(DateOnly onOrBefore, CancellationToken ct) => Run(() => inner.GetPricesAsOfAsync(onOrBefore, ct));

    public Task PutEodAsync(DateOnly date, IReadOnlyList<EodRow> rows, CancellationToken ct) => Run(() => inner.PutEodAsync(date, rows, ct));

    public Task<IReadOnlyList<EodRow>> GetLatestEodAsync(DateOnly onOrBefore, CancellationToken ct) => Run(() => inner.GetLatestEodAsync(onOrBefore, ct));

    public Task ReplaceSodAccountsAsync(DateOnly date, IReadOnlyList<SodRow> rows, CancellationToken ct) => Run(() => inner.ReplaceSodAccountsAsync(date, rows, ct));

    public Task<IReadOnlyList<SodRow>> GetSodAsync(DateOnly date, CancellationToken ct) => Run(() => inner.GetSodAsync(date, ct));

    public Task<TradeWriteResult> PutTradesAsync(IReadOnlyList<Trade> trades, CancellationToken ct) => Run(() => inner.PutTradesAsync(trades, ct));

    public Task<IReadOnlyList<Trade>> GetTradesAsync(DateOnly date, CancellationToken ct) => Run(() => inner.GetTradesAsync(date, ct));

    public Task<BlotterPage> QueryBlotterAsync(BlotterQuery query, CancellationToken ct) => Run(() => inner.QueryBlotterAsync(query, ct));

    public Task<bool> PutPositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct) =>
        Run(() => inner.PutPositionsAsync(date, positions, version, ct));

    public Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct) => Run(() => inner.GetPositionsAsync(date, ct));

    public Task<long> BumpFactsVersionAsync(DateOnly date, CancellationToken ct) => Run(() => inner.BumpFactsVersionAsync(date, ct));

    public Task<IReadOnlyList<DateOnly>> GetFactDatesAfterAsync(DateOnly after, CancellationToken ct) => Run(() => inner.GetFactDatesAfterAsync(after, ct));

    public Task<long> GetFactsVersionAsync(DateOnly date, CancellationToken ct) => Run(() => inner.GetFactsVersionAsync(date, ct));

    public Task<DateOnly?> GetLatestBusinessDateAsync(CancellationToken ct) => Run(() => inner.GetLatestBusinessDateAsync(ct));

    public Task PutOrderSnapshotAsync(OrderSnapshot snapshot, CancellationToken ct) => Run(() => inner.PutOrderSnapshotAsync(snapshot, ct));

    public Task PutOrderSnapshotHeaderAsync(OrderSnapshotHeader header, CancellationToken ct) => Run(() => inner.PutOrderSnapshotHeaderAsync(header, ct));
}
