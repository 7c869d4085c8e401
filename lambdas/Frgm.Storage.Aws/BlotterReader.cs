using Amazon.DynamoDBv2.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>
/// Pages the blotter newest first from gsi1 (gsi1pk BLOTTER#date, gsi1sk exec time + trade_id). Account and
/// ticker are filter expressions on the day's partition, so a page may need several Query calls; it asks for
/// one row more than the page to know, exactly, whether another page exists.
/// </summary>
internal sealed class BlotterReader
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;
    private const int FilteredReadAhead = 200;

    private readonly DynamoTable _table;

    public BlotterReader(DynamoTable table) => _table = table;

    public static int EffectiveLimit(int requested) => requested <= 0 ? DefaultLimit : Math.Min(requested, MaxLimit);

    public async Task<BlotterPage> QueryAsync(BlotterQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = EffectiveLimit(query.Limit);
        var partition = HistoryKeys.BlotterPartition(query.Date);
        var start = string.IsNullOrEmpty(query.Cursor) ? null : BlotterCursor.Decode(query.Cursor, partition);
        var filter = Filter(query, out var values);
        values[":p"] = AttributeValues.S(partition);

        var rows = new List<Dictionary<string, AttributeValue>>();
        while (true)
        {
            var wanted = limit + 1 - rows.Count;
            var page = await _table.QueryPageAsync(
                new QueryRequest
                {
                    IndexName = TableShape.Gsi1,
                    KeyConditionExpression = "gsi1pk = :p",
                    FilterExpression = filter,
                    ExpressionAttributeValues = values,
                    ScanIndexForward = false,
                    ExclusiveStartKey = start,
                    Limit = filter is null ? wanted : Math.Max(wanted, FilteredReadAhead),
                },
                ct);
            rows.AddRange(page.Items ?? []);
            if (rows.Count > limit)
            {
                rows.RemoveRange(limit, rows.Count - limit);
                return new BlotterPage([.. rows.Select(HistoryItems.ToTrade)], BlotterCursor.Encode(rows[^1]));
            }

            if (page.LastEvaluatedKey is not { Count: > 0 } next)
            {
                return new BlotterPage([.. rows.Select(HistoryItems.ToTrade)], null);
            }

            start = next;
        }
    }

    private static string? Filter(BlotterQuery query, out Dictionary<string, AttributeValue> values)
    {
        values = [];
        var clauses = new List<string>();
        if (!string.IsNullOrEmpty(query.AccountId))
        {
            clauses.Add("account_id = :a");
            values[":a"] = AttributeValues.S(query.AccountId);
        }

        if (!string.IsNullOrEmpty(query.Ticker))
        {
            clauses.Add("ticker = :t");
            values[":t"] = AttributeValues.S(query.Ticker);
        }

        return clauses.Count == 0 ? null : string.Join(" AND ", clauses);
    }
}
