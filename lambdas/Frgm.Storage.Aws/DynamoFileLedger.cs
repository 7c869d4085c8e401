using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>
/// The ingestion ledger table. A claim is one conditional UpdateItem on (bucket+key, sha256): DynamoDB
/// serialises writes to one item, so among concurrent claimers exactly one condition holds.
/// </summary>
public sealed class DynamoFileLedger : IFileLedger
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["#status"] = "status",
        ["#key"] = "key",
        ["#rows"] = "rows",
        ["#bucket"] = "bucket",
        ["#sha"] = "sha256",
        ["#received"] = "received_at",
        ["#lease"] = "lease_until",
        ["#rejected"] = "rejected_rows",
        ["#errors"] = "errors",
        ["#completed"] = "completed_at",
        ["#attempts"] = "attempts",
    };

    private readonly DynamoTable _table;

    public DynamoFileLedger(IAmazonDynamoDB client, AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _table = new DynamoTable(client, settings.LedgerTable, AwsClientFactory.DynamoDbEndpoint(settings));
    }

    public async Task<int> ForgetAsync(BucketRole bucket, string key, CancellationToken ct)
    {
        var items = await _table.QueryPartitionAsync(LedgerItems.Partition(bucket, key), null, ct);
        var deletes = items.Select(i => new WriteRequest(new DeleteRequest(DynamoTable.Key(i[TableShape.PartitionKey].S, i[TableShape.SortKey].S)))).ToList();
        if (deletes.Count > 0)
        {
            await _table.WriteAllAsync(deletes, ct);
        }

        return deletes.Count;
    }

    public async Task<LedgerClaim> TryClaimAsync(
        BucketRole bucket, string key, string sha256, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        var request = new UpdateItemRequest
        {
            TableName = _table.Name,
            Key = DynamoTable.Key(LedgerItems.Partition(bucket, key), LedgerItems.Sort(sha256)),
            UpdateExpression =
                "SET #status = :processing, #bucket = :bucket, #key = :key, #sha = :sha, " +
                "#received = if_not_exists(#received, :now), #lease = :lease, " +
                "gsi1pk = :gpk, gsi1sk = if_not_exists(gsi1sk, :gsk), " +
                "#rows = :zero, #rejected = :zero, #errors = :none " +
                "REMOVE #completed ADD #attempts :one",
            ConditionExpression =
                "attribute_not_exists(pk) OR #status = :failed OR (#status = :processing AND #lease <= :now)",
            ExpressionAttributeNames = Names,
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":processing"] = AttributeValues.S(WireNames.Of(FileStatus.Processing)),
                [":failed"] = AttributeValues.S(WireNames.Of(FileStatus.Failed)),
                [":bucket"] = AttributeValues.S(WireNames.Of(bucket)),
                [":key"] = AttributeValues.S(key),
                [":sha"] = AttributeValues.S(sha256),
                [":now"] = AttributeValues.Time(now),
                [":lease"] = AttributeValues.Time(now + lease),
                [":gpk"] = AttributeValues.S(LedgerItems.StatusPartition(FileStatus.Processing)),
                [":gsk"] = AttributeValues.S(LedgerItems.StatusSort(now, bucket, key, sha256)),
                [":zero"] = AttributeValues.N(0),
                [":none"] = new AttributeValue { L = [] },
                [":one"] = AttributeValues.N(1),
            },
            ReturnValues = ReturnValue.ALL_OLD,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };

        try
        {
            var response = await _table.RunAsync(c => c.UpdateItemAsync(request, ct), ct);
            var prior = response.Attributes is { Count: > 0 } old ? LedgerItems.ToEntry(old) : null;
            return new LedgerClaim(LedgerClaimOutcome.Claimed, prior, (prior?.Attempts ?? 0) + 1);
        }
        catch (ConditionalCheckFailedException ex)
        {
            var existing = ex.Item is { Count: > 0 } item
                ? LedgerItems.ToEntry(item)
                : await GetAsync(bucket, key, sha256, ct)
                    ?? throw new AwsStoreException($"dynamodb table {_table.Name}: claim of {key} refused but no entry found");
            var outcome = existing.Status == FileStatus.Processing ? LedgerClaimOutcome.InProgress : LedgerClaimOutcome.AlreadyProcessed;
            return new LedgerClaim(outcome, existing, existing.Attempts);
        }
    }

    public async Task<bool> RenewAsync(BucketRole bucket, string key, string sha256, int attempt, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var request = new UpdateItemRequest
        {
            TableName = _table.Name,
            Key = DynamoTable.Key(LedgerItems.Partition(bucket, key), LedgerItems.Sort(sha256)),
            UpdateExpression = "SET #lease = :lease",
            ConditionExpression = "#status = :processing AND #attempts = :attempt",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#lease"] = "lease_until", ["#status"] = "status", ["#attempts"] = "attempts" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":lease"] = AttributeValues.Time(leaseUntil),
                [":processing"] = AttributeValues.S(WireNames.Of(FileStatus.Processing)),
                [":attempt"] = AttributeValues.N(attempt),
            },
        };

        try
        {
            await _table.RunAsync(c => c.UpdateItemAsync(request, ct), ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<bool> RemoveAsync(BucketRole bucket, string key, string sha256, CancellationToken ct)
    {
        var response = await _table.RunAsync(
            c => c.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table.Name,
                    Key = DynamoTable.Key(LedgerItems.Partition(bucket, key), LedgerItems.Sort(sha256)),
                    ReturnValues = ReturnValue.ALL_OLD,
                },
                ct),
            ct);
        return response.Attributes is { Count: > 0 };
    }

    public Task RecordAsync(LedgerEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _table.PutAsync(LedgerItems.Entry(entry), ct);
    }

    public async Task<LedgerEntry?> GetAsync(BucketRole bucket, string key, string sha256, CancellationToken ct) =>
        await _table.GetAsync(LedgerItems.Partition(bucket, key), LedgerItems.Sort(sha256), ct) is { } item ? LedgerItems.ToEntry(item) : null;

    public async Task<IReadOnlyList<LedgerEntry>> ListAsync(FileStatus? status, int limit, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return [];
        }

        // "All files" merges the newest `limit` of each status partition: the result is exact.
        FileStatus[] statuses = status is { } s ? [s] : Enum.GetValues<FileStatus>();
        var newest = new List<Dictionary<string, AttributeValue>>();
        foreach (var st in statuses)
        {
            newest.AddRange(await NewestAsync(st, limit, ct));
        }

        return [.. newest
            .OrderByDescending(i => i.GetString(TableShape.Gsi1SortKey), StringComparer.Ordinal)
            .Take(limit)
            .Select(LedgerItems.ToEntry)];
    }

    private async Task<List<Dictionary<string, AttributeValue>>> NewestAsync(FileStatus status, int limit, CancellationToken ct)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _table.QueryPageAsync(
                new QueryRequest
                {
                    IndexName = TableShape.Gsi1,
                    KeyConditionExpression = "gsi1pk = :p",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = AttributeValues.S(LedgerItems.StatusPartition(status)) },
                    ScanIndexForward = false,
                    Limit = limit - items.Count,
                    ExclusiveStartKey = start,
                },
                ct);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null && items.Count < limit);

        return items;
    }
}
