using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>A condition that is true now; the lifecycle turns conditions into raised, updated and cleared alarms.</summary>
public sealed record AlarmCondition(
    AlarmKey Key,
    AlarmSeverity Severity,
    string Message,
    decimal? Value,
    decimal? Threshold);
