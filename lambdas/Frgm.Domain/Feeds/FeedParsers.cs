using Frgm.Domain.Feeds.Csv;
using Frgm.Domain.Feeds.Json;
using Frgm.Domain.Feeds.Rows;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds;

/// <summary>
/// Entry points for every feed of FORMATS.md. CSV parsers stream: rows are yielded as they are read,
/// so memory does not grow with the file. A missing required column throws <see cref="FeedFormatException"/>
/// on the first MoveNext. The caller owns (and disposes) the stream.
/// </summary>
public static class FeedParsers
{
    public static IEnumerable<ParsedRow<MarketPrice>> MarketData(Stream content, DateTimeOffset fallbackTimestamp)
    {
        ArgumentNullException.ThrowIfNull(content);
        return CsvFeed.Read(content, MarketDataRows.Schema, MarketDataRows.Parser(fallbackTimestamp));
    }

    public static IEnumerable<ParsedRow<EodRow>> Eod(Stream content, DateOnly businessDate)
    {
        ArgumentNullException.ThrowIfNull(content);
        return CsvFeed.Read(content, EodRows.Schema, EodRows.Parser(businessDate));
    }

    public static IEnumerable<ParsedRow<SodRow>> Sod(Stream content, DateOnly businessDate)
    {
        ArgumentNullException.ThrowIfNull(content);
        return CsvFeed.Read(content, SodRows.Schema, SodRows.Parser(businessDate));
    }

    public static IEnumerable<ParsedRow<Trade>> Trades(Stream content, string sourceFile)
    {
        ArgumentNullException.ThrowIfNull(content);
        return CsvFeed.Read(content, TradeRows.Schema, TradeRows.Parser(sourceFile));
    }

    public static OrderSnapshot WorkingOrders(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return WorkingOrdersReader.ReadAll(content);
    }

    /// <summary>The snapshot as a stream of order batches (<see cref="WorkingOrdersReader.ReadBatch"/>): memory independent of its size.</summary>
    public static WorkingOrdersReader WorkingOrdersStream(Stream content) => new(content);

    public static IEnumerable<ParsedRow<Instrument>> Instruments(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return CsvFeed.Read(content, InstrumentRows.Schema, InstrumentRows.Parse);
    }
}
