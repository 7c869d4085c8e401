using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

/// <summary>History and facts: DynamoDB in AWS, SQLite embedded. Every write is an idempotent upsert.</summary>
public interface IHistoryStore
{
    /// <summary>Merges prices into per-instrument 1-minute bars (open/high/low/close by timestamp); replaying is a no-op.</summary>
    Task WriteMarketBarsAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct);

    Task<IReadOnlyList<MarketBar>> GetMarketBarsAsync(string instrument, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>
    /// Keeps, per instrument, the latest price (<see cref="DayPrices.IsLater"/>) of the market-data files of business
    /// date <paramref name="date"/>: the facts behind the as-of-D mark. Replaying is a no-op; order does not matter.
    /// </summary>
    Task UpsertDayPricesAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct);

    /// <summary>Per instrument, the latest price among market-data files dated on or before <paramref name="onOrBefore"/> (strongly consistent).</summary>
    Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsOfAsync(DateOnly onOrBefore, CancellationToken ct);

    Task PutEodAsync(DateOnly date, IReadOnlyList<EodRow> rows, CancellationToken ct);

    /// <summary>For each instrument, its rows from the latest EOD date on or before <paramref name="onOrBefore"/>.</summary>
    Task<IReadOnlyList<EodRow>> GetLatestEodAsync(DateOnly onOrBefore, CancellationToken ct);

    /// <summary>SOD restatement: replaces the stored rows of the accounts named in <paramref name="rows"/> for the date.</summary>
    Task ReplaceSodAccountsAsync(DateOnly date, IReadOnlyList<SodRow> rows, CancellationToken ct);

    Task<IReadOnlyList<SodRow>> GetSodAsync(DateOnly date, CancellationToken ct);

    /// <summary>
    /// Stores trades keyed by trade_id. A trade_id already stored from another source file is a duplicate: not
    /// written again, and counted. A trade_id already stored from the same file (a retry) is not a duplicate.
    /// </summary>
    Task<TradeWriteResult> PutTradesAsync(IReadOnlyList<Trade> trades, CancellationToken ct);

    Task<IReadOnlyList<Trade>> GetTradesAsync(DateOnly date, CancellationToken ct);

    Task<BlotterPage> QueryBlotterAsync(BlotterQuery query, CancellationToken ct);

    /// <summary>
    /// Replaces the date's positions unless positions of a newer facts version are stored (applies when the stored
    /// version is absent or &lt;= <paramref name="version"/>). Returns false when skipped. See
    /// <see cref="ILatestStateStore.ReplacePositionsAsync"/> for why the version makes concurrent recomputes converge.
    /// </summary>
    Task<bool> PutPositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct);

    Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct);

    /// <summary>
    /// Atomically adds one to the date's facts version (durable, starts at 0) and returns the new value. Called after
    /// facts that can change the date's positions (trades, SOD, EOD, prices) are written and before its recompute.
    /// </summary>
    Task<long> BumpFactsVersionAsync(DateOnly date, CancellationToken ct);

    /// <summary>
    /// The dates after <paramref name="after"/> whose facts version was ever bumped, ascending (strongly consistent).
    /// A bump registers its date before it returns, so a file that stored its facts and then lists dates either sees a
    /// concurrent file's date or that file's recompute reads these facts.
    /// </summary>
    Task<IReadOnlyList<DateOnly>> GetFactDatesAfterAsync(DateOnly after, CancellationToken ct);

    /// <summary>The date's facts version (0 when never bumped); strongly consistent, so a recompute reads it before its facts.</summary>
    Task<long> GetFactsVersionAsync(DateOnly date, CancellationToken ct);

    /// <summary>The latest business date with positions or trades, or null when there is none.</summary>
    Task<DateOnly?> GetLatestBusinessDateAsync(CancellationToken ct);

    /// <summary>Keeps the snapshot for 7 days (TTL), every order with it: for small snapshots (tests, tools).</summary>
    Task PutOrderSnapshotAsync(OrderSnapshot snapshot, CancellationToken ct);

    /// <summary>
    /// Keeps a snapshot's header for 7 days (TTL): its time, order count and the object it was read from (the body
    /// lives in the bucket), so one history entry is small whatever the snapshot's size (DynamoDB's 400 KB item limit).
    /// </summary>
    Task PutOrderSnapshotHeaderAsync(OrderSnapshotHeader header, CancellationToken ct);
}
