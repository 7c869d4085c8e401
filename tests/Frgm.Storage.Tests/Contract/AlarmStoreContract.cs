using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

/// <summary>Behaviour every <see cref="IAlarmStore"/> must show: one open alarm per key, even under concurrent raisers.</summary>
public abstract class AlarmStoreContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    [Fact]
    public async Task Saved_alarms_come_back_by_id_open_list_and_query_filters()
    {
        var alarms = (await NewSetAsync()).Alarms;
        var limit = Active("a1", AlarmType.PositionLimit, "MM1", "ZNZ6");
        var loss = Active("a2", AlarmType.LossLimit, "HEDGE", null);
        var cleared = Active("a3", AlarmType.LargeTrade, "MM1", "ESZ6") with { State = AlarmState.Cleared, ClearedAt = T0.AddMinutes(1) };

        await alarms.SaveAsync([limit, loss, cleared], default);

        Assert.Equal(limit, await alarms.GetAsync("a1", default));
        Assert.Null(await alarms.GetAsync("nope", default));
        Assert.Equal(["a1", "a2"], (await alarms.GetOpenAsync(default)).Select(a => a.AlarmId).Order(StringComparer.Ordinal));
        Assert.Equal("a3", Assert.Single(await alarms.QueryAsync(new AlarmQuery(AlarmState.Cleared, null, null), default)).AlarmId);
        Assert.Equal(["a1", "a3"], (await alarms.QueryAsync(new AlarmQuery(null, "MM1", null), default)).Select(a => a.AlarmId).Order(StringComparer.Ordinal));
        Assert.Equal("a1", Assert.Single(await alarms.QueryAsync(new AlarmQuery(null, null, "ZNZ6"), default)).AlarmId);
        Assert.Equal(3, (await alarms.QueryAsync(new AlarmQuery(null, null, null), default)).Count);
    }

    [Fact]
    public async Task A_second_active_alarm_for_an_open_key_is_not_written()
    {
        var alarms = (await NewSetAsync()).Alarms;
        await alarms.SaveAsync([Active("first", AlarmType.PositionLimit, "MM1", "ZNZ6")], default);

        await alarms.SaveAsync([Active("second", AlarmType.PositionLimit, "MM1", "ZNZ6")], default);

        Assert.Equal("first", Assert.Single(await alarms.GetOpenAsync(default)).AlarmId);
        Assert.Null(await alarms.GetAsync("second", default));
    }

    [Fact]
    public async Task Keys_differ_by_type_account_and_ticker_including_null()
    {
        var alarms = (await NewSetAsync()).Alarms;
        await alarms.SaveAsync(
            [
                Active("k1", AlarmType.PositionLimit, "MM1", "ZNZ6"),
                Active("k2", AlarmType.PositionLimit, "MM1", null),
                Active("k3", AlarmType.PositionLimit, null, "ZNZ6"),
                Active("k4", AlarmType.LossLimit, "MM1", "ZNZ6"),
                Active("k5", AlarmType.PositionLimit, "MM2", "ZNZ6"),
            ],
            default);

        Assert.Equal(5, (await alarms.GetOpenAsync(default)).Count);
    }

    [Fact]
    public async Task Acknowledge_update_and_clear_change_the_stored_alarm_and_a_cleared_key_can_raise_again()
    {
        var alarms = (await NewSetAsync()).Alarms;
        var raised = Active("a1", AlarmType.DeltaLimit, "MM1", null);
        await alarms.SaveAsync([raised], default);

        var acked = raised with { State = AlarmState.Acknowledged, AcknowledgedBy = "risk", UpdatedAt = T0.AddMinutes(1), Value = 1500m };
        await alarms.SaveAsync([acked], default);
        Assert.Equal(acked, await alarms.GetAsync("a1", default));

        var cleared = acked with { State = AlarmState.Cleared, ClearedAt = T0.AddMinutes(2), UpdatedAt = T0.AddMinutes(2) };
        await alarms.SaveAsync([cleared], default);
        await alarms.SaveAsync([Active("a2", AlarmType.DeltaLimit, "MM1", null)], default);

        Assert.Equal(AlarmState.Cleared, (await alarms.GetAsync("a1", default))!.State);
        Assert.Equal("a2", Assert.Single(await alarms.GetOpenAsync(default)).AlarmId);
    }

    [Fact]
    public async Task Concurrent_raisers_of_one_key_leave_exactly_one_open_alarm()
    {
        var alarms = (await NewSetAsync()).Alarms;

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => alarms.SaveAsync([Active($"race-{i}", AlarmType.LossLimit, "MM1", null)], default))));

        Assert.Single(await alarms.GetOpenAsync(default));
    }

    protected static Alarm Active(string id, AlarmType type, string? account, string? ticker) =>
        new(id, type, AlarmSeverity.Warning, AlarmState.Active, account, ticker, $"{type} breached", 600m, 500m, T0, T0, null, null);
}
