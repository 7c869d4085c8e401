using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// A real history store whose next GetTrades, once armed, reads the trades and then holds its (by then stale)
/// answer until released: the slow recompute of a concurrent Lambda, made deterministic.
/// </summary>
public sealed class PausingHistoryStore(IHistoryStore inner) : IHistoryStore
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes once the armed GetTrades has read its answer and is holding it.</summary>
    public Task Paused => _paused.Task;

    public void ArmNextGetTrades() => Interlocked.Exchange(ref _armed, 1);

    public void Release() => _released.TrySetResult();

    public async Task<IReadOnlyList<Trade>> GetTradesAsync(DateOnly date, CancellationToken ct)
    {
        var trades = await inner.GetTradesAsync(date, ct);
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _paused.TrySetResult();
            await _released.Task.WaitAsync(ct);
        }

        return trades;
    }

    public Task WriteMarketBarsAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct) => inner.WriteMarketBarsAsync(prices, ct);

    public Task<IReadOnlyList<MarketBar>> GetMarketBarsAsync(string instrument, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        inner.GetMarketBarsAsync(instrument, from, to, ct);

    public Task PutEodAsync(DateOnly date, IReadOnlyList<EodRow> rows, CancellationToken ct) => inner.PutEodAsync(date, rows, ct);

    public Task UpsertDayPricesAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct) => inner.UpsertDayPricesAsync(date, prices, ct);

    public Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsOfAsync(DateOnly onOrBefore, CancellationToken ct) => inner.GetPricesAsOfAsync(onOrBefore, ct);

    public Task<IReadOnlyList<DateOnly>> GetFactDatesAfterAsync(DateOnly after, CancellationToken ct) => inner.GetFactDatesAfterAsync(after, ct);

    public Task<IReadOnlyList<EodRow>> GetLatestEodAsync(DateOnly onOrBefore, CancellationToken ct) => inner.GetLatestEodAsync(onOrBefore, ct);

    public Task ReplaceSodAccountsAsync(DateOnly date, IReadOnlyList<SodRow> rows, CancellationToken ct) => inner.ReplaceSodAccountsAsync(date, rows, ct);

    public Task<IReadOnlyList<SodRow>> GetSodAsync(DateOnly date, CancellationToken ct) => inner.GetSodAsync(date, ct);

    public Task<TradeWriteResult> PutTradesAsync(IReadOnlyList<Trade> trades, CancellationToken ct) => inner.PutTradesAsync(trades, ct);

    public Task<BlotterPage> QueryBlotterAsync(BlotterQuery query, CancellationToken ct) => inner.QueryBlotterAsync(query, ct);

    public Task<bool> PutPositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct) =>
        inner.PutPositionsAsync(date, positions, version, ct);

    public Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct) => inner.GetPositionsAsync(date, ct);

    public Task<long> BumpFactsVersionAsync(DateOnly date, CancellationToken ct) => inner.BumpFactsVersionAsync(date, ct);

    public Task<long> GetFactsVersionAsync(DateOnly date, CancellationToken ct) => inner.GetFactsVersionAsync(date, ct);

    public Task<DateOnly?> GetLatestBusinessDateAsync(CancellationToken ct) => inner.GetLatestBusinessDateAsync(ct);

    public Task PutOrderSnapshotAsync(OrderSnapshot snapshot, CancellationToken ct) => inner.PutOrderSnapshotAsync(snapshot, ct);

    public Task PutOrderSnapshotHeaderAsync(OrderSnapshotHeader header, CancellationToken ct) => inner.PutOrderSnapshotHeaderAsync(header, ct);
}
