using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using Frgm.Storage.Aws;
using Frgm.Application.Ports;
using Frgm.Storage.Tests.Contract;

namespace Frgm.Storage.Tests.Aws;

[Collection(DynamoCollection.Name)]
public sealed class DynamoAlarmStoreTests(DynamoFixture dynamo) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);
    private AwsSettings _settings = null!;
    private DynamoAlarmStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _settings = await dynamo.NewTablesAsync();
        _store = new DynamoAlarmStore(dynamo.Client, _settings);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Alarm Active(string id, AlarmType type, string? account, string? ticker, int minute = 0) =>
        new(id, type, AlarmSeverity.Warning, AlarmState.Active, account, ticker, $"{id} breached", 12.5m, 10m,
            T0.AddMinutes(minute), T0.AddMinutes(minute), null, null);

    [Fact]
    public async Task An_alarm_is_one_item_with_the_api_snake_case_fields_and_its_guard_has_no_alarm_id()
    {
        var alarm = Active("al-img", AlarmType.PositionLimit, "MM1", "ZNZ6");
        await _store.SaveAsync([alarm], CancellationToken.None);

        var item = await RawAsync("ALARM#al-img", "ALARM");
        var guard = await RawAsync("ACTIVE#POSITION_LIMIT#MM1#ZNZ6", "KEY");

        Assert.Equal(alarm, await _store.GetAsync("al-img", CancellationToken.None));
        Assert.Equal(
            ["account_id", "alarm_id", "gsi1pk", "gsi1sk", "message", "pk", "raised_at", "severity", "sk", "state", "threshold", "ticker", "type", "updated_at", "value"],
            item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("POSITION_LIMIT", "WARNING", "ACTIVE"), (item["type"].S, item["severity"].S, item["state"].S));
        Assert.Equal(("12.5", "10"), (item["value"].N, item["threshold"].N));
        Assert.Equal("2026-11-20T14:30:00.0000000Z", item["raised_at"].S);
        Assert.False(guard.ContainsKey("alarm_id"));
        Assert.Equal("al-img", guard["holder"].S);
    }

    [Fact]
    public async Task Concurrent_raisers_of_one_key_leave_exactly_one_active_alarm()
    {
        var raisers = Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => _store.SaveAsync([Active($"race-{i}", AlarmType.LossLimit, "RACE", null)], CancellationToken.None)));
        await Task.WhenAll(raisers);

        var open = (await _store.GetOpenAsync(CancellationToken.None)).Where(a => a.AccountId == "RACE").ToList();
        var winner = Assert.Single(open);
        Assert.Equal(winner.AlarmId, (await RawAsync("ACTIVE#LOSS_LIMIT#RACE#-", "KEY"))["holder"].S);
        for (var i = 0; i < 10; i++)
        {
            var stored = await _store.GetAsync($"race-{i}", CancellationToken.None);
            Assert.True(stored is null == ($"race-{i}" != winner.AlarmId));
        }
    }

    [Fact]
    public async Task An_update_acknowledge_and_clear_keep_one_item_and_clearing_frees_the_key()
    {
        var raised = Active("life-1", AlarmType.DeltaLimit, "LIFE", null);
        await _store.SaveAsync([raised], CancellationToken.None);
        await _store.SaveAsync([Active("life-dup", AlarmType.DeltaLimit, "LIFE", null, minute: 1)], CancellationToken.None);
        var updated = raised with { Value = 20m, UpdatedAt = T0.AddMinutes(2), Severity = AlarmSeverity.Critical };
        await _store.SaveAsync([updated], CancellationToken.None);
        var acked = updated with { State = AlarmState.Acknowledged, AcknowledgedBy = "risk", UpdatedAt = T0.AddMinutes(3) };
        await _store.SaveAsync([acked], CancellationToken.None);

        Assert.Null(await _store.GetAsync("life-dup", CancellationToken.None));
        Assert.Equal(acked, Assert.Single(await _store.GetOpenAsync(CancellationToken.None), a => a.AccountId == "LIFE"));

        var cleared = acked with { State = AlarmState.Cleared, ClearedAt = T0.AddMinutes(4), UpdatedAt = T0.AddMinutes(4) };
        await _store.SaveAsync([cleared], CancellationToken.None);
        await _store.SaveAsync([updated with { UpdatedAt = T0.AddMinutes(5) }], CancellationToken.None);
        var again = Active("life-2", AlarmType.DeltaLimit, "LIFE", null, minute: 6);
        await _store.SaveAsync([again], CancellationToken.None);

        Assert.Equal(cleared, await _store.GetAsync("life-1", CancellationToken.None));
        Assert.Equal(again, Assert.Single(await _store.GetOpenAsync(CancellationToken.None), a => a.AccountId == "LIFE"));
    }

    [Fact]
    public async Task Query_filters_by_state_account_and_ticker_newest_first()
    {
        Alarm[] alarms =
        [
            Active("q-1", AlarmType.PositionLimit, "QA", "ZNZ6", minute: 1),
            Active("q-2", AlarmType.PositionLimit, "QA", "ESZ6", minute: 2),
            Active("q-3", AlarmType.PositionLimit, "QB", "ZNZ6", minute: 3),
            Active("q-4", AlarmType.LargeTrade, "QA", "ZNZ6", minute: 4) with { State = AlarmState.Acknowledged, AcknowledgedBy = "x" },
            Active("q-5", AlarmType.PriceDeviation, "QA", "ZNZ6", minute: 5) with { State = AlarmState.Cleared, ClearedAt = T0.AddMinutes(6) },
        ];
        await _store.SaveAsync(alarms, CancellationToken.None);

        async Task<string[]> Ids(AlarmState? state, string? account, string? ticker) =>
            [.. (await _store.QueryAsync(new AlarmQuery(state, account, ticker), CancellationToken.None)).Where(a => a.AlarmId.StartsWith("q-", StringComparison.Ordinal)).Select(a => a.AlarmId)];

        Assert.Equal(["q-5", "q-4", "q-3", "q-2", "q-1"], await Ids(null, null, null));
        Assert.Equal(["q-2", "q-1"], await Ids(AlarmState.Active, "QA", null));
        Assert.Equal(["q-5", "q-4", "q-1"], await Ids(null, "QA", "ZNZ6"));
        Assert.Equal(["q-5"], await Ids(AlarmState.Cleared, null, null));
        Assert.DoesNotContain(await _store.GetOpenAsync(CancellationToken.None), a => a.AlarmId == "q-5");
        Assert.Contains(await _store.GetOpenAsync(CancellationToken.None), a => a.AlarmId == "q-4");
        Assert.Null(await _store.GetAsync("q-missing", CancellationToken.None));
    }

    [Fact]
    public async Task History_events_share_the_alarm_partition_without_alarm_id_and_cleared_unacknowledged_alarms_have_their_own_index_partition()
    {
        var raised = Active("h-1", AlarmType.FeedFailed, null, "trades") with { Subject = "trades/t/1.csv", Severity = AlarmSeverity.Critical };
        await _store.SaveAsync([raised], CancellationToken.None);
        var cleared = raised with { State = AlarmState.Cleared, ClearedAt = T0.AddMinutes(1), ClearedBy = "system", UpdatedAt = T0.AddMinutes(1) };
        await _store.SaveAsync([cleared], CancellationToken.None);

        var item = await RawAsync("ALARM#h-1", "ALARM");
        var raisedEvent = await RawAsync("ALARM#h-1", "EVENT#2026-11-20T14:30:00.0000000Z#raised");
        var clearedEvent = await RawAsync("ALARM#h-1", "EVENT#2026-11-20T14:31:00.0000000Z#cleared");

        Assert.Equal("ALARMS#CLEARED#NEEDS_ACK", item["gsi1pk"].S);
        Assert.Equal(("trades/t/1.csv", "system"), (item["subject"].S, item["cleared_by"].S));
        Assert.False(raisedEvent.ContainsKey("alarm_id"));
        Assert.False(clearedEvent.ContainsKey("alarm_id"));
        Assert.Equal(("ALARM_EVENT", "CLEARED", "CRITICAL"), (clearedEvent["kind"].S, clearedEvent["state"].S, clearedEvent["severity"].S));
        Assert.Equal(cleared, await _store.GetAsync("h-1", CancellationToken.None));
        Assert.Contains(await _store.QueryAsync(new AlarmQuery(null, null, null, NeedsAck: true), CancellationToken.None), a => a.AlarmId == "h-1");
        Assert.Contains(await _store.QueryAsync(new AlarmQuery(AlarmState.Cleared, null, null), CancellationToken.None), a => a.AlarmId == "h-1");

        var acked = cleared with { AcknowledgedBy = "ops", Comment = "seen", UpdatedAt = T0.AddMinutes(2) };
        await _store.SaveAsync([acked], CancellationToken.None);

        Assert.Equal("ALARMS#CLEARED", (await RawAsync("ALARM#h-1", "ALARM"))["gsi1pk"].S);
        Assert.DoesNotContain(await _store.QueryAsync(new AlarmQuery(null, null, null, NeedsAck: true), CancellationToken.None), a => a.AlarmId == "h-1");
        Assert.Equal(3, (await _store.GetHistoryAsync("h-1", CancellationToken.None)).Count);
    }

    private async Task<Dictionary<string, AttributeValue>> RawAsync(string pk, string sk)
    {
        var response = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _settings.AlarmsTable,
            Key = new() { ["pk"] = new AttributeValue { S = pk }, ["sk"] = new AttributeValue { S = sk } },
            ConsistentRead = true,
        });
        Assert.True(response.Item is { Count: > 0 }, $"no item {pk}/{sk}");
        return response.Item;
    }
}
