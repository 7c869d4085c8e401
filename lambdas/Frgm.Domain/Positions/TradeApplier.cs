using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>
/// Applies one business date's trades to the book: duplicates of a trade id dropped (the first in input
/// order wins, whatever its date), other dates skipped, each position's fills in exec-time order (missing
/// times last, ties in input order).
/// <para>
/// Trades normally arrive in time order, so they are applied in one streaming pass. A position that sees
/// an older trade after a newer one is marked out of order; after the pass only those positions are
/// reopened and replayed from their sorted fills. No per-trade objects: the id set and one bit per trade.
/// </para>
/// </summary>
internal static class TradeApplier
{
    public static void Apply(IReadOnlyList<Trade> trades, DateOnly businessDate, PositionBook book)
    {
        var seen = new HashSet<string>(trades.Count, StringComparer.Ordinal);
        var accepted = new ulong[(trades.Count + 63) >> 6];
        var anyOutOfOrder = false;
        for (var i = 0; i < trades.Count; i++)
        {
            var trade = trades[i];
            if (!seen.Add(trade.TradeId) || trade.TradeDate != businessDate)
            {
                continue;
            }

            accepted[i >> 6] |= 1UL << i;
            var state = book.StateFor(trade.AccountId, trade.Ticker);
            var ticks = trade.ExecTime?.UtcTicks ?? long.MaxValue;
            if (ticks < state.LastTicks)
            {
                state.OutOfOrder = true;
                anyOutOfOrder = true;
            }
            else
            {
                state.LastTicks = ticks;
            }

            if (!state.OutOfOrder)
            {
                state.Basis.Apply(trade.SignedQuantity, trade.Price);
            }
        }

        if (anyOutOfOrder)
        {
            Replay(trades, accepted, book);
        }
    }

    /// <summary>Re-applies, in (exec time, input order), every accepted trade of the out-of-order positions.</summary>
    private static void Replay(IReadOnlyList<Trade> trades, ulong[] accepted, PositionBook book)
    {
        var fillsByState = new Dictionary<PositionState, List<Fill>>();
        for (var i = 0; i < trades.Count; i++)
        {
            if ((accepted[i >> 6] & (1UL << i)) == 0)
            {
                continue;
            }

            var trade = trades[i];
            var state = book.StateFor(trade.AccountId, trade.Ticker);
            if (!state.OutOfOrder)
            {
                continue;
            }

            if (!fillsByState.TryGetValue(state, out var fills))
            {
                fills = [];
                fillsByState[state] = fills;
            }

            fills.Add(new Fill(trade.ExecTime?.UtcTicks ?? long.MaxValue, i, trade.SignedQuantity, trade.Price));
        }

        foreach (var (state, fills) in fillsByState)
        {
            fills.Sort();
            state.Reopen();
            foreach (var fill in fills)
            {
                state.Basis.Apply(fill.SignedQty, fill.Price);
            }
        }
    }

    /// <summary>A fill to replay, ordered by exec time (UTC ticks, long.MaxValue when absent) then input position.</summary>
    private readonly record struct Fill(long Ticks, int Index, long SignedQty, decimal Price) : IComparable<Fill>
    {
        public int CompareTo(Fill other)
        {
            var byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime : Index.CompareTo(other.Index);
        }
    }
}
