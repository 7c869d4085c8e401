using System.Globalization;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Core;

/// <summary>
/// One page of the current working-order set: the matching orders after the cursor, at most a limit, and the
/// cursor of the next page (null on the last). <see cref="Matched"/> counts every match in the snapshot.
/// </summary>
public sealed record OrdersPageView(DateTimeOffset? SnapshotTime, IReadOnlyList<WorkingOrder> Orders, int Matched, string? NextCursor)
{
    public static OrdersPageView Empty { get; } = new(null, [], 0, null);

    /// <summary>
    /// Pages through <paramref name="snapshot"/>. A cursor belongs to the snapshot it came from ("o.&lt;ticks&gt;.&lt;index&gt;"):
    /// once a newer snapshot replaced it, the cursor is refused rather than silently mixing two sets.
    /// </summary>
    public static OrdersPageView Of(OrderSnapshot? snapshot, DataFilter filter, int limit, string? cursor)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (snapshot is null)
        {
            return cursor is null ? Empty : throw new ArgumentException("no working-order snapshot to continue", nameof(cursor));
        }

        var start = 0;
        if (cursor is not null)
        {
            var (ticks, index) = Parse(cursor);
            if (ticks != snapshot.SnapshotTime.UtcTicks)
            {
                throw new ArgumentException("the snapshot this cursor belongs to was replaced; start again without a cursor", nameof(cursor));
            }

            start = index;
        }

        var page = new List<WorkingOrder>(Math.Min(limit, snapshot.Orders.Count));
        var matched = 0;
        int? next = null;
        for (var i = 0; i < snapshot.Orders.Count; i++)
        {
            var o = snapshot.Orders[i];
            if (!filter.Matches(o.AccountId, o.Ticker))
            {
                continue;
            }

            matched++;
            if (i < start)
            {
                continue;
            }

            if (page.Count < limit)
            {
                page.Add(o);
            }
            else
            {
                next ??= i;
            }
        }

        return new OrdersPageView(
            snapshot.SnapshotTime,
            page,
            matched,
            next is { } n ? string.Create(CultureInfo.InvariantCulture, $"o.{snapshot.SnapshotTime.UtcTicks}.{n}") : null);
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
