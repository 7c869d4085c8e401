using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>
/// A 1-minute bar as stored, plus what makes merging idempotent and order-independent: open/close are decided
/// by (timestamp, price) order, high/low/volume are max/min, and ticks are the distinct millisecond offsets seen
/// in the minute, so a replayed price adds nothing.
/// </summary>
internal sealed class BarState
{
    private BarState(string instrument, DateTimeOffset minuteStart, MarketPrice first)
    {
        Instrument = instrument;
        MinuteStart = minuteStart;
        Open = Close = High = Low = first.Price;
        OpenTime = CloseTime = first.Timestamp.ToUniversalTime();
        Volume = first.Volume;
        TickOffsets = [OffsetOf(first.Timestamp)];
    }

    public BarState(MarketBar bar, IEnumerable<int> tickOffsets, long version)
    {
        Instrument = bar.Instrument;
        MinuteStart = bar.MinuteStart;
        Open = bar.Open;
        OpenTime = bar.OpenTime;
        High = bar.High;
        Low = bar.Low;
        Close = bar.Close;
        CloseTime = bar.CloseTime;
        Volume = bar.Volume;
        TickOffsets = [.. tickOffsets];
        Version = version;
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

    /// <summary>Milliseconds after <see cref="MinuteStart"/> of every distinct tick.</summary>
    public HashSet<int> TickOffsets { get; }

    /// <summary>Optimistic-lock version of the stored item; 0 for a bar not stored yet.</summary>
    public long Version { get; }

    public MarketBar ToBar() => new(Instrument, MinuteStart, Open, OpenTime, High, Low, Close, CloseTime, Volume, TickOffsets.Count);

    public static DateTimeOffset MinuteOf(DateTimeOffset timestamp)
    {
        var utc = timestamp.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    /// <summary>Folds prices into one bar per (instrument, minute).</summary>
    public static List<BarState> FromPrices(IEnumerable<MarketPrice> prices)
    {
        var bars = new Dictionary<(string, DateTimeOffset), BarState>();
        foreach (var price in prices)
        {
            var minute = MinuteOf(price.Timestamp);
            if (bars.TryGetValue((price.Instrument, minute), out var bar))
            {
                bar.Add(price);
            }
            else
            {
                bars[(price.Instrument, minute)] = new BarState(price.Instrument, minute, price);
            }
        }

        return [.. bars.Values];
    }

    /// <summary>Merges <paramref name="other"/> (same instrument and minute) into this bar; true when anything changed.</summary>
    public bool MergeFrom(BarState other)
    {
        var changed = false;
        if (Earlier(other.OpenTime, other.Open, OpenTime, Open))
        {
            (Open, OpenTime, changed) = (other.Open, other.OpenTime, true);
        }

        if (Earlier(CloseTime, Close, other.CloseTime, other.Close))
        {
            (Close, CloseTime, changed) = (other.Close, other.CloseTime, true);
        }

        if (other.High > High)
        {
            (High, changed) = (other.High, true);
        }

        if (other.Low < Low)
        {
            (Low, changed) = (other.Low, true);
        }

        if (other.Volume is { } v && (Volume is null || v > Volume))
        {
            (Volume, changed) = (v, true);
        }

        foreach (var offset in other.TickOffsets)
        {
            changed |= TickOffsets.Add(offset);
        }

        return changed;
    }

    public BarState Copy() => new(ToBar(), TickOffsets, Version);

    private void Add(MarketPrice price) => MergeFrom(new BarState(Instrument, MinuteStart, price));

    // (time, price) is a total order, so which price opens/closes a minute never depends on arrival order.
    private static bool Earlier(DateTimeOffset t1, decimal p1, DateTimeOffset t2, decimal p2) => t1 < t2 || (t1 == t2 && p1 < p2);

    private int OffsetOf(DateTimeOffset timestamp) => (int)(timestamp.ToUniversalTime() - MinuteStart).TotalMilliseconds;
}
