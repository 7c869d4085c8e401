using Frgm.Domain.Model;

namespace Frgm.Application.Ports;

public interface IAlarmStore
{
    /// <summary>ACTIVE and ACKNOWLEDGED alarms.</summary>
    Task<IReadOnlyList<Alarm>> GetOpenAsync(CancellationToken ct);

    /// <summary>
    /// Writes alarm transitions from the lifecycle, each alarm together with its history event in one atomic
    /// write (both or neither). Creating an ACTIVE alarm is conditional: if another open alarm already holds
    /// its key, that one is kept and neither the new alarm nor its event is written (concurrent raisers never
    /// duplicate).
    /// </summary>
    Task SaveAsync(IReadOnlyList<AlarmChange> changes, CancellationToken ct);

    Task<Alarm?> GetAsync(string alarmId, CancellationToken ct);

    Task<IReadOnlyList<Alarm>> QueryAsync(AlarmQuery query, CancellationToken ct);

    /// <summary>The alarm's transitions, oldest first; empty when the alarm has none (or does not exist).</summary>
    Task<IReadOnlyList<AlarmHistoryEvent>> GetHistoryAsync(string alarmId, CancellationToken ct);
}
