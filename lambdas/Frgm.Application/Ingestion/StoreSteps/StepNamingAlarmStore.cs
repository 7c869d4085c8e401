using Frgm.Application.Ports;
using Frgm.Domain.Model;

namespace Frgm.Application.Ingestion;

internal sealed class StepNamingAlarmStore(IAlarmStore inner) : StoreStepDecorator("alarms"), IAlarmStore
{
    public Task<IReadOnlyList<Alarm>> GetOpenAsync(CancellationToken ct) => Run(() => inner.GetOpenAsync(ct));

    public Task SaveAsync(IReadOnlyList<AlarmChange> changes, CancellationToken ct) => Run(() => inner.SaveAsync(changes, ct));

    public Task<Alarm?> GetAsync(string alarmId, CancellationToken ct) => Run(() => inner.GetAsync(alarmId, ct));

    public Task<IReadOnlyList<Alarm>> QueryAsync(AlarmQuery query, CancellationToken ct) => Run(() => inner.QueryAsync(query, ct));

    public Task<IReadOnlyList<AlarmHistoryEvent>> GetHistoryAsync(string alarmId, CancellationToken ct) => Run(() => inner.GetHistoryAsync(alarmId, ct));
}
