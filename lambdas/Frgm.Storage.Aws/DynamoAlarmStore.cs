using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws;

/// <summary>
/// The alarms table. An open alarm is saved in one TransactWriteItems together with its key's guard item
/// (condition: guard absent or held by this alarm), so two concurrent raisers never create two open alarms for
/// one key; clearing deletes the guard in the same transaction. The alarm's history event is a third item of the
/// same transaction, so an alarm and its history are written together or not at all. Listing by state uses gsi1
/// (ALARMS#STATE, cleared alarms nobody acknowledged under ALARMS#CLEARED#NEEDS_ACK).
/// </summary>
public sealed class DynamoAlarmStore : IAlarmStore
{
    private readonly DynamoTable _table;

    public DynamoAlarmStore(IAmazonDynamoDB client, AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _table = new DynamoTable(client, settings.AlarmsTable, AwsClientFactory.DynamoDbEndpoint(settings));
    }

    public async Task<IReadOnlyList<Alarm>> GetOpenAsync(CancellationToken ct) =>
        await QueryPartitionsAsync(
            [AlarmItems.StatePartition(AlarmState.Active, true), AlarmItems.StatePartition(AlarmState.Acknowledged, false)], null, null, ct);

    public async Task SaveAsync(IReadOnlyList<AlarmChange> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            if (change.Alarm.IsOpen)
            {
                await SaveOpenAsync(change, ct);
            }
            else
            {
                await SaveClearedAsync(change, ct);
            }
        }
    }

    public async Task<IReadOnlyList<AlarmHistoryEvent>> GetHistoryAsync(string alarmId, CancellationToken ct)
    {
        var request = new QueryRequest
        {
            KeyConditionExpression = "pk = :p AND begins_with(sk, :e)",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":p"] = AttributeValues.S(AlarmItems.AlarmPartition(alarmId)),
                [":e"] = AttributeValues.S(AlarmItems.EventSortPrefix),
            },
        };
        return [.. (await _table.QueryAllAsync(request, ct)).Select(i => AlarmItems.ToEvent(alarmId, i))];
    }

    public async Task<Alarm?> GetAsync(string alarmId, CancellationToken ct) =>
        await _table.GetAsync(AlarmItems.AlarmPartition(alarmId), AlarmItems.AlarmSort, ct) is { } item ? AlarmItems.ToAlarm(item) : null;

    public async Task<IReadOnlyList<Alarm>> QueryAsync(AlarmQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await QueryPartitionsAsync([.. AlarmItems.StatePartitions(query.State, query.NeedsAck)], query.AccountId, query.Ticker, ct);
    }

    /// <summary>Newest raised first across the asked gsi1 partitions.</summary>
    private async Task<List<Alarm>> QueryPartitionsAsync(string[] partitions, string? accountId, string? ticker, CancellationToken ct)
    {
        var all = new List<(string Sort, Alarm Alarm)>();
        foreach (var partition in partitions)
        {
            var request = new QueryRequest
            {
                IndexName = TableShape.Gsi1,
                KeyConditionExpression = "gsi1pk = :p",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = AttributeValues.S(partition) },
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

    private async Task SaveOpenAsync(AlarmChange change, CancellationToken ct)
    {
        var alarm = change.Alarm;
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
                    ConditionExpression = "attribute_not_exists(pk) OR (#state <> :cleared" + KeepsAcknowledgement(alarm, " AND ") + ")",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#state"] = "state" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":cleared"] = AttributeValues.S(WireNames.Of(AlarmState.Cleared)) },
                },
            },
            HistoryPut(change),
        };

        // Refused by a condition: another open alarm holds the key (or this one was cleared) and is kept.
        await _table.TryTransactAsync(items, ct);
    }

    private async Task SaveClearedAsync(AlarmChange change, CancellationToken ct)
    {
        var alarm = change.Alarm;
        var items = new List<TransactWriteItem>
        {
            new()
            {
                Put = new Put
                {
                    TableName = _table.Name,
                    Item = AlarmItems.Alarm(alarm),
                    ConditionExpression = alarm.AcknowledgedBy is null ? "attribute_not_exists(pk) OR attribute_not_exists(acknowledged_by)" : null,
                },
            },
            HistoryPut(change),
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
        if (!await _table.TryTransactAsync(items, ct))
        {
            // The guard belongs to another alarm: record this one as cleared (with its event) and leave the other's guard alone.
            await _table.TryTransactAsync(items[..2], ct);
        }
    }

    /// <summary>
    /// A write without an acknowledgement never replaces one: it was computed from a read taken before someone
    /// acknowledged, and the next evaluation redoes it from the acknowledged alarm.
    /// </summary>
    private static string KeepsAcknowledgement(Alarm alarm, string joiner) =>
        alarm.AcknowledgedBy is null ? joiner + "attribute_not_exists(acknowledged_by)" : string.Empty;

    private TransactWriteItem HistoryPut(AlarmChange change) =>
        new() { Put = new Put { TableName = _table.Name, Item = AlarmItems.Event(change.Event) } };
}
