using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Storage.Configuration;
using Frgm.Storage.Ports;

namespace Frgm.Storage.Aws;

/// <summary>
/// The alarms table. An open alarm is saved in one TransactWriteItems together with its key's guard item
/// (condition: guard absent or held by this alarm), so two concurrent raisers never create two open alarms for
/// one key; clearing deletes the guard in the same transaction. Listing by state uses gsi1 (ALARMS#STATE).
/// </summary>
public sealed class DynamoAlarmStore : IAlarmStore
{
    private const int MaxConflictRetries = 8;

    private readonly DynamoTable _table;

    public DynamoAlarmStore(IAmazonDynamoDB client, AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _table = new DynamoTable(client, settings.AlarmsTable, AwsClientFactory.DynamoDbEndpoint(settings));
    }

    public async Task<IReadOnlyList<Alarm>> GetOpenAsync(CancellationToken ct) =>
        await QueryStatesAsync([AlarmState.Active, AlarmState.Acknowledged], null, null, ct);

    public async Task SaveAsync(IReadOnlyList<Alarm> alarms, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        foreach (var alarm in alarms)
        {
            if (alarm.IsOpen)
            {
                await SaveOpenAsync(alarm, ct);
            }
            else
            {
                await SaveClearedAsync(alarm, ct);
            }
        }
    }

    public async Task<Alarm?> GetAsync(string alarmId, CancellationToken ct) =>
        await _table.GetAsync(AlarmItems.AlarmPartition(alarmId), AlarmItems.AlarmSort, ct) is { } item ? AlarmItems.ToAlarm(item) : null;

    public async Task<IReadOnlyList<Alarm>> QueryAsync(AlarmQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        AlarmState[] states = query.State is { } s ? [s] : Enum.GetValues<AlarmState>();
        return await QueryStatesAsync(states, query.AccountId, query.Ticker, ct);
    }

    /// <summary>Newest raised first across the asked states.</summary>
    private async Task<List<Alarm>> QueryStatesAsync(AlarmState[] states, string? accountId, string? ticker, CancellationToken ct)
    {
        var all = new List<(string Sort, Alarm Alarm)>();
        foreach (var state in states)
        {
            var request = new QueryRequest
            {
                IndexName = TableShape.Gsi1,
                KeyConditionExpression = "gsi1pk = :p",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = AttributeValues.S(AlarmItems.StatePartition(state)) },
                ScanIndexForward = false,
            };
            var filters = new List<string>();
            if (!string.IsNullOrEmpty(accountId))
            {
                filters.Add("account_id = :a");
                request.ExpressionAttributeValues[":a"] = AttributeValues.S(accountId);
            }

            if (!string.IsNullOrEmpty(ticker))
            {
                filters.Add("ticker = :t");
                request.ExpressionAttributeValues[":t"] = AttributeValues.S(ticker);
            }

            request.FilterExpression = filters.Count == 0 ? null : string.Join(" AND ", filters);
            all.AddRange((await _table.QueryAllAsync(request, ct)).Select(i => (i.GetString(TableShape.Gsi1SortKey), AlarmItems.ToAlarm(i))));
        }

        return [.. all.OrderByDescending(x => x.Sort, StringComparer.Ordinal).Select(x => x.Alarm)];
    }

    private async Task SaveOpenAsync(Alarm alarm, CancellationToken ct)
    {
        var id = new Dictionary<string, AttributeValue>
        {
            [":id"] = AttributeValues.S(alarm.AlarmId),
        };
        var items = new List<TransactWriteItem>
        {
            new()
            {
                Put = new Put
                {
                    TableName = _table.Name,
                    Item = AlarmItems.Guard(alarm),
                    ConditionExpression = "attribute_not_exists(pk) OR holder = :id",
                    ExpressionAttributeValues = id,
                },
            },
            new()
            {
                // A cleared alarm stays cleared: a late update for it is dropped rather than reopening it.
                Put = new Put
                {
                    TableName = _table.Name,
                    Item = AlarmItems.Alarm(alarm),
                    ConditionExpression = "attribute_not_exists(pk) OR #state <> :cleared",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = "state" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":cleared"] = AttributeValues.S(WireNames.Of(AlarmState.Cleared)) },
                },
            },
        };

        // Refused by a condition: another open alarm holds the key (or this one was cleared) and is kept.
        await TransactAsync(items, ct);
    }

    private async Task SaveClearedAsync(Alarm alarm, CancellationToken ct)
    {
        var items = new List<TransactWriteItem>
        {
            new() { Put = new Put { TableName = _table.Name, Item = AlarmItems.Alarm(alarm) } },
            new()
            {
                Delete = new Delete
                {
                    TableName = _table.Name,
                    Key = DynamoTable.Key(AlarmItems.GuardPartition(alarm.Key), AlarmItems.GuardSort),
                    ConditionExpression = "attribute_not_exists(pk) OR holder = :id",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":id"] = AttributeValues.S(alarm.AlarmId) },
                },
            },
        };
        if (!await TransactAsync(items, ct))
        {
            // The guard belongs to another alarm: record this one as cleared and leave the other's guard alone.
            await _table.PutAsync(AlarmItems.Alarm(alarm), ct);
        }
    }

    /// <summary>True when written; false when a condition refused it. Transaction conflicts are retried with backoff.</summary>
    private async Task<bool> TransactAsync(List<TransactWriteItem> items, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _table.RunAsync(c => c.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, ct), ct);
                return true;
            }
            catch (TransactionCanceledException ex)
            {
                var reasons = ex.CancellationReasons ?? [];
                if (reasons.Any(r => r.Code == "ConditionalCheckFailed"))
                {
                    return false;
                }

                if (attempt >= MaxConflictRetries)
                {
                    throw AwsCall.Wrap("dynamodb", "table " + _table.Name, _table.Endpoint, ex);
                }

#pragma warning disable CA5394 // jitter needs no cryptographic randomness
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 20 << Math.Min(attempt, 6))), ct);
#pragma warning restore CA5394
            }
        }
    }
}
