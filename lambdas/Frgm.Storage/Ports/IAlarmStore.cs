using Frgm.Domain.Model;

namespace Frgm.Storage.Ports;

public interface IAlarmStore
{
    /// <summary>ACTIVE and ACKNOWLEDGED alarms.</summary>
    Task<IReadOnlyList<Alarm>> GetOpenAsync(CancellationToken ct);

    /// <summary>
    /// Writes alarm changes from the lifecycle. Creating an ACTIVE alarm is conditional: if another open alarm
    /// already holds its key, that one is kept and the new one is not written (concurrent raisers never duplicate).
    /// </summary>
    Task SaveAsync(IReadOnlyList<Alarm> alarms, CancellationToken ct);

    Task<Alarm?> GetAsync(string alarmId, CancellationToken ct);

    Task<IReadOnlyList<Alarm>> QueryAsync(AlarmQuery query, CancellationToken ct);
}
