using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Ports;

namespace Frgm.Dashboard.Core;

/// <summary>Acknowledges an alarm through the domain lifecycle, stores it and tells every open page.</summary>
public sealed class AlarmAcknowledger
{
    private readonly StorageSet _storage;
    private readonly TimeProvider _clock;

    public AlarmAcknowledger(StorageSet storage, TimeProvider clock)
    {
        _storage = storage;
        _clock = clock;
    }

    /// <summary>Null when no alarm has that id.</summary>
    public async Task<Alarm?> AcknowledgeAsync(string alarmId, string by, CancellationToken ct)
    {
        var alarm = await _storage.Alarms.GetAsync(alarmId, ct);
        if (alarm is null)
        {
            return null;
        }

        var now = _clock.GetUtcNow();
        var acknowledged = AlarmLifecycle.Acknowledge(alarm, by, now);
        await _storage.Alarms.SaveAsync([acknowledged], ct);
        await _storage.Changes.PublishAsync(new ChangeEvent("alarms", now, alarmId), ct);
        return acknowledged;
    }
}
