using Frgm.Domain.Feeds.Csv;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Rows;

/// <summary>Actant market data (FORMATS.md "Actant market data").</summary>
internal static class MarketDataRows
{
    private const int Instrument = 0;
    private const int Price = 1;
    private const int Bid = 2;
    private const int Ask = 3;
    private const int Volume = 4;
    private const int Timestamp = 5;

    public static readonly CsvSchema Schema = new(
        "market data",
        [
            new("instrument", Required: true),
            new("price", Required: true),
            new("bid", Required: false),
            new("ask", Required: false),
            new("volume", Required: false),
            new("timestamp", Required: false),
        ]);

    public static Func<CsvRow, MarketPrice?> Parser(DateTimeOffset fallbackTimestamp)
    {
        var fallback = fallbackTimestamp.ToUniversalTime();
        return row =>
        {
            var instrument = row.Key(Instrument);
            var price = row.Decimal(Price);
            var bid = row.OptionalDecimal(Bid);
            var ask = row.OptionalDecimal(Ask);
            var volume = row.OptionalInteger(Volume);
            if (volume < 0)
            {
                row.Fail(Volume, "must not be negative");
            }

            var timestamp = row.OptionalTimestamp(Timestamp) ?? fallback;
            return row.Failed ? null : new MarketPrice(instrument, price, bid, ask, volume, timestamp);
        };
    }
}
