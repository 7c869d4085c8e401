using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using Frgm.Application.Ports;

namespace Frgm.Application.Ingestion;

/// <summary>
/// Positions for a date, always recomputed from stored facts dated on or before it (never incremented, never a later
/// day's price), so a retried, replayed or late file converges. Only the current business date (or a later one)
/// reaches latest state and the limit alarms; UNKNOWN_INSTRUMENT is evaluated for every date recomputed.
/// Convergence across processes (several ingest Lambdas) rests on the date's facts version: every file bumps it
/// after writing its facts, a recompute reads it before loading them, and both position writes are conditional
/// on it (stored version &lt;= ours). The highest version to write therefore wins wherever it lands in time, and
/// it read the facts after every lower version's facts were written. A recompute that loses skips its alarms
/// too: they would describe positions that are no longer stored. The in-process gate only saves wasted work.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs Dispose only once its AvailableWaitHandle is used; it never is.")]
internal sealed class PositionRecalculator(StorageSet storage, InstrumentCatalog instruments, AlarmThresholds thresholds, AlarmEvaluator alarms)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Rate of the live model Greeks (RiskSettings.Rate); set once at construction by IngestionService.</summary>
    public double Rate { get; set; } = Frgm.Domain.Risk.RiskSettings.DefaultRate;

    private static readonly HashSet<AlarmType> PositionAlarmTypes =
        [AlarmType.PositionLimit, AlarmType.LossLimit, AlarmType.DeltaLimit, AlarmType.UnknownInstrument];

    public async Task<PositionRecalculation> RecomputeAsync(DateOnly date, DateTimeOffset now, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await RecomputeOneAtATimeAsync(date, now, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<PositionRecalculation> RecomputeOneAtATimeAsync(DateOnly date, DateTimeOffset now, CancellationToken ct)
    {
        // Before any fact is read: a version this high was bumped only after its file's facts were stored.
        var version = await storage.History.GetFactsVersionAsync(date, ct);
        // The four facts are independent reads: side by side, one round trip's wait instead of four.
        var sodRead = storage.History.GetSodAsync(date, ct);
        var tradesRead = storage.History.GetTradesAsync(date, ct);
        var pricesRead = storage.History.GetPricesAsOfAsync(date, ct);
        var eodRead = storage.History.GetLatestEodAsync(date, ct);
        await Task.WhenAll(sodRead, tradesRead, pricesRead, eodRead);
        var (sod, trades, prices, eod) = (await sodRead, await tradesRead, await pricesRead, await eodRead);
        var positions = PositionEngine.Compute(new PositionInputs(date, sod, trades, prices, eod, instruments, now) { Rate = Rate });

        var storedInHistory = await storage.History.PutPositionsAsync(date, positions, version, ct);
        var currentDate = await storage.Latest.GetPositionsDateAsync(ct);
        if (currentDate is { } current && date < current)
        {
            var unknown = storedInHistory ? await EvaluateUnknownInstrumentsAsync(positions, now, ct) : [];
            return new PositionRecalculation(date, positions, version, IsCurrent: false, storedInHistory, unknown);
        }

        if (!await storage.Latest.ReplacePositionsAsync(date, positions, version, ct))
        {
            return new PositionRecalculation(date, positions, version, IsCurrent: true, Stored: false, []);
        }

        var open = await storage.Alarms.GetOpenAsync(ct);
        var accounts = PositionEngine.Summarize(positions, instruments, open);
        await RecordPnlHistoryAsync(date, accounts, now, ct);
        var conditions = AlarmRules.ForPositions(positions, accounts, instruments, thresholds);
        var accountIds = positions.Select(p => p.AccountId).ToHashSet(StringComparer.Ordinal);
        var tickers = positions.Select(p => p.Ticker).ToHashSet(StringComparer.Ordinal);
        var changed = await alarms.ApplyAsync(
            conditions,
            k => PositionAlarmTypes.Contains(k.Type)
                && (k.AccountId is { } account ? accountIds.Contains(account) : k.Ticker is { } ticker && tickers.Contains(ticker)),
            now,
            open,
            ct);
        return new PositionRecalculation(date, positions, version, IsCurrent: true, Stored: true, changed);
    }

    /// <summary>The chart's point for each account whose day P&amp;L is known (IPnlHistoryStore coalesces per minute).</summary>
    private Task RecordPnlHistoryAsync(DateOnly date, IReadOnlyList<AccountSummary> accounts, DateTimeOffset now, CancellationToken ct)
    {
        var points = accounts.Where(a => a.DayPnl is not null).Select(a => new AccountDayPnl(a.AccountId, a.DayPnl!.Value)).ToList();
        return storage.PnlHistory.RecordAsync(date, points, now, ct);
    }

    /// <summary>A past date: limits describe the current date only, but an unknown instrument is unknown on any date.</summary>
    private Task<IReadOnlyList<Alarm>> EvaluateUnknownInstrumentsAsync(IReadOnlyList<Position> positions, DateTimeOffset now, CancellationToken ct)
    {
        var conditions = AlarmRules.ForPositions(positions, [], instruments, thresholds)
            .Where(c => c.Key.Type == AlarmType.UnknownInstrument)
            .ToList();
        var tickers = positions.Select(p => p.Ticker).ToHashSet(StringComparer.Ordinal);
        return alarms.ApplyAsync(
            conditions,
            k => k.Type == AlarmType.UnknownInstrument && k.Ticker is { } ticker && tickers.Contains(ticker),
            now,
            ct);
    }
}

/// <summary>
/// One recompute. <paramref name="Stored"/> is false when a recompute of a newer facts version had already
/// written (latest state for a current date, else history): these positions were discarded.
/// </summary>
internal sealed record PositionRecalculation(
    DateOnly Date, IReadOnlyList<Position> Positions, long Version, bool IsCurrent, bool Stored, IReadOnlyList<Alarm> ChangedAlarms);
