using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Conditions observed now → lifecycle transitions → alarm store (each alarm with its history event). The scope
/// says which keys were evaluated, so only those can clear; an observed key is always in scope.
/// </summary>
internal sealed class AlarmEvaluator(IAlarmStore alarms)
{
    /// <summary>Returns the alarms that changed, as they are after the change.</summary>
    public Task<IReadOnlyList<Alarm>> ApplyAsync(
        IReadOnlyCollection<AlarmCondition> observed,
        Func<AlarmKey, bool> scope,
        DateTimeOffset now,
        CancellationToken ct) => ApplyAsync(observed, scope, now, null, ct);

    /// <param name="open">The open alarms when the caller has just read them (saves the read), else null.</param>
    public async Task<IReadOnlyList<Alarm>> ApplyAsync(
        IReadOnlyCollection<AlarmCondition> observed,
        Func<AlarmKey, bool> scope,
        DateTimeOffset now,
        IReadOnlyList<Alarm>? open,
        CancellationToken ct)
    {
        open ??= await alarms.GetOpenAsync(ct);
        var observedKeys = observed.Select(c => c.Key).ToHashSet();
        var changes = AlarmLifecycle.Reconcile(open, observed, k => observedKeys.Contains(k) || scope(k), now);
        if (changes.Count > 0)
        {
            await alarms.SaveAsync(changes, ct);
        }

        return changes.Select(c => c.Alarm).ToList();
    }
}
