using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Wraps every store port of a <see cref="StorageSet"/> in its step-naming decorator, once: the ingestion service
/// runs on the wrapped set, so any store failure surfaces as a <see cref="StoreStepException"/> naming the store
/// and the step, and nothing else does (cancellations, a missing object and already named failures pass through).
/// The change feed is not wrapped: a failed publish is a logged hint, never a failed file.
/// </summary>
internal static class StoreStepStorage
{
    public static StorageSet Wrap(StorageSet storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage with
        {
            Objects = storage.Objects is StepNamingObjectStore ? storage.Objects : new StepNamingObjectStore(storage.Objects),
            Latest = storage.Latest is StepNamingLatestStateStore ? storage.Latest : new StepNamingLatestStateStore(storage.Latest),
            History = storage.History is StepNamingHistoryStore ? storage.History : new StepNamingHistoryStore(storage.History),
            Alarms = storage.Alarms is StepNamingAlarmStore ? storage.Alarms : new StepNamingAlarmStore(storage.Alarms),
            Ledger = storage.Ledger is StepNamingFileLedger ? storage.Ledger : new StepNamingFileLedger(storage.Ledger),
            PnlHistory = storage.PnlHistory is StepNamingPnlHistoryStore ? storage.PnlHistory : new StepNamingPnlHistoryStore(storage.PnlHistory),
        };
    }
}
