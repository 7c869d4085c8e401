using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Storage.Ingestion;

/// <summary>
/// (bucket role, key) → route → parse → apply → latest state and history → alarms → ledger → change events.
/// Idempotent and retry-safe; the same code runs in a Lambda and in embedded mode.
/// </summary>
public sealed class IngestionService
{
    // CONTRACT STUB: implemented by the ingestion work (issue 3). Constructor and method shapes are the contract.
    public IngestionService(
        StorageSet storage,
        InstrumentCatalog instruments,
        AlarmThresholds thresholds,
        TimeProvider clock,
        ILogger<IngestionService> logger)
    {
        Storage = storage;
        Instruments = instruments;
        Thresholds = thresholds;
        Clock = clock;
        Logger = logger;
    }

    public StorageSet Storage { get; }

    public InstrumentCatalog Instruments { get; }

    public AlarmThresholds Thresholds { get; }

    public TimeProvider Clock { get; }

    private ILogger<IngestionService> Logger { get; }

    /// <summary>Reads the object from <see cref="StorageSet.Objects"/> and ingests it. Store failures throw after the ledger records FAILED.</summary>
    public Task<IngestionResult> IngestAsync(BucketRole bucket, string key, CancellationToken ct) =>
        throw new NotImplementedException(Logger.ToString());

    /// <summary>The alarm sweep: raises and clears STALE_MARKET_DATA and TT_FEED_STALE from latest state. Returns the changed alarms.</summary>
    public Task<IReadOnlyList<Alarm>> SweepAsync(CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Recomputes and stores positions for a date from stored facts (SOD, trades, prices, EOD).</summary>
    public Task<IReadOnlyList<Position>> RecomputePositionsAsync(DateOnly date, CancellationToken ct) =>
        throw new NotImplementedException();
}
