using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

/// <summary>
/// The current picture the dashboard reads first: MemoryDB in AWS, in-process + SQLite embedded.
/// Every write is idempotent so that a retried file never double counts.
/// </summary>
public interface ILatestStateStore
{
    /// <summary>
    /// Stores the latest of <paramref name="prices"/> per instrument (<see cref="LatestPrices.Fold"/>) unless a price
    /// with a later timestamp is already stored; an equal one is replaced, so a replay is idempotent. Returns how many
    /// instruments' prices were stored.
    /// </summary>
    Task<int> UpsertPricesAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct);

    Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsync(CancellationToken ct);

    /// <summary>Replaces the whole working-order set atomically: a reader sees the old set or the new one, never a mix.</summary>
    Task ReplaceWorkingOrdersAsync(OrderSnapshot snapshot, CancellationToken ct);

    /// <summary>The whole set in memory (<see cref="WorkingOrderSets.ReadAllAsync"/>): small sets only; readers page.</summary>
    Task<OrderSnapshot?> GetWorkingOrdersAsync(CancellationToken ct);

    /// <summary>Starts writing a new working-order set beside the current one (a snapshot streamed in batches).</summary>
    Task<IWorkingOrderStaging> BeginWorkingOrdersAsync(CancellationToken ct);

    /// <summary>The current set's time, size and generation, or null when there is none.</summary>
    Task<WorkingOrderSet?> GetWorkingOrderSetAsync(CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="count"/> orders of <paramref name="set"/> from position <paramref name="start"/>, in file
    /// order. Empty once the set has been replaced and deleted.
    /// </summary>
    Task<IReadOnlyList<WorkingOrder>> ReadWorkingOrdersAsync(WorkingOrderSet set, int start, int count, CancellationToken ct);

    /// <summary>
    /// Replaces the positions held for <paramref name="date"/> (the current business date) as a whole, unless positions
    /// computed from a newer facts version are already stored: applies when the stored version is absent or
    /// &lt;= <paramref name="version"/> (<see cref="IHistoryStore.GetFactsVersionAsync"/> read before the facts were loaded),
    /// atomically with that comparison. Returns false when skipped: the stored positions already include this
    /// writer's facts, so concurrent recomputes converge on the newest whatever order their writes land in.
    /// </summary>
    Task<bool> ReplacePositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct);

    /// <summary>The latest business date that has positions here, or null.</summary>
    Task<DateOnly?> GetPositionsDateAsync(CancellationToken ct);

    Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct);

    /// <summary>When a feed (wire name: market-data, eod, sod, trades, working-orders, tt-poll) last succeeded. Keeps the later time.</summary>
    Task SetFeedTimestampAsync(string feed, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetFeedTimestampsAsync(CancellationToken ct);
}
