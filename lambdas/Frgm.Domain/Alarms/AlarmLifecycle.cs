using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>
/// Turns observed conditions into alarm state changes: one open alarm per key, updated, then cleared.
/// <para>
/// Scope is the caller's statement of which keys it evaluated: an open alarm is cleared only when its key
/// is in scope and no condition for it was observed; alarms outside the scope are never touched. State
/// conditions (limits, staleness, unknown instruments) are scoped to every key of the rule families
/// evaluated. Event-type alarms (LARGE_TRADE, PRICE_DEVIATION, FEED_FAILED, FEED_REJECTED_ROWS) describe
/// something that happened, not a state, so they stay open until a caller puts their key in scope on
/// purpose: e.g. the trades of a new batch scope their own (type, account, ticker) keys, a feed's next
/// clean file scopes that feed's FEED_FAILED / FEED_REJECTED_ROWS keys, an operator's clear scopes one key.
/// </para>
/// </summary>
public static class AlarmLifecycle
{
    /// <summary>
    /// <paramref name="open"/>: the open (ACTIVE or ACKNOWLEDGED) alarms. <paramref name="observed"/>: the
    /// conditions true now among the keys <paramref name="inScope"/> says were evaluated. Returns only the
    /// alarms that changed: new ones (ACTIVE), updated ones (value/updated_at/severity), and cleared ones
    /// (open, in scope, no longer observed).
    /// <para>
    /// A condition whose key has an open alarm updates it (severity, value, threshold, message, updated_at;
    /// an ACKNOWLEDGED alarm stays acknowledged) and is returned only if one of those differs. Otherwise it
    /// raises a new ACTIVE alarm with id <see cref="AlarmIds.For"/>(key, now), so a condition that recurs
    /// after clearing gets a new id. Observed conditions are applied whatever the scope says. Several
    /// conditions for one key: the most severe wins, the later one on a tie. Several open alarms for one
    /// key (a broken invariant): the latest raised is kept, the others are cleared when the key is in scope.
    /// Returned order: raised and updated alarms in observation order, then cleared ones in open order.
    /// </para>
    /// </summary>
    public static IReadOnlyList<Alarm> Reconcile(
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
        var changes = new List<Alarm>();
        foreach (var condition in conditions.Values)
        {
            if (!current.TryGetValue(condition.Key, out var existing))
            {
                changes.Add(Raise(condition, now));
            }
            else if (Differs(existing, condition))
            {
                changes.Add(existing with
                {
                    Severity = condition.Severity,
                    Message = condition.Message,
                    Value = condition.Value,
                    Threshold = condition.Threshold,
                    UpdatedAt = now,
                });
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
                changes.Add(alarm with { State = AlarmState.Cleared, ClearedAt = now, UpdatedAt = now });
            }
        }

        return changes;
    }

    /// <summary>
    /// Marks an open alarm ACKNOWLEDGED by <paramref name="by"/> (a later acknowledgement replaces the name).
    /// A CLEARED alarm is returned unchanged: there is nothing left to acknowledge.
    /// </summary>
    public static Alarm Acknowledge(Alarm alarm, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (!alarm.IsOpen)
        {
            return alarm;
        }

        return alarm with { State = AlarmState.Acknowledged, AcknowledgedBy = by.Trim(), UpdatedAt = now.ToUniversalTime() };
    }

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
        null);

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
