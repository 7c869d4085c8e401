using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// A real history store that fails one named operation while armed, as an unreachable table would:
/// used to prove that ingestion records FAILED, rethrows, and converges on retry without duplicates.
/// </summary>
public sealed class FailingHistoryStore(IHistoryStore inner) : IHistoryStore
{
    private string? _operation;
    private int _failuresLeft;

    public int Failures { get; private set; }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> (a method name without Async) throw.</summary>
    public void Arm(string operation, int times = 1)
    {
        _operation = operation;
        _failuresLeft = times;
    }

    public Task WriteMarketBarsAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct) =>
        Guard(nameof(WriteMarketBarsAsync), () => inner.WriteMarketBarsAsync(prices, ct));

    public Task<IReadOnlyList<MarketBar>> GetMarketBarsAsync(string instrument, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Guard(nameof(GetMarketBarsAsync), () => inner.GetMarketBarsAsync(instrument, from, to, ct));

    public Task PutEodAsync(DateOnly date, IReadOnlyList<EodRow> rows, CancellationToken ct) =>
        Guard(nameof(PutEodAsync), () => inner.PutEodAsync(date, rows, ct));

    public Task UpsertDayPricesAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct) =>
        Guard(nameof(UpsertDayPricesAsync), () => inner.UpsertDayPricesAsync(date, prices, ct));

    public Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsOfAsync(DateOnly onOrBefore, CancellationToken ct) =>
        Guard(nameof(GetPricesAsOfAsync), () => inner.GetPricesAsOfAsync(onOrBefore, ct));

    public Task<IReadOnlyList<DateOnly>> GetFactDatesAfterAsync(DateOnly after, CancellationToken ct) =>
        Guard(nameof(GetFactDatesAfterAsync), () => inner.GetFactDatesAfterAsync(after, ct));

    public Task<IReadOnlyList<EodRow>> GetLatestEodAsync(DateOnly onOrBefore, CancellationToken ct) =>
        Guard(nameof(GetLatestEodAsync), () => inner.GetLatestEodAsync(onOrBefore, ct));

    public Task ReplaceSodAccountsAsync(DateOnly date, IReadOnlyList<SodRow> rows, CancellationToken ct) =>
        Guard(nameof(ReplaceSodAccountsAsync), () => inner.ReplaceSodAccountsAsync(date, rows, ct));

    public Task<IReadOnlyList<SodRow>> GetSodAsync(DateOnly date, CancellationToken ct) =>
        Guard(nameof(GetSodAsync), () => inner.GetSodAsync(date, ct));

    public Task<TradeWriteResult> PutTradesAsync(IReadOnlyList<Trade> trades, CancellationToken ct) =>
        Guard(nameof(PutTradesAsync), () => inner.PutTradesAsync(trades, ct));

    public Task<IReadOnlyList<Trade>> GetTradesAsync(DateOnly date, CancellationToken ct) =>
        Guard(nameof(GetTradesAsync), () => inner.GetTradesAsync(date, ct));

    public Task<BlotterPage> QueryBlotterAsync(BlotterQuery query, CancellationToken ct) =>
        Guard(nameof(QueryBlotterAsync), () => inner.QueryBlotterAsync(query, ct));

    public Task<bool> PutPositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct) =>
        Guard(nameof(PutPositionsAsync), () => inner.PutPositionsAsync(date, positions, version, ct));

    public Task<long> BumpFactsVersionAsync(DateOnly date, CancellationToken ct) =>
        Guard(nameof(BumpFactsVersionAsync), () => inner.BumpFactsVersionAsync(date, ct));

    public Task<long> GetFactsVersionAsync(DateOnly date, CancellationToken ct) =>
        Guard(nameof(GetFactsVersionAsync), () => inner.GetFactsVersionAsync(date, ct));

    public Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct) =>
        Guard(nameof(GetPositionsAsync), () => inner.GetPositionsAsync(date, ct));

    public Task<DateOnly?> GetLatestBusinessDateAsync(CancellationToken ct) =>
        Guard(nameof(GetLatestBusinessDateAsync), () => inner.GetLatestBusinessDateAsync(ct));

    public Task PutOrderSnapshotAsync(OrderSnapshot snapshot, CancellationToken ct) =>
        Guard(nameof(PutOrderSnapshotAsync), () => inner.PutOrderSnapshotAsync(snapshot, ct));

    public Task PutOrderSnapshotHeaderAsync(OrderSnapshotHeader header, CancellationToken ct) =>
        Guard(nameof(PutOrderSnapshotHeaderAsync), () => inner.PutOrderSnapshotHeaderAsync(header, ct));

    private Task Guard(string method, Func<Task> call) => Guard(method, async () =>
    {
        await call();
        return true;
    });

    private Task<T> Guard<T>(string method, Func<Task<T>> call)
    {
        if (_failuresLeft > 0 && method == _operation + "Async")
        {
            _failuresLeft--;
            Failures++;
            return Task.FromException<T>(new IOException($"simulated outage of the history table during {_operation}"));
        }

        return call();
    }
}
