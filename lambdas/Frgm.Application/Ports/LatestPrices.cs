using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

/// <summary>The latest-state stores' keep-later rule, applied to one call's prices before they reach the store.</summary>
public static class LatestPrices
{
    /// <summary>
    /// One price per instrument: the greatest timestamp, and on equal timestamps the later row (the stores replace an
    /// equal timestamp too). Only these reach the store: a file repeats each instrument once per snapshot, and every
    /// earlier snapshot would be overwritten within the same call anyway.
    /// </summary>
    public static Dictionary<string, MarketPrice> Fold(IEnumerable<MarketPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var latest = new Dictionary<string, MarketPrice>(StringComparer.Ordinal);
        foreach (var price in prices)
        {
            if (!latest.TryGetValue(price.Instrument, out var current) || current.Timestamp <= price.Timestamp)
            {
                latest[price.Instrument] = price;
            }
        }

        return latest;
    }
}
