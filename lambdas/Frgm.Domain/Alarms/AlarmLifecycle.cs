using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>
/// Turns observed conditions into alarm transitions (API.md "Alarms"), each returned with the history event
/// that records it: raised, updated, escalated, acknowledged, cleared.
/// <para>
/// Scope is the caller's statement of which keys it evaluated: an open alarm is cleared only when its key is
/// in scope and no condition for it was observed; alarms outside the scope are never touched. Condition alarms
/// (limits, staleness, unknown instruments) are scoped to every key of the rule families evaluated. Event
/// alarms (LARGE_TRADE, PRICE_DEVIATION, FEED_FAILED, FEED_REJECTED_ROWS) are latched: one per subject (file or
/// trade id), and only a caller that re-evaluated that very subject puts it in scope, i.e. a successful
/// re-delivery of the same file key. Otherwise they end only when a person acknowledges them.
/// </para>
/// </summary>
public static class AlarmLifecycle
{
    /// <summary>Who made a transition nobody asked for: the condition ended, or a corrected re-delivery cleared it.</summary>
    public const string System = "system";

    /// <summary>
    /// <paramref name="open"/>: the open (ACTIVE or ACKNOWLEDGED) alarms. <paramref name="observed"/>: the
    /// conditions true now among the keys <paramref name="inScope"/> says were evaluated. Returns only the
    /// alarms that changed: new ones (ACTIVE, "raised"), updated ones (value/updated_at/severity: "escalated"
    /// when the severity rose, else "updated"), and cleared ones (open, in scope, no longer observed; cleared_by
    /// "system"; a cleared alarm nobody acknowledged keeps needs_ack).
    /// <para>
    /// A condition whose key has an open alarm updates it (an ACKNOWLEDGED alarm stays acknowledged) and is
    /// returned only if severity, value, threshold or message differ. Otherwise it raises a new ACTIVE alarm with
    /// id <see cref="AlarmIds.For"/>(key, now), so a condition that recurs after clearing gets a new id. Observed
    /// conditions are applied whatever the scope says. Several conditions for one key: the most severe wins, the
    /// later one on a tie. Several open alarms for one key (a broken invariant): the latest raised is kept, the
    /// others are cleared when the key is in scope. Returned order: raised and updated alarms in observation
    /// order, then cleared ones in open order.
    /// </para>
    /// </summary>
    public static IReadOnlyList<AlarmChange> Reconcile(
        IReadOnlyCollection<Alarm> open,
        IReadOnlyCollection<AlarmCondition> observed,
        Func<AlarmKey, bool> inScope,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(inScope);
        now = now.ToUniversalTime();

        var current = new Dictionary<AlarmKey, Alarm>();
        foreach (var alarm in open)
        {
            if (alarm.IsOpen && (!current.TryGetValue(alarm.Key, out var kept) || alarm.RaisedAt > kept.RaisedAt))
            {
                current[alarm.Key] = alarm;
            }
        }

        var conditions = StrongestPerKey(observed);
        var changes = new List<AlarmChange>();
        foreach (var condition in conditions.Values)
        {
            if (!current.TryGetValue(condition.Key, out var existing))
            {
                changes.Add(Record(Raise(condition, now), AlarmEventType.Raised, now, null, null));
            }
            else if (Differs(existing, condition))
            {
                var updated = existing with
                {
                    Severity = condition.Severity,
                    Message = condition.Message,
                    Value = condition.Value,
                    Threshold = condition.Threshold,
                    UpdatedAt = now,
                };
                var kind = condition.Severity > existing.Severity ? AlarmEventType.Escalated : AlarmEventType.Updated;
                changes.Add(Record(updated, kind, now, null, null));
            }
        }

        foreach (var alarm in open)
        {
            if (!alarm.IsOpen || !inScope(alarm.Key))
            {
                continue;
            }

            var superseded = !ReferenceEquals(current[alarm.Key], alarm);
            if (superseded || !conditions.ContainsKey(alarm.Key))
            {
                var cleared = alarm with { State = AlarmState.Cleared, ClearedAt = now, ClearedBy = System, UpdatedAt = now };
                changes.Add(Record(cleared, AlarmEventType.Cleared, now, System, null));
            }
        }

        return changes;
    }

    /// <summary>
    /// <paramref name="by"/> acknowledges <paramref name="alarm"/> with an optional comment. An open condition
    /// alarm becomes ACKNOWLEDGED (a later acknowledgement replaces name and comment); a latched event alarm
    /// becomes CLEARED (cleared_by the acknowledger); a cleared alarm nobody acknowledged stays CLEARED and no
    /// longer needs acknowledging. Null when the alarm is already CLEARED and acknowledged: nothing is left to
    /// acknowledge, and the caller must say so (API.md: 409).
    /// </summary>
    public static AlarmChange? Acknowledge(Alarm alarm, string by, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (alarm is { IsOpen: false, NeedsAck: false })
        {
            return null;
        }

        now = now.ToUniversalTime();
        var name = by.Trim();
        var note = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var acknowledged = alarm with { AcknowledgedBy = name, Comment = note, UpdatedAt = now };
        if (alarm.IsOpen)
        {
            // A cleared alarm keeps when and by whom it cleared; an open one moves on.
            acknowledged = alarm.Kind == AlarmKind.Event
                ? acknowledged with { State = AlarmState.Cleared, ClearedAt = now, ClearedBy = name }
                : acknowledged with { State = AlarmState.Acknowledged };
        }

        return Record(acknowledged, AlarmEventType.Acknowledged, now, name, note);
    }

    private static AlarmChange Record(Alarm alarm, AlarmEventType kind, DateTimeOffset at, string? by, string? comment) =>
        new(alarm, new AlarmHistoryEvent(alarm.AlarmId, at, kind, alarm.State, alarm.Severity, alarm.Value, by, comment));

    private static Alarm Raise(AlarmCondition condition, DateTimeOffset now) => new(
        AlarmIds.For(condition.Key, now),
        condition.Key.Type,
        condition.Severity,
        AlarmState.Active,
        condition.Key.AccountId,
        condition.Key.Ticker,
        condition.Message,
        condition.Value,
        condition.Threshold,
        now,
        now,
        null,
        null,
        condition.Key.Subject);

    private static bool Differs(Alarm alarm, AlarmCondition condition) =>
        alarm.Severity != condition.Severity
        || alarm.Value != condition.Value
        || alarm.Threshold != condition.Threshold
        || !string.Equals(alarm.Message, condition.Message, StringComparison.Ordinal);

    private static Dictionary<AlarmKey, AlarmCondition> StrongestPerKey(IReadOnlyCollection<AlarmCondition> observed)
    {
        var byKey = new Dictionary<AlarmKey, AlarmCondition>();
        foreach (var condition in observed)
        {
            if (!byKey.TryGetValue(condition.Key, out var seen) || condition.Severity >= seen.Severity)
            {
                byKey[condition.Key] = condition;
            }
        }

        return byKey;
    }
}
