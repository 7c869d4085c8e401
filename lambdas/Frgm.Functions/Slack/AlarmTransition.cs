using Frgm.Domain.Model;

namespace Frgm.Functions.Slack;

public enum AlarmTransitionKind
{
    Raised,
    Escalated,
    Acknowledged,
    Cleared,
}

/// <summary>
/// Which stream records deserve a Slack message: one per transition (raise, severity escalation,
/// acknowledgement, clear). A repeat breach only moves value/updated_at and must stay silent, or a
/// breaching position would post every file. An acknowledgement is recognised by its name or comment
/// changing, whatever the state does: a latched event alarm goes ACTIVE → CLEARED when acknowledged, and a
/// cleared alarm nobody had acknowledged stays CLEARED; either is one "acknowledged" message, not a clear.
/// </summary>
public static class AlarmTransition
{
    public static AlarmTransitionKind? Classify(string? eventName, AlarmImage? oldImage, AlarmImage? newImage)
    {
        if (newImage is null || string.Equals(eventName, "REMOVE", StringComparison.Ordinal))
        {
            // REMOVE is TTL housekeeping, not an alarm event.
            return null;
        }

        if (string.Equals(eventName, "INSERT", StringComparison.Ordinal) || oldImage is null)
        {
            return ByState(newImage.State);
        }

        if (newImage.AcknowledgedBy is not null
            && (!string.Equals(oldImage.AcknowledgedBy, newImage.AcknowledgedBy, StringComparison.Ordinal)
                || !string.Equals(oldImage.Comment, newImage.Comment, StringComparison.Ordinal)))
        {
            return AlarmTransitionKind.Acknowledged;
        }

        if (!string.Equals(oldImage.State, newImage.State, StringComparison.Ordinal))
        {
            return ByState(newImage.State);
        }

        return Rank(newImage.Severity) > Rank(oldImage.Severity) && newImage.State != "CLEARED"
            ? AlarmTransitionKind.Escalated
            : null;
    }

    /// <summary>API.md: WARNING and CRITICAL alarms go to the alerting path; INFO stays on the dashboard.</summary>
    public static bool IsPublished(AlarmImage alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.Severity is AlarmSeverity.Warning or AlarmSeverity.Critical;
    }

    private static AlarmTransitionKind ByState(string state) => state switch
    {
        "ACKNOWLEDGED" => AlarmTransitionKind.Acknowledged,
        "CLEARED" => AlarmTransitionKind.Cleared,
        _ => AlarmTransitionKind.Raised,
    };

    private static int Rank(AlarmSeverity? severity) => severity is { } s ? (int)s : -1;
}
