using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Dashboard.Core;

public enum AckOutcome
{
    Acknowledged,
    NotFound,

    /// <summary>The alarm is already CLEARED and acknowledged: nothing is left to acknowledge.</summary>
    AlreadyDone,
}

/// <summary>The outcome and the alarm as it is now (null when not found).</summary>
public sealed record AckResult(AckOutcome Outcome, Alarm? Alarm);

/// <summary>Acknowledges an alarm through the domain lifecycle, stores it with its history event and tells every open page.</summary>
public sealed class AlarmAcknowledger
{
    private readonly StorageSet _storage;
    private readonly TimeProvider _clock;

    public AlarmAcknowledger(StorageSet storage, TimeProvider clock)
    {
        _storage = storage;
        _clock = clock;
    }

    public async Task<AckResult> AcknowledgeAsync(string alarmId, string by, string? comment, CancellationToken ct)
    {
        var alarm = await _storage.Alarms.GetAsync(alarmId, ct);
        if (alarm is null)
        {
            return new AckResult(AckOutcome.NotFound, null);
        }

        var now = _clock.GetUtcNow();
        if (AlarmLifecycle.Acknowledge(alarm, by, comment, now) is not { } change)
        {
            return new AckResult(AckOutcome.AlreadyDone, alarm);
        }

        await _storage.Alarms.SaveAsync([change], ct);
        await _storage.Changes.PublishAsync(new ChangeEvent(ChangeTopic.Alarms, now, alarmId), ct);
        return new AckResult(AckOutcome.Acknowledged, change.Alarm);
    }
}
