using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds;

/// <summary>
/// Entry points for every feed of FORMATS.md. CSV parsers stream: rows are yielded as they are read,
/// so memory does not grow with the file. A missing required column throws <see cref="FeedFormatException"/>
/// on the first MoveNext.
/// </summary>
public static class FeedParsers
{
    // CONTRACT STUB: replaced by the feed-parser work (issue 2).
    public static IEnumerable<ParsedRow<MarketPrice>> MarketData(Stream content, DateTimeOffset fallbackTimestamp) =>
        throw new NotImplementedException();

    public static IEnumerable<ParsedRow<EodRow>> Eod(Stream content, DateOnly businessDate) =>
        throw new NotImplementedException();

    public static IEnumerable<ParsedRow<SodRow>> Sod(Stream content, DateOnly businessDate) =>
        throw new NotImplementedException();

    public static IEnumerable<ParsedRow<Trade>> Trades(Stream content, string sourceFile) =>
        throw new NotImplementedException();

    public static OrderSnapshot WorkingOrders(Stream content) => throw new NotImplementedException();

    public static IEnumerable<ParsedRow<Instrument>> Instruments(Stream content) =>
        throw new NotImplementedException();
}
