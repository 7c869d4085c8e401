using Frgm.Domain.Model;

namespace Frgm.Domain.Positions;

/// <summary>
/// The trades that count for one business date, in the order they are applied: duplicates of a trade id
/// dropped (the first in input order wins, whatever its date), then ordered by exec time (missing times
/// last) with input order breaking ties. Already-ordered input, the usual case, is not sorted at all.
/// </summary>
internal sealed class TradeSequence
{
    private readonly Slot[] _slots;

    private TradeSequence(Slot[] slots, int count, int duplicates)
    {
        _slots = slots;
        Count = count;
        Duplicates = duplicates;
    }

    public int Count { get; }

    /// <summary>Trades ignored because an earlier trade had the same id.</summary>
    public int Duplicates { get; }

    /// <summary>Index into the original trade list of the <paramref name="position"/>-th trade to apply.</summary>
    public int IndexAt(int position) => _slots[position].Index;

    public static TradeSequence For(IReadOnlyList<Trade> trades, DateOnly businessDate)
    {
        var seen = new HashSet<string>(trades.Count, StringComparer.Ordinal);
        var slots = new Slot[trades.Count];
        var count = 0;
        var duplicates = 0;
        var ordered = true;
        var previous = long.MinValue;
        for (var i = 0; i < trades.Count; i++)
        {
            var trade = trades[i];
            if (!seen.Add(trade.TradeId))
            {
                duplicates++;
                continue;
            }

            if (trade.TradeDate != businessDate)
            {
                continue;
            }

            var ticks = trade.ExecTime?.UtcTicks ?? long.MaxValue;
            ordered &= ticks >= previous;
            previous = ticks;
            slots[count++] = new Slot(ticks, i);
        }

        if (!ordered)
        {
            Array.Sort(slots, 0, count);
        }

        return new TradeSequence(slots, count, duplicates);
    }

    /// <summary>Sort key: exec time in UTC ticks (long.MaxValue when absent), then input position.</summary>
    private readonly record struct Slot(long Ticks, int Index) : IComparable<Slot>
    {
        public int CompareTo(Slot other)
        {
            var byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime : Index.CompareTo(other.Index);
        }
    }
}
