using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

/// <summary>
/// The current working-order set as stored: row per order, in file order, under a generation that is switched
/// atomically when a new snapshot is complete. <see cref="Count"/> orders at positions 0..Count-1.
/// </summary>
public sealed record WorkingOrderSet(DateTimeOffset SnapshotTime, int Count, string Generation);

/// <summary>A working-order snapshot in history: the object it came from stands for the orders themselves.</summary>
public sealed record OrderSnapshotHeader(DateTimeOffset SnapshotTime, int OrderCount, string Bucket, string ObjectKey);

/// <summary>
/// A new working-order set written beside the current one, a batch at a time; readers keep the current set until
/// <see cref="CommitAsync"/> switches to it. Disposing without a commit (a bad or refused snapshot) deletes what
/// was written and leaves the current set alone.
/// </summary>
public interface IWorkingOrderStaging : IAsyncDisposable
{
    /// <summary>Appends orders after those already added.</summary>
    Task AddAsync(IReadOnlyList<WorkingOrder> orders, CancellationToken ct);

    /// <summary>
    /// Makes the staged orders the current set with <paramref name="snapshotTime"/>, and deletes the previous set.
    /// With <paramref name="onlyIfNewer"/> the switch happens only when no set with the same or a later time is
    /// current (atomically with that comparison); otherwise the staged orders are deleted. Returns whether it switched.
    /// </summary>
    Task<bool> CommitAsync(DateTimeOffset snapshotTime, bool onlyIfNewer, CancellationToken ct);
}

/// <summary>The whole-set operations of <see cref="ILatestStateStore"/>, built on staging and paged reads.</summary>
public static class WorkingOrderSets
{
    /// <summary>Orders per store write and per read when a whole set is copied.</summary>
    public const int Chunk = 5000;

    public static async Task ReplaceAsync(ILatestStateStore store, OrderSnapshot snapshot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var staging = await store.BeginWorkingOrdersAsync(ct);
        for (var start = 0; start < snapshot.Orders.Count; start += Chunk)
        {
            await staging.AddAsync([.. snapshot.Orders.Skip(start).Take(Chunk)], ct);
        }

        await staging.CommitAsync(snapshot.SnapshotTime, onlyIfNewer: false, ct);
    }

    /// <summary>The whole current set in memory: for small sets (tests, tools); the dashboard reads pages.</summary>
    public static async Task<OrderSnapshot?> ReadAllAsync(ILatestStateStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        while (true)
        {
            if (await store.GetWorkingOrderSetAsync(ct) is not { } set)
            {
                return null;
            }

            var orders = new List<WorkingOrder>(set.Count);
            while (orders.Count < set.Count)
            {
                var page = await store.ReadWorkingOrdersAsync(set, orders.Count, Chunk, ct);
                if (page.Count == 0)
                {
                    break;
                }

                orders.AddRange(page);
            }

            if (orders.Count == set.Count)
            {
                return new OrderSnapshot(set.SnapshotTime, orders);
            }

            // Replaced (and its rows deleted) while being read: read the new set from its start.
        }
    }
}
