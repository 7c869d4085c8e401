using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;

namespace Frgm.Storage.Aws;

/// <summary>
/// Versioned positions in the history table. Per date: a facts counter (<c>FACTS#&lt;date&gt;</c>/<c>VERSION</c>, UpdateItem
/// ADD) and a header (<c>POS_HEADER#&lt;date&gt;</c>/<c>VERSION</c>) holding the version the stored <c>POS#&lt;date&gt;</c> rows
/// were computed from. A write first claims the header (conditional UpdateItem: absent or &lt;= ours), then writes
/// its rows and deletes rows it no longer has in TransactWriteItems of 99 items plus a ConditionCheck that the header
/// still holds its version. A day's positions can exceed one transaction (100 items), so the set is not replaced
/// atomically; what is guaranteed: once a higher version claims the header no lower-version row write or delete
/// can commit, and the higher writer's delete pass (a strongly consistent query after its claim) sees and removes
/// every row a lower version committed before. A reader during a write may see a mix of the two sets.
/// </summary>
internal sealed class PositionWriter(DynamoTable table)
{
    private const int RowsPerTransaction = 99;
    private const string Version = "version";

    public async Task<long> BumpFactsAsync(DateOnly date, CancellationToken ct)
    {
        var response = await table.RunAsync(
            c => c.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = table.Name,
                    Key = DynamoTable.Key(HistoryKeys.FactsVersionPartition(date), HistoryKeys.VersionSort),
                    UpdateExpression = "SET #type = :type ADD #v :one",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#type"] = HistoryItems.TypeAttribute, ["#v"] = Version },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":type"] = AttributeValues.S("FACTS_VERSION"),
                        [":one"] = AttributeValues.N(1L),
                    },
                    ReturnValues = Amazon.DynamoDBv2.ReturnValue.UPDATED_NEW,
                },
                ct),
            ct);
        return response.Attributes.GetLong(Version);
    }

    public async Task<long> GetFactsAsync(DateOnly date, CancellationToken ct) =>
        await table.GetAsync(HistoryKeys.FactsVersionPartition(date), HistoryKeys.VersionSort, ct) is { } item ? item.GetLong(Version) : 0;

    /// <summary>False when a newer version claimed the date first or meanwhile (its writer then owns the rows).</summary>
    public async Task<bool> WriteAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct)
    {
        if (!await ClaimAsync(date, version, ct))
        {
            return false;
        }

        var partition = HistoryKeys.PositionPartition(date);
        var puts = positions.Select(p => new TransactWriteItem { Put = new Put { TableName = table.Name, Item = HistoryItems.Position(date, p) } });
        if (!await WriteHeldAsync(date, version, [.. puts], ct))
        {
            return false;
        }

        var keep = positions.Select(p => HistoryKeys.PositionSort(p.AccountId, p.Ticker)).ToHashSet(StringComparer.Ordinal);
        var stale = (await table.QueryPartitionAsync(partition, null, ct))
            .Select(i => i.GetString(TableShape.SortKey))
            .Where(sk => !keep.Contains(sk))
            .Select(sk => new TransactWriteItem { Delete = new Delete { TableName = table.Name, Key = DynamoTable.Key(partition, sk) } });
        return await WriteHeldAsync(date, version, [.. stale], ct);
    }

    /// <remarks>The header may be inside another writer's transaction right now: that conflict is retried.</remarks>
    private Task<bool> ClaimAsync(DateOnly date, long version, CancellationToken ct) =>
        DynamoRetry.Conflicts.ExecuteAsync(
            async token => await table.TryUpdateAsync(
                new UpdateItemRequest
                {
                    Key = HeaderKey(date),
                    UpdateExpression = "SET #v = :v, #type = :type, business_date = :d",
                    ConditionExpression = "attribute_not_exists(#v) OR #v <= :v",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#type"] = HistoryItems.TypeAttribute, ["#v"] = Version },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":v"] = AttributeValues.N(version),
                        [":type"] = AttributeValues.S("POSITIONS_HEADER"),
                        [":d"] = AttributeValues.S(AttributeValues.Format(date)),
                    },
                },
                token),
            ct).AsTask();

    /// <summary>Runs the items in transactions that each also check the header still holds <paramref name="version"/>.</summary>
    private async Task<bool> WriteHeldAsync(DateOnly date, long version, List<TransactWriteItem> items, CancellationToken ct)
    {
        foreach (var chunk in items.Chunk(RowsPerTransaction))
        {
            var check = new TransactWriteItem
            {
                ConditionCheck = new ConditionCheck
                {
                    TableName = table.Name,
                    Key = HeaderKey(date),
                    ConditionExpression = "#v = :v",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = Version },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = AttributeValues.N(version) },
                },
            };
            if (!await table.TryTransactAsync([check, .. chunk], ct))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, AttributeValue> HeaderKey(DateOnly date) =>
        DynamoTable.Key(HistoryKeys.PositionsHeaderPartition(date), HistoryKeys.VersionSort);
}
