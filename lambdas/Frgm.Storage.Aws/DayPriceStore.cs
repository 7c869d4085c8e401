using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using static Frgm.Storage.Aws.AttributeValues;

namespace Frgm.Storage.Aws;

/// <summary>
/// Day prices (TABLES.md): one item per (market-data business date, instrument) holding its latest price, written
/// with a keep-later condition so concurrent files and replays converge; a per-table list of those dates; and the
/// list of dates whose facts version was ever bumped (what a late fact must recompute).
/// </summary>
internal sealed class DayPriceStore(DynamoTable table)
{
    public async Task UpsertAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        var winners = DayPrices.Fold(prices);
        if (winners.Count == 0)
        {
            return;
        }

        await Parallel.ForEachAsync(
            winners.Values,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (price, token) => await table.TryPutAsync(
                new PutItemRequest
                {
                    Item = Item(date, price),
                    ConditionExpression = "attribute_not_exists(pk) OR #ts < :ts OR (#ts = :ts AND price < :p)",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#ts"] = "timestamp" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":ts"] = Time(price.Timestamp), [":p"] = N(price.Price) },
                },
                token));

        // Listed after its rows, so a reader never looks up a date whose prices are still missing.
        await table.PutAsync(DateItem(HistoryKeys.DayPriceDatesPartition, date, "DAY_PRICE_DATE"), ct);
    }

    public async Task<IReadOnlyDictionary<string, MarketPrice>> AsOfAsync(DateOnly onOrBefore, CancellationToken ct)
    {
        var dates = await DatesAsync(HistoryKeys.DayPriceDatesPartition, "sk <= :d", onOrBefore, ct);
        var perDate = new List<Dictionary<string, AttributeValue>>[dates.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, dates.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => perDate[i] = await table.QueryPartitionAsync(HistoryKeys.DayPricePartition(dates[i]), null, token));
        var winners = new Dictionary<string, MarketPrice>(StringComparer.Ordinal);
        foreach (var item in perDate.SelectMany(items => items))
        {
            DayPrices.Keep(winners, ToPrice(item));
        }

        return winners;
    }

    /// <summary>Registers a date with facts; idempotent, and done before the date's version is bumped.</summary>
    public Task RegisterFactDateAsync(DateOnly date, CancellationToken ct) =>
        table.PutAsync(DateItem(HistoryKeys.FactDatesPartition, date, "FACT_DATE"), ct);

    public Task<IReadOnlyList<DateOnly>> FactDatesAfterAsync(DateOnly after, CancellationToken ct) =>
        DatesAsync(HistoryKeys.FactDatesPartition, "sk > :d", after, ct);

    private async Task<IReadOnlyList<DateOnly>> DatesAsync(string partition, string condition, DateOnly bound, CancellationToken ct)
    {
        var items = await table.QueryAllAsync(
            new QueryRequest
            {
                ConsistentRead = true,
                KeyConditionExpression = "pk = :pk AND " + condition,
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = S(partition), [":d"] = S(Format(bound)) },
            },
            ct);
        return [.. items.Select(i => i.GetDate("business_date")).Order()];
    }

    private static Dictionary<string, AttributeValue> DateItem(string partition, DateOnly date, string type) => new()
    {
        [TableShape.PartitionKey] = S(partition),
        [TableShape.SortKey] = S(Format(date)),
        [HistoryItems.TypeAttribute] = S(type),
        ["business_date"] = S(Format(date)),
    };

    private static Dictionary<string, AttributeValue> Item(DateOnly date, MarketPrice p)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(HistoryKeys.DayPricePartition(date)),
            [TableShape.SortKey] = S(p.Instrument),
            [HistoryItems.TypeAttribute] = S("DAY_PRICE"),
            ["business_date"] = S(Format(date)),
            ["instrument"] = S(p.Instrument),
            ["price"] = N(p.Price),
            ["timestamp"] = Time(p.Timestamp),
        };
        PutIfNotNull(item, "bid", p.Bid);
        PutIfNotNull(item, "ask", p.Ask);
        PutIfNotNull(item, "volume", p.Volume);
        return item;
    }

    private static MarketPrice ToPrice(Dictionary<string, AttributeValue> item) => new(
        item.GetString("instrument"),
        item.GetDecimal("price"),
        item.GetDecimalOrNull("bid"),
        item.GetDecimalOrNull("ask"),
        item.GetLongOrNull("volume"),
        item.GetTime("timestamp"));
}
