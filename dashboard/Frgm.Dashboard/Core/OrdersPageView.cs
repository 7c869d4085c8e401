using System.Globalization;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Dashboard.Core;

/// <summary>
/// One page of the current working-order set: the matching orders after the cursor, at most a limit, and the
/// cursor of the next page (null on the last). <see cref="Matched"/> counts every match in the set.
/// </summary>
public sealed record OrdersPageView(DateTimeOffset? SnapshotTime, IReadOnlyList<WorkingOrder> Orders, int Matched, string? NextCursor)
{
    /// <summary>Orders fetched from the store per read while a page is filled or matches are counted.</summary>
    public const int Chunk = 5000;

    public static OrdersPageView Empty { get; } = new(null, [], 0, null);

    /// <summary>Pages through an in-memory snapshot (same rules as <see cref="ReadAsync"/>).</summary>
    public static OrdersPageView Of(OrderSnapshot? snapshot, DataFilter filter, int limit, string? cursor)
    {
        var set = snapshot is null ? null : new WorkingOrderSet(snapshot.SnapshotTime, snapshot.Orders.Count, "memory");
        return ReadAsync(
            set,
            (start, count) => Task.FromResult<IReadOnlyList<WorkingOrder>>([.. snapshot!.Orders.Skip(start).Take(count)]),
            filter,
            limit,
            cursor).GetAwaiter().GetResult(); // the reads above complete synchronously
    }

    /// <summary>A page read from the store a chunk at a time: memory bounded by the chunk, whatever the set's size.</summary>
    public static async Task<OrdersPageView> ReadAsync(ILatestStateStore store, DataFilter filter, int limit, string? cursor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var set = await store.GetWorkingOrderSetAsync(ct);
        return await ReadAsync(set, (start, count) => store.ReadWorkingOrdersAsync(set!, start, count, ct), filter, limit, cursor);
    }

    /// <summary>
    /// A cursor belongs to the set it came from ("o.&lt;ticks&gt;.&lt;position&gt;"): once a newer snapshot replaced it,
    /// the cursor is refused rather than silently mixing two sets. With a filter, every match is counted by reading
    /// the whole set in chunks (time grows with the set, memory does not).
    /// </summary>
    private static async Task<OrdersPageView> ReadAsync(
        WorkingOrderSet? set, Func<int, int, Task<IReadOnlyList<WorkingOrder>>> read, DataFilter filter, int limit, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (set is null)
        {
            return cursor is null ? Empty : throw new ArgumentException("no working-order snapshot to continue", nameof(cursor));
        }

        var start = 0;
        if (cursor is not null)
        {
            var (ticks, index) = Parse(cursor);
            if (ticks != set.SnapshotTime.UtcTicks)
            {
                throw new ArgumentException("the snapshot this cursor belongs to was replaced; start again without a cursor", nameof(cursor));
            }

            start = index;
        }

        var filtered = filter.AccountId is not null || filter.Ticker is not null;
        var page = new List<WorkingOrder>(Math.Min(limit, Math.Max(0, set.Count - start)));
        var matched = 0;
        int? next = null;
        var position = filtered ? 0 : start; // a filter counts the matches before the cursor too
        while (position < set.Count && (filtered || next is null))
        {
            var chunk = await read(position, filtered ? Chunk : Math.Min(limit + 1, set.Count - position));
            if (chunk.Count == 0)
            {
                break; // replaced and deleted while reading: the next request gets a 400 for its cursor
            }

            for (var i = 0; i < chunk.Count; i++, position++)
            {
                var o = chunk[i];
                if (!filter.Matches(o.AccountId, o.Ticker))
                {
                    continue;
                }

                matched++;
                if (position < start)
                {
                    continue;
                }

                if (page.Count < limit)
                {
                    page.Add(o);
                }
                else
                {
                    next ??= position;
                    if (!filtered)
                    {
                        break;
                    }
                }
            }
        }

        return new OrdersPageView(
            set.SnapshotTime,
            page,
            filtered ? matched : set.Count,
            next is { } n ? string.Create(CultureInfo.InvariantCulture, $"o.{set.SnapshotTime.UtcTicks}.{n}") : null);
    }

    private static (long Ticks, int Index) Parse(string cursor)
    {
        var parts = cursor.Split('.');
        return parts.Length == 3 && parts[0] == "o"
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? (ticks, index)
                : throw new FormatException("not a working-order cursor");
    }
}
