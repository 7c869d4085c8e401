using System.Diagnostics;
using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Storage.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Storage.Ingestion;

/// <summary>
/// (bucket role, key) → route → parse → apply → latest state and history → alarms → ledger → change events.
/// Idempotent and retry-safe; the same code runs in a Lambda and in embedded mode. Write order: facts first
/// (idempotent upserts), derived state next (recomputed from facts), ledger last, so a failure anywhere
/// leaves FAILED and the next attempt converges without doubling anything.
/// </summary>
public sealed class IngestionService
{
    private static readonly HashSet<AlarmType> FileAlarmTypes = [AlarmType.FeedFailed, AlarmType.FeedRejectedRows];
    private static readonly HashSet<AlarmType> TradeAlarmTypes = [AlarmType.LargeTrade, AlarmType.PriceDeviation];
    private static readonly HashSet<AlarmType> SweepAlarmTypes = [AlarmType.StaleMarketData, AlarmType.TtFeedStale];

    private readonly Dictionary<FeedKind, IFeedApplier> _appliers;
    private readonly AlarmEvaluator _alarms;
    private readonly PositionRecalculator _positions;

    public IngestionService(
        StorageSet storage,
        InstrumentCatalog instruments,
        AlarmThresholds thresholds,
        TimeProvider clock,
        ILogger<IngestionService> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Storage = storage;
        Instruments = instruments;
        Thresholds = thresholds;
        Clock = clock;
        Logger = logger;
        _appliers = new IFeedApplier[]
        {
            new MarketDataApplier(), new EodApplier(), new SodApplier(), new TradesApplier(), new WorkingOrdersApplier(),
        }.ToDictionary(a => a.Feed);
        _alarms = new AlarmEvaluator(storage.Alarms);
        _positions = new PositionRecalculator(storage, instruments, thresholds, _alarms);
    }

    public StorageSet Storage { get; }

    public InstrumentCatalog Instruments { get; }

    public AlarmThresholds Thresholds { get; }

    public TimeProvider Clock { get; }

    /// <summary>How long a claim keeps other deliveries of the same content away (they get ShouldRetry).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Rows parsed per store write. Market files repeat each instrument every snapshot, so every batch touches
    /// most of the file's 1-minute bars again: bigger batches mean fewer read-merge-write rounds per bar
    /// (measured with the ingest-aws benchmark). 50k rows is a few MB, still independent of the file's size.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    public const int DefaultBatchSize = 50_000;

    /// <summary>The largest working-order snapshot accepted (bytes and orders); beyond it the file is FAILED.</summary>
    public WorkingOrderLimits WorkingOrderLimits { get; init; } = WorkingOrderLimits.Default;

    private ILogger<IngestionService> Logger { get; }

    /// <summary>Reads the object from <see cref="StorageSet.Objects"/> and ingests it. Store failures throw after the ledger records FAILED.</summary>
    public async Task<IngestionResult> IngestAsync(BucketRole bucket, string key, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = Clock.GetUtcNow();
        // A missing object stays an ObjectNotFoundException (nothing to retry); other read faults name the store.
        var (content, sha256) = await StoreStep.Run("objects", "Read", () => ContentReader.ReadAsync(Storage.Objects, bucket, key, ct), passThrough: e => e is ObjectNotFoundException);
        await using var _ = content;
        var route = ObjectKeyRouter.Route(bucket, key, now);
        var claim = await StoreStep.Run("ledger", "TryClaim", () => Storage.Ledger.TryClaimAsync(bucket, key, sha256, now, Lease, ct));
        if (claim.Outcome != LedgerClaimOutcome.Claimed)
        {
            var existing = claim.Existing ?? throw new InvalidOperationException($"ledger returned {claim.Outcome} without the entry for {key}");
            Log(existing, claim.Outcome, started);
            return new IngestionResult(claim.Outcome, existing);
        }

        var entry = new LedgerEntry(
            bucket, key, sha256, route.Feed, FileStatus.Processing, 0, 0, [], claim.Existing?.ReceivedAt ?? now, null, claim.Attempt);
        try
        {
            entry = route.IsIgnored
                ? entry with { Status = FileStatus.Ignored, Errors = [route.IgnoredReason ?? "no feed matches this key"], CompletedAt = Clock.GetUtcNow() }
                : await ApplyAsync(route, content, entry, now, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(entry, ex, now, ct);
            Log(entry with { Status = FileStatus.Failed }, LedgerClaimOutcome.Claimed, started);
            throw;
        }

        await StoreStep.Run("ledger", "Record", () => Storage.Ledger.RecordAsync(entry, ct));
        await PublishAsync("files", now, $"{WireNames.Of(bucket)}/{key}", ct);
        Log(entry, LedgerClaimOutcome.Claimed, started);
        return new IngestionResult(LedgerClaimOutcome.Claimed, entry);
    }

    /// <summary>The alarm sweep: raises and clears STALE_MARKET_DATA and TT_FEED_STALE from latest state. Returns the changed alarms.</summary>
    public async Task<IReadOnlyList<Alarm>> SweepAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var date = await StoreStep.Run("latest", "GetPositionsDate", () => Storage.Latest.GetPositionsDateAsync(ct));
        var positions = date is { } d
            ? await StoreStep.Run("latest", "GetPositions", () => Storage.Latest.GetPositionsAsync(d, ct))
            : [];
        var prices = await StoreStep.Run("latest", "GetPrices", () => Storage.Latest.GetPricesAsync(ct));
        var feeds = await StoreStep.Run("latest", "GetFeedTimestamps", () => Storage.Latest.GetFeedTimestampsAsync(ct));
        DateTimeOffset? lastTt = feeds
            .Where(f => f.Key is "working-orders" or "tt-poll")
            .Select(f => (DateTimeOffset?)f.Value)
            .Max();

        var observed = AlarmRules.ForStaleMarketData(positions, prices, now, Thresholds).ToList();
        if (AlarmRules.ForTtFeed(lastTt, now, Thresholds) is { } tt)
        {
            observed.Add(tt);
        }

        var changed = await _alarms.ApplyAsync(observed, k => SweepAlarmTypes.Contains(k.Type), now, ct);
        if (changed.Count > 0)
        {
            await PublishAsync("alarms", now, "sweep", ct);
        }

        return changed;
    }

    /// <summary>
    /// Recomputes and stores positions for a date from stored facts (SOD, trades, prices, EOD) at the date's current
    /// facts version; returns the computed positions (not stored when a newer version's positions already were).
    /// </summary>
    public async Task<IReadOnlyList<Position>> RecomputePositionsAsync(DateOnly date, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var result = await _positions.RecomputeAsync(date, now, ct);
        await PublishAsync("positions", now, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ct);
        if (result.ChangedAlarms.Count > 0)
        {
            await PublishAsync("alarms", now, "positions", ct);
        }

        return result.Positions;
    }

    private async Task<LedgerEntry> ApplyAsync(ObjectRoute route, Stream content, LedgerEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var feed = route.Feed!.Value;
        var outcome = new FeedOutcome();
        try
        {
            await _appliers[feed].ApplyAsync(new FeedContext(route, Storage, now, BatchSize) { WorkingOrders = WorkingOrderLimits }, content, outcome, ct);
        }
        catch (FeedFormatException ex)
        {
            outcome.FailureMessage = ex.Message;
        }

        var changedAlarms = new List<Alarm>();
        if (outcome.FailureMessage is { } failure)
        {
            var condition = AlarmRules.ForFailedFile(feed, WireNames.Of(route.Bucket), route.Key, failure);
            changedAlarms.AddRange(await _alarms.ApplyAsync([condition], _ => false, now, ct));
            await PublishAlarmsAsync(changedAlarms, now, ct);
            return entry with { Status = FileStatus.Failed, Errors = [failure], CompletedAt = Clock.GetUtcNow() };
        }

        await AddCurrentDateAsync(feed, outcome, ct);

        // Every fact of this file is stored: publish that by moving each affected date's facts version on, so a
        // recompute elsewhere that read an older version (and maybe missed these facts) cannot overwrite ours.
        foreach (var date in outcome.RecomputeDates)
        {
            await StoreStep.Run("history", "BumpFactsVersion", () => Storage.History.BumpFactsVersionAsync(date, ct));
        }

        foreach (var date in outcome.RecomputeDates)
        {
            var recalculation = await _positions.RecomputeAsync(date, now, ct);
            changedAlarms.AddRange(recalculation.ChangedAlarms);
            outcome.Topics.Add("positions");
        }

        if (outcome.NewTrades.Count > 0)
        {
            changedAlarms.AddRange(await EvaluateTradesAsync(outcome.NewTrades, now, ct));
        }

        changedAlarms.AddRange(await EvaluateFileAsync(feed, route, outcome.Errors.Count, now, ct));
        foreach (var topic in outcome.Topics)
        {
            await PublishAsync(topic, now, route.Key, ct);
        }

        await PublishAlarmsAsync(changedAlarms, now, ct);
        return entry with
        {
            Status = outcome.Errors.Count > 0 ? FileStatus.CompletedWithErrors : FileStatus.Completed,
            Rows = outcome.Rows,
            RejectedRows = outcome.Errors.Count,
            Errors = outcome.Errors.ToLedgerErrors(),
            CompletedAt = Clock.GetUtcNow(),
            Duplicates = outcome.Duplicates,
        };
    }

    /// <summary>Prices and EOD Greeks feed the current business date's positions even when the file is dated earlier.</summary>
    private async Task AddCurrentDateAsync(FeedKind feed, FeedOutcome outcome, CancellationToken ct)
    {
        if (feed is not (FeedKind.MarketData or FeedKind.Eod) || outcome.RecomputeDates.Count == 0)
        {
            return;
        }

        var current = await StoreStep.Run("latest", "GetPositionsDate", () => Storage.Latest.GetPositionsDateAsync(ct));
        if (current is { } date && date > outcome.RecomputeDates.Max)
        {
            outcome.RecomputeDates.Add(date);
        }
    }

    private async Task<IReadOnlyList<Alarm>> EvaluateTradesAsync(IReadOnlyList<Trade> trades, DateTimeOffset now, CancellationToken ct)
    {
        var prices = await StoreStep.Run("latest", "GetPrices", () => Storage.Latest.GetPricesAsync(ct));
        var marks = prices.ToDictionary(p => p.Key, p => p.Value.Price, StringComparer.Ordinal);
        var conditions = AlarmRules.ForTrades(trades, marks, Thresholds);
        var touched = trades.Select(t => (t.AccountId, t.Ticker)).ToHashSet();
        return await _alarms.ApplyAsync(
            conditions,
            k => TradeAlarmTypes.Contains(k.Type) && k.AccountId is { } a && k.Ticker is { } t && touched.Contains((a, t)),
            now,
            ct);
    }

    /// <summary>FEED_FAILED / FEED_REJECTED_ROWS describe the feed's latest file: a clean file clears them.</summary>
    private Task<IReadOnlyList<Alarm>> EvaluateFileAsync(FeedKind feed, ObjectRoute route, int rejected, DateTimeOffset now, CancellationToken ct)
    {
        var wire = WireNames.Of(feed);
        IReadOnlyCollection<AlarmCondition> observed = rejected > 0
            ? [AlarmRules.ForRejectedRows(feed, WireNames.Of(route.Bucket), route.Key, rejected)]
            : [];
        return _alarms.ApplyAsync(observed, k => FileAlarmTypes.Contains(k.Type) && k.AccountId is null && k.Ticker == wire, now, ct);
    }

    private async Task RecordFailureAsync(LedgerEntry entry, Exception failure, DateTimeOffset now, CancellationToken ct)
    {
        var failed = entry with { Status = FileStatus.Failed, Errors = [failure.Message], CompletedAt = Clock.GetUtcNow() };
        try
        {
            await Storage.Ledger.RecordAsync(failed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim's lease runs out and the next delivery re-runs the file; the original error is the one to surface.
            Logger.LogError(ex, "Could not record FAILED for {Bucket}/{Key} after: {Failure}", WireNames.Of(entry.Bucket), entry.Key, failure.Message);
        }
    }

    private async Task PublishAlarmsAsync(IReadOnlyList<Alarm> changed, DateTimeOffset now, CancellationToken ct)
    {
        if (changed.Count > 0)
        {
            await PublishAsync("alarms", now, string.Join(",", changed.Select(a => a.AlarmId)), ct);
        }
    }

    /// <summary>Change events are hints for live screens: a failed publish is logged, never fails the file.</summary>
    private async Task PublishAsync(string topic, DateTimeOffset at, string? detail, CancellationToken ct)
    {
        try
        {
            await Storage.Changes.PublishAsync(new ChangeEvent(topic, at, detail), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Could not publish {Topic} change: {Message}", topic, ex.Message);
        }
    }

    private void Log(LedgerEntry entry, LedgerClaimOutcome outcome, long started)
    {
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var level = entry.Status == FileStatus.Failed ? LogLevel.Warning : LogLevel.Information;
        Logger.Log(
            level,
            "Ingest {Bucket}/{Key} feed={Feed} outcome={Outcome} status={Status} rows={Rows} rejected={Rejected} duplicates={Duplicates} attempt={Attempt} ms={Ms:0.0}",
            WireNames.Of(entry.Bucket),
            entry.Key,
            entry.Feed is { } feed ? WireNames.Of(feed) : "none",
            outcome,
            WireNames.Of(entry.Status),
            entry.Rows,
            entry.RejectedRows,
            entry.Duplicates,
            entry.Attempts,
            ms);
    }
}
