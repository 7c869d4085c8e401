using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>Turns observed conditions into alarm state changes: one open alarm per key, updated, then cleared.</summary>
public static class AlarmLifecycle
{
    // CONTRACT STUB: replaced by the alarm work (issue 2).

    /// <summary>
    /// <paramref name="open"/>: the open (ACTIVE or ACKNOWLEDGED) alarms. <paramref name="observed"/>: the
    /// conditions true now among the keys <paramref name="inScope"/> says were evaluated. Returns only the
    /// alarms that changed: new ones (ACTIVE), updated ones (value/updated_at/severity), and cleared ones
    /// (open, in scope, no longer observed).
    /// </summary>
    public static IReadOnlyList<Alarm> Reconcile(
        IReadOnlyCollection<Alarm> open,
        IReadOnlyCollection<AlarmCondition> observed,
        Func<AlarmKey, bool> inScope,
        DateTimeOffset now) => throw new NotImplementedException();

    public static Alarm Acknowledge(Alarm alarm, string by, DateTimeOffset now) => throw new NotImplementedException();
}
