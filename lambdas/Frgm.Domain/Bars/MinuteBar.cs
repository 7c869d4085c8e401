using System.Globalization;
using Frgm.Domain.Model;

namespace Frgm.Domain.Bars;

/// <summary>
/// The one 1-minute bar fold (both storage adapters use it). Positions and bars must not depend on arrival order
/// or on a file delivered twice, so every field is a merge that is commutative, associative and idempotent:
/// <list type="bullet">
/// <item><b>Order of ticks</b>: by (time, price, volume), an empty volume before any number. The open is the least
/// tick, the close the greatest: on an equal-time open the smaller price opens, on an equal-time close the larger
/// price closes.</item>
/// <item><b>High/low</b>: max/min of every price in the minute.</item>
/// <item><b>Volume</b>: the closing tick's. The market-data volume column is the instrument's traded volume at the
/// snapshot (one row per instrument per snapshot, FORMATS.md), i.e. a running session figure, not a per-tick
/// quantity: the bar reports it as of its close, so it can fall when a later snapshot corrects it (a max would
/// keep the wrong figure), and it is empty when the closing tick left it empty.</item>
/// <item><b>Ticks</b>: the number of distinct price times in the minute, to the millisecond (feed timestamps carry
/// milliseconds). Rows with the same time are one snapshot, so a re-delivered row, or two rows at one instant,
/// count once. The set of offsets is part of the stored state for that reason.</item>
/// </list>
/// </summary>
public sealed class MinuteBar
{
    private readonly HashSet<int> _tickOffsets;

    private MinuteBar(string instrument, DateTimeOffset minuteStart, HashSet<int> tickOffsets)
    {
        Instrument = instrument;
        MinuteStart = minuteStart;
        _tickOffsets = tickOffsets;
    }

    public string Instrument { get; }

    public DateTimeOffset MinuteStart { get; }

    public decimal Open { get; private set; }

    public DateTimeOffset OpenTime { get; private set; }

    public decimal High { get; private set; }

    public decimal Low { get; private set; }

    public decimal Close { get; private set; }

    public DateTimeOffset CloseTime { get; private set; }

    public long? Volume { get; private set; }

    /// <summary>Milliseconds after <see cref="MinuteStart"/> of every distinct tick time.</summary>
    public IReadOnlyCollection<int> TickOffsets => _tickOffsets;

    /// <summary>
    /// The tick times as both history stores keep them: ascending milliseconds into the minute, comma-separated. One
    /// string, not a DynamoDB number set: DynamoDB Local parses, sorts and dedupes every member of a set, which cost the
    /// bar items 13–19 % of their write rate (TABLES.md).
    /// </summary>
    public string TickOffsetsText => string.Join(',', _tickOffsets.Order().Select(o => o.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="TickOffsetsText"/>; nothing (a bar stored before tick times were kept) reads as none.</summary>
    public static IEnumerable<int> ParseTickOffsets(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>The UTC minute a timestamp falls in.</summary>
    public static DateTimeOffset MinuteOf(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    /// <summary>A bar holding one tick.</summary>
    public static MinuteBar Of(MarketPrice price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var at = price.Timestamp.ToUniversalTime();
        var bar = new MinuteBar(price.Instrument, MinuteOf(at), [])
        {
            Open = price.Price,
            OpenTime = at,
            High = price.Price,
            Low = price.Price,
            Close = price.Price,
            CloseTime = at,
            Volume = price.Volume,
        };
        bar._tickOffsets.Add(bar.OffsetOf(at));
        return bar;
    }

    /// <summary>
    /// A stored bar with its tick times. A bar stored before tick times were kept has none: its open and close
    /// times stand in for them (the ticks between them are not known any more).
    /// </summary>
    public static MinuteBar FromStored(MarketBar stored, IEnumerable<int> tickOffsets)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(tickOffsets);
        var bar = new MinuteBar(stored.Instrument, stored.MinuteStart, [.. tickOffsets])
        {
            Open = stored.Open,
            OpenTime = stored.OpenTime,
            High = stored.High,
            Low = stored.Low,
            Close = stored.Close,
            CloseTime = stored.CloseTime,
            Volume = stored.Volume,
        };
        if (bar._tickOffsets.Count == 0)
        {
            bar._tickOffsets.Add(bar.OffsetOf(stored.OpenTime));
            bar._tickOffsets.Add(bar.OffsetOf(stored.CloseTime));
        }

        return bar;
    }

    /// <summary>
    /// Folds prices into one bar per (instrument, minute), in first-seen order of the bars. The bars themselves do
    /// not depend on the order of <paramref name="prices"/>.
    /// </summary>
    public static List<MinuteBar> Fold(IEnumerable<MarketPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var bars = new Dictionary<(string, long), MinuteBar>();
        var order = new List<MinuteBar>();
        foreach (var price in prices)
        {
            var key = (price.Instrument, MinuteOf(price.Timestamp).UtcTicks);
            if (bars.TryGetValue(key, out var bar))
            {
                bar.Add(price);
            }
            else
            {
                bar = Of(price);
                bars[key] = bar;
                order.Add(bar);
            }
        }

        return order;
    }

    /// <summary>Adds one tick of this bar's instrument and minute; true when the bar changed.</summary>
    public bool Add(MarketPrice price) => MergeFrom(Of(price));

    /// <summary>Merges a bar of the same instrument and minute into this one; true when anything changed.</summary>
    public bool MergeFrom(MinuteBar other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Instrument != Instrument || other.MinuteStart != MinuteStart)
        {
            throw new ArgumentException(
                $"bar {other.Instrument} {other.MinuteStart:O} cannot merge into bar {Instrument} {MinuteStart:O}", nameof(other));
        }

        var changed = false;
        if (Compare(other.OpenTime, other.Open, OpenTime, Open) < 0)
        {
            (Open, OpenTime, changed) = (other.Open, other.OpenTime, true);
        }

        if (CompareClose(other, this) > 0)
        {
            (Close, CloseTime, Volume, changed) = (other.Close, other.CloseTime, other.Volume, true);
        }

        if (other.High > High)
        {
            (High, changed) = (other.High, true);
        }

        if (other.Low < Low)
        {
            (Low, changed) = (other.Low, true);
        }

        foreach (var offset in other._tickOffsets)
        {
            changed |= _tickOffsets.Add(offset);
        }

        return changed;
    }

    public MinuteBar Copy() => FromStored(ToBar(), _tickOffsets);

    public MarketBar ToBar() => new(Instrument, MinuteStart, Open, OpenTime, High, Low, Close, CloseTime, Volume, _tickOffsets.Count);

    private static int Compare(DateTimeOffset t1, decimal p1, DateTimeOffset t2, decimal p2)
    {
        var byTime = t1.UtcTicks.CompareTo(t2.UtcTicks);
        return byTime != 0 ? byTime : p1.CompareTo(p2);
    }

    private static int CompareClose(MinuteBar a, MinuteBar b)
    {
        var byTimeAndPrice = Compare(a.CloseTime, a.Close, b.CloseTime, b.Close);
        return byTimeAndPrice != 0 ? byTimeAndPrice : Nullable.Compare(a.Volume, b.Volume);
    }

    private int OffsetOf(DateTimeOffset timestamp) => (int)((timestamp.UtcTicks - MinuteStart.UtcTicks) / TimeSpan.TicksPerMillisecond);
}
