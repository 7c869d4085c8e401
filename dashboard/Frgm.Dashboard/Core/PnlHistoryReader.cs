using Frgm.Application.Ports;

namespace Frgm.Dashboard.Core;

/// <summary>An account's intraday P&amp;L for a business date, with the day's high and low (earliest time on a tie).</summary>
public sealed record PnlHistoryView(string AccountId, DateOnly Date, IReadOnlyList<PnlPoint> Points, PnlPoint? High, PnlPoint? Low);

/// <summary>Reads <see cref="IPnlHistoryStore"/> for the API and the Accounts page chart.</summary>
public sealed class PnlHistoryReader(StorageSet storage, DashboardReader reader)
{
    /// <summary>Null when the date resolves to nothing, or the account has neither points nor positions on it (a 404).</summary>
    public async Task<PnlHistoryView?> GetAsync(string accountId, DateOnly? requested, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        if (await reader.ResolveDateAsync(requested, ct) is not { } date)
        {
            return null;
        }

        var points = await storage.PnlHistory.GetAsync(accountId, date, ct);
        if (points.Count == 0)
        {
            var positions = await reader.GetPositionsAsync(new DataFilter(date, accountId, null), ct);
            if (positions.Positions.Count == 0)
            {
                return null;
            }
        }

        return new PnlHistoryView(accountId, date, points, Extreme(points, high: true), Extreme(points, high: false));
    }

    private static PnlPoint? Extreme(IReadOnlyList<PnlPoint> points, bool high)
    {
        PnlPoint? best = null;
        foreach (var p in points)
        {
            if (best is null || (high ? p.DayPnl > best.DayPnl : p.DayPnl < best.DayPnl))
            {
                best = p;
            }
        }

        return best;
    }
}
