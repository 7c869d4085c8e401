using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>
/// One conditional PutItem per trade, keyed by trade_id: written when the id is new or was stored from the
/// same source file (a retry overwrites itself), refused — a duplicate — when another file already stored it.
/// </summary>
internal sealed class TradeWriter
{
    private const int MaxInFlight = 16;

    private readonly DynamoTable _table;

    public TradeWriter(DynamoTable table) => _table = table;

    public async Task<TradeWriteResult> WriteAsync(IReadOnlyList<Trade> trades, CancellationToken ct)
    {
        // Within one call the first occurrence of an id is the one tried; later ones from another file are duplicates.
        var first = new Dictionary<string, Trade>(StringComparer.Ordinal);
        var duplicates = new ConcurrentBag<string>();
        foreach (var trade in trades)
        {
            if (!first.TryGetValue(trade.TradeId, out var seen))
            {
                first[trade.TradeId] = trade;
            }
            else if (seen.SourceFile != trade.SourceFile)
            {
                duplicates.Add(trade.TradeId);
            }
        }

        var written = 0;
        await Parallel.ForEachAsync(
            first.Values,
            new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = ct },
            async (trade, token) =>
            {
                if (await _table.TryPutAsync(Request(trade), token))
                {
                    Interlocked.Increment(ref written);
                }
                else
                {
                    duplicates.Add(trade.TradeId);
                }
            });

        var ids = duplicates.Order(StringComparer.Ordinal).ToList();
        return new TradeWriteResult(written, ids.Count, ids) { FirstSources = await FirstSourcesAsync(ids, ct) };
    }

    /// <summary>The stored copy of each id refused here names the file that booked it first.</summary>
    private async Task<Dictionary<string, string?>> FirstSourcesAsync(List<string> ids, CancellationToken ct)
    {
        var sources = new Dictionary<string, string?>(StringComparer.Ordinal);
        var keys = ids.Distinct(StringComparer.Ordinal).Select(id => (HistoryKeys.TradePartition(id), HistoryKeys.TradeSort)).ToList();
        if (keys.Count == 0)
        {
            return sources;
        }

        foreach (var item in await _table.BatchGetAsync(keys, ct))
        {
            sources[item.GetString("trade_id")] = item.GetStringOrNull("source_file");
        }

        return sources;
    }

    private static PutItemRequest Request(Trade trade)
    {
        var request = new PutItemRequest { Item = HistoryItems.Trade(trade) };
        if (trade.SourceFile is { } source)
        {
            request.ConditionExpression = "attribute_not_exists(pk) OR source_file = :src";
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":src"] = AttributeValues.S(source) };
        }
        else
        {
            request.ConditionExpression = "attribute_not_exists(pk) OR attribute_not_exists(source_file)";
        }

        return request;
    }
}
