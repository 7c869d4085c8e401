using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.Contract;

internal static class StorageSetExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>Saves alarms as the store tests state them, each with the history event its state implies.</summary>
    public static Task SaveAsync(this IAlarmStore store, IReadOnlyList<Alarm> alarms, CancellationToken ct) =>
        store.SaveAsync(alarms.Select(Change).ToList(), ct);

    public static AlarmChange Change(Alarm a) => new(
        a,
        new AlarmHistoryEvent(
            a.AlarmId,
            a.UpdatedAt,
            a.State switch { AlarmState.Cleared => AlarmEventType.Cleared, AlarmState.Acknowledged => AlarmEventType.Acknowledged, _ => AlarmEventType.Raised },
            a.State,
            a.Severity,
            a.Value,
            a.State == AlarmState.Acknowledged ? a.AcknowledgedBy : null,
            a.Comment));

    public static StorageSet WithHistory(this StorageSet storage, IHistoryStore history) => storage with { History = history };
}
