using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

/// <summary>
/// The "as of D" mark (FORMATS.md): per instrument, the price with the greatest timestamp among market-data files
/// whose business date is on or before D. Stores keep one price per (file business date, instrument) and fold with
/// <see cref="IsLater"/>; equal timestamps are broken by the greater price so that the winner never depends on the
/// order files or rows arrived in.
/// </summary>
public static class DayPrices
{
    /// <summary>True when <paramref name="candidate"/> beats <paramref name="current"/> (null: nothing stored yet).</summary>
    public static bool IsLater(MarketPrice candidate, MarketPrice? current)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (current is null)
        {
            return true;
        }

        var byTime = candidate.Timestamp.UtcTicks.CompareTo(current.Timestamp.UtcTicks);
        return byTime > 0 || (byTime == 0 && candidate.Price > current.Price);
    }

    /// <summary>One winner per instrument of <paramref name="prices"/>.</summary>
    public static Dictionary<string, MarketPrice> Fold(IEnumerable<MarketPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var winners = new Dictionary<string, MarketPrice>(StringComparer.Ordinal);
        foreach (var price in prices)
        {
            Keep(winners, price);
        }

        return winners;
    }

    public static void Keep(Dictionary<string, MarketPrice> winners, MarketPrice price)
    {
        ArgumentNullException.ThrowIfNull(winners);
        ArgumentNullException.ThrowIfNull(price);
        if (IsLater(price, winners.GetValueOrDefault(price.Instrument)))
        {
            winners[price.Instrument] = price;
        }
    }
}
