using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Folds prices into 1-minute bars so that replaying any price is a no-op and arrival order does not matter
/// for open/high/low/close. A price extends the bar when its time is before the open or after the close
/// (that counts as a tick); a price inside the bar's span only moves high/low, so a replay never counts twice.
/// Equal timestamps tie-break to the larger price, which keeps the result independent of order.
/// </summary>
public static class MarketBarMerge
{
    public static DateTimeOffset MinuteOf(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    public static MarketBar Start(MarketPrice price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var at = price.Timestamp.ToUniversalTime();
        return new MarketBar(price.Instrument, MinuteOf(at), price.Price, at, price.Price, price.Price, price.Price, at, price.Volume, 1);
    }

    public static MarketBar Merge(MarketBar bar, MarketPrice price)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(price);
        var at = price.Timestamp.ToUniversalTime();
        var ticks = bar.Ticks;
        var (open, openTime) = (bar.Open, bar.OpenTime);
        if (at < openTime)
        {
            (open, openTime) = (price.Price, at);
            ticks++;
        }
        else if (at == openTime && price.Price > open)
        {
            open = price.Price;
        }

        var (close, closeTime, volume) = (bar.Close, bar.CloseTime, bar.Volume);
        if (at > closeTime)
        {
            (close, closeTime, volume) = (price.Price, at, price.Volume ?? bar.Volume);
            ticks++;
        }
        else if (at == closeTime)
        {
            close = Math.Max(close, price.Price);
            volume = Max(volume, price.Volume);
        }

        return bar with
        {
            Open = open,
            OpenTime = openTime,
            High = Math.Max(bar.High, price.Price),
            Low = Math.Min(bar.Low, price.Price),
            Close = close,
            CloseTime = closeTime,
            Volume = volume,
            Ticks = ticks,
        };
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
