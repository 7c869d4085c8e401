using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using static Frgm.Storage.Aws.AttributeValues;

namespace Frgm.Storage.Aws;

/// <summary>
/// Day prices (TABLES.md): per market-data business date, the latest price of every instrument, kept in
/// <see cref="Shards"/> items (an instrument's shard is fixed by a hash of its name), each a map of instrument → price
/// with an optimistic-lock version; a per-table list of those dates; and the list of dates whose facts version was
/// ever bumped (what a late fact must recompute). A file's prices cost one read and one conditional write per shard
/// it touches (at most 16), not one conditional write per instrument: DynamoDB has no conditional batch write, so
/// folding many instruments into few items is what keeps keep-later safe under concurrent files without a round
/// trip per instrument.
/// </summary>
internal sealed class DayPriceStore(DynamoTable table)
{
    public const int Shards = 16;

    private const int InFlight = Shards; // one round: every shard a file touches is written at once
    private const string Prices = "prices";
    private const string Version = "version";

    public async Task UpsertAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        var winners = DayPrices.Fold(prices);
        if (winners.Count == 0)
        {
            return;
        }

        var partition = HistoryKeys.DayPricePartition(date);
        var byShard = winners.Values.GroupBy(p => ShardOf(p.Instrument)).ToDictionary(g => g.Key, g => g.ToList());
        var stored = (await table.BatchGetAsync([.. byShard.Keys.Select(shard => (partition, HistoryKeys.DayPriceShardSort(shard)))], ct))
            .ToDictionary(i => i.GetString(TableShape.SortKey), StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            byShard,
            new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = ct },
            async (shard, token) =>
            {
                var sort = HistoryKeys.DayPriceShardSort(shard.Key);
                var current = stored.GetValueOrDefault(sort);
                var merged = await DynamoRetry.OptimisticLock.ExecuteAsync(
                    async cancel =>
                    {
                        if (await TryMergeAsync(date, shard.Key, current, shard.Value, cancel))
                        {
                            return true;
                        }

                        // Another file wrote this shard since we read it: read it again and merge onto that.
                        current = await table.GetAsync(partition, sort, cancel);
                        return false;
                    },
                    token);
                if (!merged)
                {
                    throw new AwsStoreException(
                        $"dynamodb table {table.Name} at {table.Endpoint}: day prices {partition}/{sort} kept changing under " +
                        $"{DynamoRetry.OptimisticLockAttempts} merge attempts");
                }
            });

        // Listed after its rows, so a reader never looks up a date whose prices are still missing.
        await table.PutAsync(DateItem(HistoryKeys.DayPriceDatesPartition, date, "DAY_PRICE_DATE"), ct);
    }

    /// <summary>Writes the shard with the incoming prices folded in; true when written or nothing changed, false on a lost race.</summary>
    private async Task<bool> TryMergeAsync(
        DateOnly date, int shard, Dictionary<string, AttributeValue>? current, List<MarketPrice> incoming, CancellationToken ct)
    {
        var winners = new Dictionary<string, MarketPrice>(StringComparer.Ordinal);
        foreach (var price in current is null ? [] : PricesOf(current))
        {
            winners[price.Instrument] = price;
        }

        var changed = false;
        foreach (var price in incoming)
        {
            if (DayPrices.IsLater(price, winners.GetValueOrDefault(price.Instrument)))
            {
                winners[price.Instrument] = price;
                changed = true;
            }
        }

        if (!changed)
        {
            return true;
        }

        var version = current?.GetLongOrNull(Version) ?? 0;
        var request = new PutItemRequest { Item = ShardItem(date, shard, winners.Values, version + 1) };
        if (current is null)
        {
            request.ConditionExpression = "attribute_not_exists(pk)";
        }
        else
        {
            request.ConditionExpression = "#v = :v";
            request.ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = Version };
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = N(version) };
        }

        return await table.TryPutAsync(request, ct);
    }

    /// <summary>Stable across processes and runs (unlike string.GetHashCode): the first byte of SHA-256 of the name.</summary>
    internal static int ShardOf(string instrument)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(instrument), hash);
        return hash[0] % Shards;
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
        foreach (var price in perDate.SelectMany(items => items).SelectMany(PricesOf))
        {
            DayPrices.Keep(winners, price);
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

    private static Dictionary<string, AttributeValue> ShardItem(DateOnly date, int shard, IEnumerable<MarketPrice> prices, long version) => new()
    {
        [TableShape.PartitionKey] = S(HistoryKeys.DayPricePartition(date)),
        [TableShape.SortKey] = S(HistoryKeys.DayPriceShardSort(shard)),
        [HistoryItems.TypeAttribute] = S("DAY_PRICES"),
        ["business_date"] = S(Format(date)),
        [Prices] = S(JsonSerializer.Serialize(prices.OrderBy(p => p.Instrument, StringComparer.Ordinal).ToList(), AwsJsonContext.Default.ListMarketPrice)),
        [Version] = N(version),
    };

    /// <summary>
    /// A shard item's prices. Written as one JSON string; read also from the two layouts before it: a map of
    /// instrument → price attributes, and one item per instrument.
    /// </summary>
    private static IEnumerable<MarketPrice> PricesOf(Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(Prices, out var prices))
        {
            return [ToPrice(item)];
        }

        if (prices.M is { } map)
        {
            return map.Values.Select(v => ToPrice(v.M));
        }

        var json = item.GetString(Prices);
        try
        {
            return JsonSerializer.Deserialize(json, AwsJsonContext.Default.ListMarketPrice) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"DynamoDB item pk={item.GetStringOrNull(TableShape.PartitionKey)} sk={item.GetStringOrNull(TableShape.SortKey)}: '{Prices}' is not a JSON list of prices: {ex.Message}",
                ex);
        }
    }

    private static MarketPrice ToPrice(Dictionary<string, AttributeValue> item) => new(
        item.GetString("instrument"),
        item.GetDecimal("price"),
        item.GetDecimalOrNull("bid"),
        item.GetDecimalOrNull("ask"),
        item.GetLongOrNull("volume"),
        item.GetTime("timestamp"));
}
