using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// The alarm lifecycle of API.md end to end over an adapter family: condition alarms through the evaluator, event
/// alarms through the ingestion service, acknowledgements through the domain, and the history each store keeps.
/// </summary>
public abstract class AlarmLifecycleContract(IStorageFixture fixture) : StorageContractBase(fixture)
{
    private static readonly AlarmKey DeltaMm1 = new(AlarmType.DeltaLimit, "MM1", null);

    [Fact]
    public async Task A_condition_alarm_raises_updates_escalates_is_acknowledged_with_a_comment_and_clears_with_its_history()
    {
        var storage = await NewSetAsync();
        var evaluator = new AlarmEvaluator(storage.Alarms);
        var id = Assert.Single(await evaluator.ApplyAsync([Delta(1200)], InDeltaScope, Clock.GetUtcNow(), default)).AlarmId;

        Clock.Advance(TimeSpan.FromMinutes(1));
        await evaluator.ApplyAsync([Delta(1300)], InDeltaScope, Clock.GetUtcNow(), default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await evaluator.ApplyAsync([Delta(1300)], InDeltaScope, Clock.GetUtcNow(), default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await evaluator.ApplyAsync([Delta(1600, AlarmSeverity.Critical)], InDeltaScope, Clock.GetUtcNow(), default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await AcknowledgeAsync(storage, id, "jdoe", "hedging now");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await evaluator.ApplyAsync([], InDeltaScope, Clock.GetUtcNow(), default);

        var alarm = (await storage.Alarms.GetAsync(id, default))!;
        Assert.Equal(
            (AlarmState.Cleared, AlarmSeverity.Critical, 1600m, "jdoe", "hedging now", "system", false),
            (alarm.State, alarm.Severity, alarm.Value, alarm.AcknowledgedBy, alarm.Comment, alarm.ClearedBy, alarm.NeedsAck));
        Assert.Equal(Clock.GetUtcNow(), alarm.ClearedAt);
        Assert.Equal(
            [
                (T0, AlarmEventType.Raised, AlarmState.Active, AlarmSeverity.Warning, (decimal?)1200m, (string?)null, (string?)null),
                (T0.AddMinutes(1), AlarmEventType.Updated, AlarmState.Active, AlarmSeverity.Warning, 1300m, null, null),
                (T0.AddMinutes(3), AlarmEventType.Escalated, AlarmState.Active, AlarmSeverity.Critical, 1600m, null, null),
                (T0.AddMinutes(4), AlarmEventType.Acknowledged, AlarmState.Acknowledged, AlarmSeverity.Critical, 1600m, "jdoe", "hedging now"),
                (T0.AddMinutes(5), AlarmEventType.Cleared, AlarmState.Cleared, AlarmSeverity.Critical, 1600m, "system", null),
            ],
            (await storage.Alarms.GetHistoryAsync(id, default)).Select(e => (e.At, e.Event, e.State, e.Severity, e.Value, e.By, e.Comment)));

        // Cleared and acknowledged: nothing is left to acknowledge (the API answers 409), and nothing is written.
        Assert.Null(AlarmLifecycle.Acknowledge(alarm, "other", null, Clock.GetUtcNow()));
        Assert.Equal(5, (await storage.Alarms.GetHistoryAsync(id, default)).Count);
    }

    [Fact]
    public async Task A_condition_alarm_that_cleared_unacknowledged_stays_listed_as_needing_ack_until_acknowledged()
    {
        var storage = await NewSetAsync();
        var evaluator = new AlarmEvaluator(storage.Alarms);
        var id = Assert.Single(await evaluator.ApplyAsync([Delta(1200)], InDeltaScope, Clock.GetUtcNow(), default)).AlarmId;
        Clock.Advance(TimeSpan.FromSeconds(3));
        await evaluator.ApplyAsync([], InDeltaScope, Clock.GetUtcNow(), default);

        Assert.Empty(await storage.Alarms.GetOpenAsync(default));
        var needing = Assert.Single(await storage.Alarms.QueryAsync(new AlarmQuery(null, null, null, NeedsAck: true), default));
        Assert.Equal((id, AlarmState.Cleared, true), (needing.AlarmId, needing.State, needing.NeedsAck));
        Assert.Equal(id, Assert.Single(await storage.Alarms.QueryAsync(new AlarmQuery(AlarmState.Cleared, null, null), default)).AlarmId);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await AcknowledgeAsync(storage, id, "night shift", null);

        Assert.Empty(await storage.Alarms.QueryAsync(new AlarmQuery(null, null, null, NeedsAck: true), default));
        Assert.Equal(id, Assert.Single(await storage.Alarms.QueryAsync(new AlarmQuery(AlarmState.Cleared, null, null, NeedsAck: false), default)).AlarmId);
        Assert.Equal(
            [AlarmEventType.Raised, AlarmEventType.Cleared, AlarmEventType.Acknowledged],
            (await storage.Alarms.GetHistoryAsync(id, default)).Select(e => e.Event));
    }

    [Fact]
    public async Task FEED_FAILED_is_one_alarm_per_file_survives_later_good_files_and_clears_on_a_good_redelivery_of_its_key()
    {
        var storage = await NewSetAsync();
        var service = Service(storage);
        var broken = "instrument,bid,ask\nZNZ6,112.40625,112.4375\n";
        var first = await PutAsync(storage, "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv", broken);
        var second = await PutAsync(storage, "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143001.csv", broken);
        await service.IngestAsync(first.Bucket, first.Key, default);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await service.IngestAsync(second.Bucket, second.Key, default);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var good = await PutAsync(storage, "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143002.csv", "instrument,price\nZNZ6,112.5\n");
        await service.IngestAsync(good.Bucket, good.Key, default);

        var failed = (await storage.Alarms.GetOpenAsync(default)).Where(a => a.Type == AlarmType.FeedFailed).OrderBy(a => a.RaisedAt).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, a => Assert.Equal((AlarmState.Active, AlarmKind.Event, AlarmSeverity.Critical), (a.State, a.Kind, a.Severity)));
        Assert.Contains("GE_XCME.ZN_20261120_143000.csv", failed[0].Message, StringComparison.Ordinal);
        Assert.Contains("GE_XCME.ZN_20261120_143001.csv", failed[1].Message, StringComparison.Ordinal);

        // The corrected first file, delivered again under the same key.
        Clock.Advance(TimeSpan.FromSeconds(1));
        await PutAsync(storage, "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv", "instrument,price\nZNZ6,112.5\n");
        await service.IngestAsync(first.Bucket, first.Key, default);

        var cleared = (await storage.Alarms.GetAsync(failed[0].AlarmId, default))!;
        Assert.Equal((AlarmState.Cleared, "system", true), (cleared.State, cleared.ClearedBy, cleared.NeedsAck));
        Assert.Equal(AlarmState.Active, (await storage.Alarms.GetAsync(failed[1].AlarmId, default))!.State);
        Assert.Equal(2, (await storage.Alarms.QueryAsync(new AlarmQuery(null, null, null, NeedsAck: true), default)).Count);

        Clock.Advance(TimeSpan.FromSeconds(1));
        await AcknowledgeAsync(storage, failed[1].AlarmId, "ops", "sender re-sends tonight");
        var acked = (await storage.Alarms.GetAsync(failed[1].AlarmId, default))!;
        Assert.Equal((AlarmState.Cleared, "ops", "ops", "sender re-sends tonight"), (acked.State, acked.ClearedBy, acked.AcknowledgedBy, acked.Comment));
        Assert.Equal([AlarmEventType.Raised, AlarmEventType.Cleared], (await storage.Alarms.GetHistoryAsync(failed[0].AlarmId, default)).Select(e => e.Event));
        Assert.Equal(
            [(AlarmEventType.Raised, (string?)null), (AlarmEventType.Acknowledged, "ops")],
            (await storage.Alarms.GetHistoryAsync(failed[1].AlarmId, default)).Select(e => (e.Event, e.By)));
    }

    [Fact]
    public async Task LARGE_TRADE_is_one_latched_alarm_per_trade_id_that_only_an_acknowledgement_ends()
    {
        var storage = await NewSetAsync();
        var service = Service(storage);
        var first = await PutAsync(storage, "trades/trades/2026/11/20/fills_1.csv", Trades(("L-1", 150), ("L-2", 300)));
        await service.IngestAsync(first.Bucket, first.Key, default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await PutAsync(storage, "trades/trades/2026/11/20/fills_2.csv", Trades(("S-1", 1)));
        await service.IngestAsync(later.Bucket, later.Key, default);

        var large = (await storage.Alarms.GetOpenAsync(default)).Where(a => a.Type == AlarmType.LargeTrade).OrderBy(a => a.Value).ToList();
        Assert.Equal(["L-1", "L-2"], large.Select(a => a.Subject));
        Assert.Equal([AlarmSeverity.Info, AlarmSeverity.Warning], large.Select(a => a.Severity));

        await AcknowledgeAsync(storage, large[1].AlarmId, "desk head", "client block, intended");

        Assert.Equal(AlarmState.Cleared, (await storage.Alarms.GetAsync(large[1].AlarmId, default))!.State);
        Assert.Equal(large[0].AlarmId, Assert.Single(await storage.Alarms.GetOpenAsync(default), a => a.Type == AlarmType.LargeTrade).AlarmId);
    }

    [Fact]
    public async Task A_raise_refused_because_the_key_is_held_writes_no_history()
    {
        var storage = await NewSetAsync();
        var first = AlarmLifecycle.Reconcile([], [Delta(1200)], InDeltaScope, T0);
        var rival = AlarmLifecycle.Reconcile([], [Delta(1300)], InDeltaScope, T0.AddSeconds(1));
        await storage.Alarms.SaveAsync(first, default);

        await storage.Alarms.SaveAsync(rival, default);

        Assert.Null(await storage.Alarms.GetAsync(rival[0].Alarm.AlarmId, default));
        Assert.Empty(await storage.Alarms.GetHistoryAsync(rival[0].Alarm.AlarmId, default));
        Assert.Single(await storage.Alarms.GetHistoryAsync(first[0].Alarm.AlarmId, default));
    }

    [Fact]
    public async Task A_lifecycle_write_computed_before_an_acknowledgement_does_not_undo_it()
    {
        var storage = await NewSetAsync();
        var evaluator = new AlarmEvaluator(storage.Alarms);
        var id = Assert.Single(await evaluator.ApplyAsync([Delta(1200)], InDeltaScope, Clock.GetUtcNow(), default)).AlarmId;
        var staleRead = await storage.Alarms.GetOpenAsync(default);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AcknowledgeAsync(storage, id, "jdoe", "on it");

        Clock.Advance(TimeSpan.FromSeconds(1));
        await storage.Alarms.SaveAsync(AlarmLifecycle.Reconcile(staleRead, [Delta(1300)], InDeltaScope, Clock.GetUtcNow()), default);
        await storage.Alarms.SaveAsync(AlarmLifecycle.Reconcile(staleRead, [], InDeltaScope, Clock.GetUtcNow()), default);

        var alarm = (await storage.Alarms.GetAsync(id, default))!;
        Assert.Equal((AlarmState.Acknowledged, "jdoe", "on it", 1200m), (alarm.State, alarm.AcknowledgedBy, alarm.Comment, alarm.Value));
        Assert.Equal([AlarmEventType.Raised, AlarmEventType.Acknowledged], (await storage.Alarms.GetHistoryAsync(id, default)).Select(e => e.Event));

        // The next evaluation works from the acknowledged alarm.
        Clock.Advance(TimeSpan.FromSeconds(1));
        await evaluator.ApplyAsync([Delta(1300)], InDeltaScope, Clock.GetUtcNow(), default);
        Assert.Equal((AlarmState.Acknowledged, 1300m), ((await storage.Alarms.GetAsync(id, default))!.State, (await storage.Alarms.GetAsync(id, default))!.Value));
    }

    private static AlarmCondition Delta(decimal value, AlarmSeverity severity = AlarmSeverity.Warning) =>
        new(DeltaMm1, severity, $"MM1 delta {value} above 1000", value, 1000m);

    private static bool InDeltaScope(AlarmKey key) => key.Type == AlarmType.DeltaLimit;

    private static string Trades(params (string Id, int Quantity)[] trades) =>
        "trade_id,trade_date,account_id,ticker,side,quantity,price\n"
        + string.Concat(trades.Select(t => $"{t.Id},2026-11-20,MM1,ZNZ6,BUY,{t.Quantity},112.5\n"));

    private async Task AcknowledgeAsync(StorageSet storage, string id, string by, string? comment)
    {
        var alarm = await storage.Alarms.GetAsync(id, default) ?? throw new InvalidOperationException($"no alarm {id}");
        var change = AlarmLifecycle.Acknowledge(alarm, by, comment, Clock.GetUtcNow()) ?? throw new InvalidOperationException($"{id} refused the ack");
        await storage.Alarms.SaveAsync([change], default);
    }

    private static Task<(BucketRole Bucket, string Key)> PutAsync(StorageSet storage, string path, string content) =>
        SampleFeeds.PutAsync(storage.Objects, path, content);

    private IngestionService Service(StorageSet storage) =>
        new(storage, SampleFeeds.Instruments(), new AlarmThresholds(), Clock, NullLogger<IngestionService>.Instance);
}
