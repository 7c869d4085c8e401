using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>The history table (TABLES.md): bars, EOD, SOD, trades and blotter, positions, order snapshots, latest date.</summary>
public sealed class DynamoHistoryStore : IHistoryStore
{
    public static readonly TimeSpan OrderSnapshotRetention = TimeSpan.FromDays(7);

    private readonly DynamoTable _table;
    private readonly TimeProvider _clock;
    private readonly MarketBarWriter _bars;
    private readonly TradeWriter _trades;
    private readonly BlotterReader _blotter;
    private readonly PositionWriter _positions;
    private readonly DayPriceStore _dayPrices;

    public DynamoHistoryStore(IAmazonDynamoDB client, AwsSettings settings, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _table = new DynamoTable(client, settings.HistoryTable, AwsClientFactory.DynamoDbEndpoint(settings));
        _clock = clock ?? TimeProvider.System;
        _bars = new MarketBarWriter(_table);
        _trades = new TradeWriter(_table);
        _blotter = new BlotterReader(_table);
        _positions = new PositionWriter(_table);
        _dayPrices = new DayPriceStore(_table);
    }

    public Task WriteMarketBarsAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct) => _bars.WriteAsync(prices, ct);

    public async Task<IReadOnlyList<MarketBar>> GetMarketBarsAsync(string instrument, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var bars = new List<MarketBar>();
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime(to.UtcDateTime);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var items = await _table.QueryAllAsync(
                new QueryRequest
                {
                    ConsistentRead = true,
                    KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":pk"] = AttributeValues.S(HistoryKeys.BarPartition(instrument, day)),
                        [":from"] = AttributeValues.S(HistoryKeys.BarSort(BarState.MinuteOf(from))),
                        [":to"] = AttributeValues.S(HistoryKeys.BarSortUpperBound(BarState.MinuteOf(to))),
                    },
                },
                ct);
            bars.AddRange(MarketBarWriter.Fold(items));
        }

        return bars;
    }

    public Task UpsertDayPricesAsync(DateOnly date, IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return _dayPrices.UpsertAsync(date, prices, ct);
    }

    public Task<IReadOnlyDictionary<string, MarketPrice>> GetPricesAsOfAsync(DateOnly onOrBefore, CancellationToken ct) =>
        _dayPrices.AsOfAsync(onOrBefore, ct);

    public async Task PutEodAsync(DateOnly date, IReadOnlyList<EodRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await _table.WriteAllAsync([.. rows.Select(r => Put(HistoryItems.Eod(date, r)))], ct);

        // The index is written after the rows, so it never names a date whose rows are missing.
        var instruments = rows.Select(r => r.Instrument).Distinct(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            instruments,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (instrument, token) => await _table.TryUpdateAsync(
                new UpdateItemRequest
                {
                    Key = DynamoTable.Key(HistoryKeys.EodIndexPartition, instrument),
                    UpdateExpression = "SET #type = :type, instrument = :i ADD dates :d",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#type"] = HistoryItems.TypeAttribute },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":type"] = AttributeValues.S("EOD_INDEX"),
                        [":i"] = AttributeValues.S(instrument),
                        [":d"] = new AttributeValue { SS = [AttributeValues.Format(date)] },
                    },
                },
                token));
    }

    public async Task<IReadOnlyList<EodRow>> GetLatestEodAsync(DateOnly onOrBefore, CancellationToken ct)
    {
        var limit = AttributeValues.Format(onOrBefore);
        var latestByInstrument = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var index in await _table.QueryPartitionAsync(HistoryKeys.EodIndexPartition, null, ct))
        {
            var dates = index.TryGetValue("dates", out var ss) ? ss.SS ?? [] : [];
            if (dates.Where(d => string.CompareOrdinal(d, limit) <= 0).Max(StringComparer.Ordinal) is { } latest)
            {
                latestByInstrument[index.GetString("instrument")] = latest;
            }
        }

        var rows = new List<EodRow>();
        foreach (var date in latestByInstrument.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var items = await _table.QueryPartitionAsync("EOD#" + date, null, ct);
            rows.AddRange(items.Select(HistoryItems.ToEod).Where(r => latestByInstrument.GetValueOrDefault(r.Instrument) == date));
        }

        return rows;
    }

    public async Task ReplaceSodAccountsAsync(DateOnly date, IReadOnlyList<SodRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var accounts = rows.Select(r => r.Account).ToHashSet(StringComparer.Ordinal);
        var keep = rows.Select(r => HistoryKeys.SodSort(r.Account, r.Instrument)).ToHashSet(StringComparer.Ordinal);
        var stale = (await _table.QueryPartitionAsync(HistoryKeys.SodPartition(date), null, ct))
            .Where(i => accounts.Contains(i.GetString("account")) && !keep.Contains(i.GetString(TableShape.SortKey)))
            .Select(i => new WriteRequest(new DeleteRequest(DynamoTable.Key(i.GetString(TableShape.PartitionKey), i.GetString(TableShape.SortKey)))));

        // New rows first, stale ones after: a reader in between sees extra old rows, never a missing account.
        await _table.WriteAllAsync([.. rows.Select(r => Put(HistoryItems.Sod(date, r)))], ct);
        await _table.WriteAllAsync([.. stale], ct);
    }

    public async Task<IReadOnlyList<SodRow>> GetSodAsync(DateOnly date, CancellationToken ct) =>
        [.. (await _table.QueryPartitionAsync(HistoryKeys.SodPartition(date), null, ct)).Select(HistoryItems.ToSod)];

    public async Task<TradeWriteResult> PutTradesAsync(IReadOnlyList<Trade> trades, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var result = await _trades.WriteAsync(trades, ct);
        if (trades.Count > 0)
        {
            await AdvanceLatestBusinessDateAsync(trades.Max(t => t.TradeDate), ct);
        }

        return result;
    }

    public async Task<IReadOnlyList<Trade>> GetTradesAsync(DateOnly date, CancellationToken ct)
    {
        var items = await _table.QueryAllAsync(
            new QueryRequest
            {
                IndexName = TableShape.Gsi1,
                KeyConditionExpression = "gsi1pk = :p",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = AttributeValues.S(HistoryKeys.BlotterPartition(date)) },
            },
            ct);
        return [.. items.Select(HistoryItems.ToTrade)];
    }

    public Task<BlotterPage> QueryBlotterAsync(BlotterQuery query, CancellationToken ct) => _blotter.QueryAsync(query, ct);

    /// <summary>Versioned replace through <see cref="PositionWriter"/> (not atomic beyond 99 rows: see there).</summary>
    public async Task<bool> PutPositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (!await _positions.WriteAsync(date, positions, version, ct))
        {
            return false;
        }

        if (positions.Count > 0)
        {
            await AdvanceLatestBusinessDateAsync(date, ct);
        }

        return true;
    }

    public async Task<long> BumpFactsVersionAsync(DateOnly date, CancellationToken ct)
    {
        await _dayPrices.RegisterFactDateAsync(date, ct);
        return await _positions.BumpFactsAsync(date, ct);
    }

    public Task<IReadOnlyList<DateOnly>> GetFactDatesAfterAsync(DateOnly after, CancellationToken ct) => _dayPrices.FactDatesAfterAsync(after, ct);

    public Task<long> GetFactsVersionAsync(DateOnly date, CancellationToken ct) => _positions.GetFactsAsync(date, ct);

    public async Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct) =>
        [.. (await _table.QueryPartitionAsync(HistoryKeys.PositionPartition(date), null, ct)).Select(HistoryItems.ToPosition)];

    public async Task<DateOnly?> GetLatestBusinessDateAsync(CancellationToken ct) =>
        await _table.GetAsync(HistoryKeys.LatestPartition, HistoryKeys.LatestBusinessDateSort, ct) is { } item
            ? item.GetDate("business_date")
            : null;

    public async Task PutOrderSnapshotAsync(OrderSnapshot snapshot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var expiresAt = (_clock.GetUtcNow() + OrderSnapshotRetention).ToUnixTimeSeconds();
        await _table.WriteAllAsync([.. snapshot.Orders.Select(o => Put(HistoryItems.Order(snapshot.SnapshotTime, o, expiresAt)))], ct);

        // The header goes last: a snapshot listed by day is complete.
        await _table.PutAsync(HistoryItems.OrderSnapshotHeader(snapshot, expiresAt), ct);
    }

    /// <summary>One item (time, count, object): no ORDER# items, so a snapshot of any size is one small write.</summary>
    public async Task PutOrderSnapshotHeaderAsync(OrderSnapshotHeader header, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        var expiresAt = (_clock.GetUtcNow() + OrderSnapshotRetention).ToUnixTimeSeconds();
        await _table.PutAsync(HistoryItems.OrderSnapshotHeader(header, expiresAt), ct);
    }

    private static WriteRequest Put(Dictionary<string, AttributeValue> item) => new(new PutRequest(item));

    /// <summary>Moves the marker forward only (ISO dates compare as strings); an older date leaves it alone.</summary>
    private Task AdvanceLatestBusinessDateAsync(DateOnly date, CancellationToken ct) =>
        _table.TryUpdateAsync(
            new UpdateItemRequest
            {
                Key = DynamoTable.Key(HistoryKeys.LatestPartition, HistoryKeys.LatestBusinessDateSort),
                UpdateExpression = "SET business_date = :d, #type = :type",
                ConditionExpression = "attribute_not_exists(business_date) OR business_date < :d",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#type"] = HistoryItems.TypeAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":d"] = AttributeValues.S(AttributeValues.Format(date)),
                    [":type"] = AttributeValues.S("LATEST_BUSINESS_DATE"),
                },
            },
            ct);
}
