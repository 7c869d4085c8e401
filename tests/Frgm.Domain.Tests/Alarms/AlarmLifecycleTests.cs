using Frgm.Domain.Alarms;
using Frgm.Domain.Model;

namespace Frgm.Domain.Tests.Alarms;

public sealed class AlarmLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
    private static readonly AlarmKey ZnLimit = new(AlarmType.PositionLimit, "MM1", "ZNZ6");
    private static readonly AlarmKey LargeZn = new(AlarmType.LargeTrade, "MM1", "ZNZ6", "T-1");

    private static AlarmCondition Breach(decimal value, AlarmSeverity severity = AlarmSeverity.Warning, AlarmKey? key = null) =>
        new(key ?? ZnLimit, severity, $"MM1 is long {value} ZNZ6, above its position limit of 500.", value, 500m);

    private static bool PositionRules(AlarmKey key) => key.Type == AlarmType.PositionLimit;

    /// <summary>The alarms of the transitions, for the tests that look only at state.</summary>
    private static List<Alarm> Reconcile(IReadOnlyCollection<Alarm> open, IReadOnlyCollection<AlarmCondition> observed, Func<AlarmKey, bool> inScope, DateTimeOffset now) =>
        AlarmLifecycle.Reconcile(open, observed, inScope, now).Select(c => c.Alarm).ToList();

    private static Alarm Ack(Alarm alarm, string by, DateTimeOffset at, string? comment = null) =>
        (AlarmLifecycle.Acknowledge(alarm, by, comment, at) ?? throw new InvalidOperationException("refused")).Alarm;

    [Fact]
    public void A_new_condition_raises_an_active_alarm_with_a_deterministic_id()
    {
        var changes = Reconcile([], [Breach(600)], PositionRules, T0);

        var alarm = Assert.Single(changes);
        Assert.Equal(AlarmIds.For(ZnLimit, T0), alarm.AlarmId);
        Assert.Equal((AlarmState.Active, AlarmSeverity.Warning, 600m, 500m), (alarm.State, alarm.Severity, alarm.Value, alarm.Threshold));
        Assert.Equal((T0, T0, (DateTimeOffset?)null, (string?)null), (alarm.RaisedAt, alarm.UpdatedAt, alarm.ClearedAt, alarm.AcknowledgedBy));
        Assert.Equal(ZnLimit, alarm.Key);
    }

    [Fact]
    public void A_repeat_breach_updates_the_open_alarm_instead_of_raising_another()
    {
        var raised = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0));

        var changes = Reconcile([raised], [Breach(800, AlarmSeverity.Critical)], PositionRules, T0.AddMinutes(1));

        var updated = Assert.Single(changes);
        Assert.Equal(raised.AlarmId, updated.AlarmId);
        Assert.Equal((AlarmState.Active, AlarmSeverity.Critical, 800m), (updated.State, updated.Severity, updated.Value));
        Assert.Equal((T0, T0.AddMinutes(1)), (updated.RaisedAt, updated.UpdatedAt));
        Assert.Contains("800", updated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unchanged_repeat_is_not_returned()
    {
        var raised = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0));

        Assert.Empty(Reconcile([raised], [Breach(600)], PositionRules, T0.AddMinutes(1)));
    }

    [Fact]
    public void An_ended_condition_in_scope_clears_the_alarm()
    {
        var raised = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0));

        var cleared = Assert.Single(Reconcile([raised], [], PositionRules, T0.AddMinutes(5)));

        Assert.Equal(raised.AlarmId, cleared.AlarmId);
        Assert.Equal((AlarmState.Cleared, (DateTimeOffset?)T0.AddMinutes(5)), (cleared.State, cleared.ClearedAt));
        Assert.False(cleared.IsOpen);
    }

    [Fact]
    public void A_condition_that_recurs_after_clearing_raises_a_new_alarm()
    {
        var first = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0));
        Assert.Single(Reconcile([first], [], PositionRules, T0.AddMinutes(1)));

        var again = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0.AddMinutes(2)));

        Assert.NotEqual(first.AlarmId, again.AlarmId);
        Assert.Equal((AlarmState.Active, T0.AddMinutes(2)), (again.State, again.RaisedAt));
    }

    [Fact]
    public void An_acknowledged_alarm_still_updates_and_then_clears()
    {
        var raised = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0));
        var acked = Ack(raised, " jdoe ", T0.AddSeconds(30));
        Assert.Equal((AlarmState.Acknowledged, "jdoe", T0.AddSeconds(30)), (acked.State, acked.AcknowledgedBy, acked.UpdatedAt));

        var updated = Assert.Single(Reconcile([acked], [Breach(650)], PositionRules, T0.AddMinutes(1)));
        Assert.Equal((AlarmState.Acknowledged, "jdoe", 650m), (updated.State, updated.AcknowledgedBy, updated.Value));

        var cleared = Assert.Single(Reconcile([updated], [], PositionRules, T0.AddMinutes(2)));
        Assert.Equal((AlarmState.Cleared, "jdoe", raised.AlarmId), (cleared.State, cleared.AcknowledgedBy, cleared.AlarmId));
    }

    [Fact]
    public void A_condition_alarm_cleared_before_anyone_saw_it_needs_ack_until_acknowledged_then_refuses_another()
    {
        var raised = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0));
        var cleared = Assert.Single(Reconcile([raised], [], PositionRules, T0.AddMinutes(1)));
        Assert.Equal((AlarmState.Cleared, true, "system"), (cleared.State, cleared.NeedsAck, cleared.ClearedBy));

        var change = AlarmLifecycle.Acknowledge(cleared, "jdoe", "saw it after the fact", T0.AddMinutes(2));

        Assert.NotNull(change);
        Assert.Equal((AlarmState.Cleared, "jdoe", "saw it after the fact", false), (change.Alarm.State, change.Alarm.AcknowledgedBy, change.Alarm.Comment, change.Alarm.NeedsAck));
        Assert.Equal((T0.AddMinutes(1), "system"), (change.Alarm.ClearedAt, change.Alarm.ClearedBy));
        Assert.Equal(new AlarmHistoryEvent(cleared.AlarmId, T0.AddMinutes(2), AlarmEventType.Acknowledged, AlarmState.Cleared, AlarmSeverity.Warning, 600m, "jdoe", "saw it after the fact"), change.Event);
        Assert.Null(AlarmLifecycle.Acknowledge(change.Alarm, "other", null, T0.AddMinutes(3)));
        Assert.Throws<ArgumentException>(() => AlarmLifecycle.Acknowledge(raised, "  ", null, T0));
    }

    [Fact]
    public void Every_transition_comes_with_its_history_event()
    {
        var raise = Assert.Single(AlarmLifecycle.Reconcile([], [Breach(600)], PositionRules, T0));
        var update = Assert.Single(AlarmLifecycle.Reconcile([raise.Alarm], [Breach(650)], PositionRules, T0.AddMinutes(1)));
        var escalate = Assert.Single(AlarmLifecycle.Reconcile([update.Alarm], [Breach(900, AlarmSeverity.Critical)], PositionRules, T0.AddMinutes(2)));
        var ack = AlarmLifecycle.Acknowledge(escalate.Alarm, "jdoe", "reducing", T0.AddMinutes(3))!;
        var clear = Assert.Single(AlarmLifecycle.Reconcile([ack.Alarm], [], PositionRules, T0.AddMinutes(4)));

        Assert.Equal(
            [
                (AlarmEventType.Raised, AlarmState.Active, AlarmSeverity.Warning, (decimal?)600m, (string?)null, (string?)null),
                (AlarmEventType.Updated, AlarmState.Active, AlarmSeverity.Warning, 650m, null, null),
                (AlarmEventType.Escalated, AlarmState.Active, AlarmSeverity.Critical, 900m, null, null),
                (AlarmEventType.Acknowledged, AlarmState.Acknowledged, AlarmSeverity.Critical, 900m, "jdoe", "reducing"),
                (AlarmEventType.Cleared, AlarmState.Cleared, AlarmSeverity.Critical, 900m, "system", null),
            ],
            new[] { raise, update, escalate, ack, clear }.Select(c => (c.Event.Event, c.Event.State, c.Event.Severity, c.Event.Value, c.Event.By, c.Event.Comment)));
        Assert.All(new[] { raise, update, escalate, ack, clear }, c => Assert.Equal((c.Alarm.AlarmId, c.Alarm.UpdatedAt), (c.Event.AlarmId, c.Event.At)));
        Assert.Equal(("jdoe", "reducing"), (clear.Alarm.AcknowledgedBy, clear.Alarm.Comment));
    }

    [Fact]
    public void Acknowledging_a_latched_event_alarm_clears_it_by_that_person()
    {
        var failed = new AlarmCondition(
            new AlarmKey(AlarmType.FeedFailed, null, "trades", "trades/t/1.csv"), AlarmSeverity.Critical, "File t/1.csv failed", 1m, null);
        var raised = Assert.Single(Reconcile([], [failed], _ => false, T0));
        Assert.Equal((AlarmKind.Event, AlarmState.Active, true), (raised.Kind, raised.State, raised.NeedsAck));

        var change = AlarmLifecycle.Acknowledge(raised, "ops", "file re-sent", T0.AddMinutes(1))!;

        Assert.Equal(
            (AlarmState.Cleared, (DateTimeOffset?)T0.AddMinutes(1), "ops", "ops", "file re-sent", false),
            (change.Alarm.State, change.Alarm.ClearedAt, change.Alarm.ClearedBy, change.Alarm.AcknowledgedBy, change.Alarm.Comment, change.Alarm.NeedsAck));
        Assert.Equal((AlarmEventType.Acknowledged, AlarmState.Cleared), (change.Event.Event, change.Event.State));
        Assert.Null(AlarmLifecycle.Acknowledge(change.Alarm, "ops", null, T0.AddMinutes(2)));
    }

    [Fact]
    public void Event_alarms_are_one_per_subject_and_clear_only_when_their_own_subject_is_in_scope()
    {
        AlarmCondition Failed(string file) => new(
            new AlarmKey(AlarmType.FeedFailed, null, "trades", "trades/" + file), AlarmSeverity.Critical, $"File {file} failed", 1m, null);
        var open = Reconcile([], [Failed("a.csv"), Failed("b.csv")], _ => false, T0);
        Assert.Equal(2, open.Select(a => a.AlarmId).Distinct().Count());

        // A later, different file on the feed: nothing of a.csv or b.csv is in scope.
        Assert.Empty(Reconcile(open, [], k => k.Subject == "trades/c.csv", T0.AddMinutes(1)));

        // A good re-delivery of a.csv clears a.csv's alarm only, by the system; it still needs a person's ack.
        var cleared = Assert.Single(Reconcile(open, [], k => k.Subject == "trades/a.csv", T0.AddMinutes(2)));
        Assert.Equal(("trades/a.csv", AlarmState.Cleared, "system", true), (cleared.Subject, cleared.State, cleared.ClearedBy, cleared.NeedsAck));
    }

    [Fact]
    public void Alarms_outside_the_scope_are_left_alone()
    {
        var open = Reconcile([], [Breach(600), Breach(150, AlarmSeverity.Info, LargeZn)], _ => true, T0);
        Assert.Equal(2, open.Count);

        // The position rules ran and found nothing: the limit clears, the latched LARGE_TRADE stays open.
        var changes = Reconcile(open, [], PositionRules, T0.AddMinutes(1));

        var cleared = Assert.Single(changes);
        Assert.Equal(ZnLimit, cleared.Key);
    }

    [Fact]
    public void Repeated_evaluations_keep_one_alarm_per_key()
    {
        var store = new Dictionary<string, Alarm>(StringComparer.Ordinal);
        decimal[] values = [600, 600, 700, 700, 600];
        for (var i = 0; i < values.Length; i++)
        {
            var open = store.Values.Where(a => a.IsOpen).ToList();
            foreach (var change in Reconcile(open, [Breach(values[i]), Breach(values[i])], PositionRules, T0.AddMinutes(i)))
            {
                store[change.AlarmId] = change;
            }
        }

        var alarm = Assert.Single(store.Values);
        Assert.Equal((600m, T0.AddMinutes(4), T0), (alarm.Value, alarm.UpdatedAt, alarm.RaisedAt));
    }

    [Fact]
    public void Of_several_conditions_for_one_key_the_most_severe_wins()
    {
        var changes = Reconcile(
            [],
            [Breach(900, AlarmSeverity.Critical), Breach(600), Breach(601)],
            PositionRules,
            T0);

        Assert.Equal((AlarmSeverity.Critical, 900m), (Assert.Single(changes).Severity, changes[0].Value));
    }

    [Fact]
    public void A_duplicate_open_alarm_for_a_key_is_cleared_and_the_latest_kept()
    {
        var older = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0));
        var newer = Assert.Single(Reconcile([], [Breach(600)], PositionRules, T0.AddMinutes(1)));

        var changes = Reconcile([older, newer], [Breach(600)], PositionRules, T0.AddMinutes(2));

        var cleared = Assert.Single(changes);
        Assert.Equal((older.AlarmId, AlarmState.Cleared), (cleared.AlarmId, cleared.State));
    }

    [Fact]
    public void Alarm_ids_depend_on_key_and_raise_time_only()
    {
        var id = AlarmIds.For(ZnLimit, T0);

        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, AlarmIds.For(new AlarmKey(AlarmType.PositionLimit, "MM1", "ZNZ6"), T0.ToOffset(TimeSpan.FromHours(-5))));
        Assert.NotEqual(id, AlarmIds.For(ZnLimit, T0.AddTicks(1)));
        Assert.NotEqual(id, AlarmIds.For(ZnLimit with { Ticker = "ZBZ6" }, T0));
        Assert.NotEqual(id, AlarmIds.For(ZnLimit with { Type = AlarmType.LargeTrade }, T0));
        Assert.NotEqual(AlarmIds.For(LargeZn, T0), AlarmIds.For(LargeZn with { Subject = "T-2" }, T0));
    }

    [Fact]
    public void Timestamps_are_stored_in_UTC()
    {
        var local = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(-5));

        var alarm = Assert.Single(Reconcile([], [Breach(600)], PositionRules, local));

        Assert.Equal(TimeSpan.Zero, alarm.RaisedAt.Offset);
        Assert.Equal(local, alarm.RaisedAt);
    }
}
