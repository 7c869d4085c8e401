using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;

namespace Frgm.Storage.Aws;

/// <summary>
/// Merges one file's prices into stored 1-minute bars: fold the file per (instrument, minute), read the stored
/// bars in BatchGetItem, merge, and write back only the bars that changed with a version-conditioned PutItem
/// (optimistic lock: a concurrent writer makes us re-read and re-merge). Cost per file: one read and at most one
/// write per instrument-minute, never per tick; a replay reads and writes nothing.
/// </summary>
internal sealed class MarketBarWriter
{
    private const int MaxInFlight = 16;
    private const int MaxAttempts = 10;

    private readonly DynamoTable _table;

    public MarketBarWriter(DynamoTable table) => _table = table;

    public async Task WriteAsync(IReadOnlyList<MarketPrice> prices, CancellationToken ct)
    {
        var incoming = BarState.FromPrices(prices);
        if (incoming.Count == 0)
        {
            return;
        }

        var keys = incoming.Select(KeyOf).ToList();
        var stored = (await _table.BatchGetAsync(keys, ct))
            .Select(HistoryItems.ToBarState)
            .ToDictionary(KeyOf);
        await Parallel.ForEachAsync(
            incoming,
            new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = ct },
            async (bar, token) => await MergeAndPutAsync(bar, stored.GetValueOrDefault(KeyOf(bar)), token));
    }

    private static (string Pk, string Sk) KeyOf(BarState bar) =>
        (HistoryKeys.BarPartition(bar.Instrument, DateOnly.FromDateTime(bar.MinuteStart.UtcDateTime)), HistoryKeys.BarSort(bar.MinuteStart));

    private async Task MergeAndPutAsync(BarState incoming, BarState? stored, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            BarState merged;
            if (stored is null)
            {
                merged = incoming.Copy();
            }
            else
            {
                merged = stored.Copy();
                if (!merged.MergeFrom(incoming))
                {
                    return;
                }
            }

            var request = new PutItemRequest { Item = HistoryItems.Bar(merged, (stored?.Version ?? 0) + 1) };
            if (stored is null)
            {
                request.ConditionExpression = "attribute_not_exists(pk)";
            }
            else
            {
                request.ConditionExpression = "version = :v";
                request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = AttributeValues.N(stored.Version) };
            }

            if (await _table.TryPutAsync(request, ct))
            {
                return;
            }

            var key = KeyOf(incoming);
            stored = await _table.GetAsync(key.Pk, key.Sk, ct) is { } item ? HistoryItems.ToBarState(item) : null;
        }

        throw new AwsStoreException(
            $"dynamodb table {_table.Name} at {_table.Endpoint}: bar {incoming.Instrument} {HistoryKeys.BarSort(incoming.MinuteStart)} " +
            $"kept changing under {MaxAttempts} merge attempts");
    }
}
