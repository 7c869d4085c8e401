using System.Diagnostics;
using Frgm.Domain.Alarms;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging;

namespace Frgm.Application.Ingestion;

/// <summary>
/// (bucket role, key) → route → parse → apply → latest state and history → alarms → ledger → change events.
/// Idempotent and retry-safe; the same code runs in a Lambda and in embedded mode. Write order: facts first
/// (idempotent upserts), derived state next (recomputed from facts), ledger last, so a failure anywhere
/// leaves FAILED and the next attempt converges without doubling anything.
/// </summary>
public sealed class IngestionService
{
    private static readonly HashSet<AlarmType> FileAlarmTypes = [AlarmType.FeedFailed, AlarmType.FeedRejectedRows];
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
        Stores = StoreStepStorage.Wrap(storage);
        Instruments = instruments;
        Thresholds = thresholds;
        Clock = clock;
        Logger = logger;
        _appliers = new IFeedApplier[]
        {
            new MarketDataApplier(), new EodApplier(), new SodApplier(), new TradesApplier(), new WorkingOrdersApplier(),
        }.ToDictionary(a => a.Feed);
        _alarms = new AlarmEvaluator(Stores.Alarms);
        _positions = new PositionRecalculator(Stores, instruments, thresholds, _alarms);
        var stale = SpillFiles.EnsureCleaned();
        if (stale > 0)
        {
            logger?.LogWarning("Removed {Count} spill file(s) left in {Folder} by a process that stopped mid-file", stale, SpillFiles.Folder);
        }
    }

    /// <summary>The stores as composed (adapters may look at their own types here).</summary>
    public StorageSet Storage { get; }

    /// <summary>The same stores behind the decorators that name a failing store and step (<see cref="StoreStepStorage"/>).</summary>
    internal StorageSet Stores { get; }

    public InstrumentCatalog Instruments { get; }

    public AlarmThresholds Thresholds { get; }

    public TimeProvider Clock { get; }

    /// <summary>
    /// How long a claim keeps other deliveries of the same content away (they get ShouldRetry) without a renewal. It is
    /// renewed every <see cref="LeaseRenewInterval"/> while the file runs, so it bounds how long a crashed owner's file
    /// waits for its retry, not how long a file may take.
    /// </summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Rows parsed per store write. Market files repeat each instrument every snapshot, so every batch touches
    /// most of the file's 1-minute bars again: bigger batches mean fewer read-merge-write rounds per bar
    /// (measured with the ingest-aws benchmark). 50k rows is a few MB, still independent of the file's size.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    public const int DefaultBatchSize = 50_000;

    /// <summary>Largest object read per feed (<see cref="FileSizeLimits"/>); beyond it the file is FAILED with the way to process it.</summary>
    public FileSizeLimits MaxFileBytes { get; init; } = FileSizeLimits.None;

    /// <summary>The live model's rate (RiskSettings.Rate): the Lambdas and the dashboard value positions alike.</summary>
    public double RiskRate
    {
        get => _positions.Rate;
        init => _positions.Rate = value;
    }

    /// <summary>
    /// Who takes files over <see cref="MaxFileBytes"/> (the ingest Lambda sets "the dashboard worker"): such a file is
    /// recorded HANDED_OFF for that worker (<see cref="OversizeHandOff"/>) instead of FAILED. Null: FAILED at once.
    /// </summary>
    public string? HandOffOversizedTo { get; init; }

    /// <summary>
    /// How long a HANDED_OFF file may wait before the sweep raises FEED_FAILED for it (no worker running, or stuck);
    /// null: the sweep does not look (embedded mode, where nothing is handed off).
    /// </summary>
    public TimeSpan? HandOffMaxWait { get; init; }

    /// <summary>The largest working-order snapshot accepted (bytes and orders); beyond it the file is FAILED.</summary>
    public WorkingOrderLimits WorkingOrderLimits { get; init; } = WorkingOrderLimits.Default;

    private ILogger<IngestionService> Logger { get; }

    /// <summary>Reads the object from <see cref="StorageSet.Objects"/> and ingests it. Store failures throw after the ledger records FAILED.</summary>
    public Task<IngestionResult> IngestAsync(BucketRole bucket, string key, CancellationToken ct) => IngestAsync(bucket, key, null, ct);

    /// <param name="note">Added to the final entry's notes (the oversize worker says how the file reached it).</param>
    public async Task<IngestionResult> IngestAsync(BucketRole bucket, string key, string? note, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = Clock.GetUtcNow();
        var route = ObjectKeyRouter.Route(bucket, key, now);
        var maxBytes = MaxFileBytes.For(route.Feed);

        // The working-order maximum is checked here, before anything is buffered, and refuses the file outright; a
        // per-feed Lambda limit below it only says the file is too big for one call.
        long? refuseAbove = route.Feed == FeedKind.WorkingOrders ? WorkingOrderLimits.MaxBytes : null;
        if (refuseAbove is { } maximum && (maxBytes is null || maximum <= maxBytes))
        {
            maxBytes = maximum;
        }

        Stream content;
        string sha256;
        try
        {
            (content, sha256) = await ContentReader.ReadAsync(Stores.Objects, bucket, key, ct, maxBytes: maxBytes);
        }
        catch (ObjectTooLargeException ex) when (HandOffOversizedTo is { } worker)
        {
            return await OversizeHandOff.RecordAsync(this, route, ex.Limit, worker, now, ct);
        }
        catch (ObjectTooLargeException ex)
        {
            return await RecordTooLargeAsync(route, ex.Limit, now, started, ct, ex.Limit == refuseAbove ? WorkingOrderLimits.DescribeOverBytes() : null);
        }

        await using var _ = content;
        var claim = await Stores.Ledger.TryClaimAsync(bucket, key, sha256, now, Lease, ct);
        if (claim.Outcome != LedgerClaimOutcome.Claimed)
        {
            var existing = claim.Existing ?? throw new InvalidOperationException($"ledger returned {claim.Outcome} without the entry for {key}");
            Log(existing, claim.Outcome, started);
            return new IngestionResult(claim.Outcome, existing);
        }

        var entry = new LedgerEntry(
            bucket, key, sha256, route.Feed, FileStatus.Processing, 0, 0, [], claim.Existing?.ReceivedAt ?? now, null, claim.Attempt);
        var heartbeat = ClaimHeartbeat.Start(Stores.Ledger, entry, Lease, LeaseRenewInterval, Clock, Logger);
        try
        {
            entry = route.IsIgnored
                ? entry with { Status = FileStatus.Ignored, Errors = [route.IgnoredReason ?? "no feed matches this key"], CompletedAt = Clock.GetUtcNow() }
                : await ApplyAsync(route, content, entry, now, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await heartbeat.DisposeAsync();
            await RecordFailureAsync(entry, ex, now, ct);
            Log(entry with { Status = FileStatus.Failed }, LedgerClaimOutcome.Claimed, started);
            throw;
        }
        finally
        {
            await heartbeat.DisposeAsync();
        }

        if (note is not null)
        {
            entry = entry with { Notes = [.. entry.Notes, note] };
        }

        await Stores.Ledger.RecordAsync(entry, ct);
        await PublishAsync(ChangeTopic.Files, now, $"{WireNames.Of(bucket)}/{key}", ct);
        Log(entry, LedgerClaimOutcome.Claimed, started);
        return new IngestionResult(LedgerClaimOutcome.Claimed, entry);
    }

    /// <summary>Records a key that is not read (special file, link, hidden or invalid name) as IGNORED with the reason.</summary>
    public Task<IngestionResult> RecordIgnoredAsync(BucketRole bucket, string key, string reason, CancellationToken ct) =>
        IgnoredObjects.RecordAsync(Stores, Clock, bucket, key, reason, ct);

    /// <summary>The alarm sweep: raises and clears STALE_MARKET_DATA and TT_FEED_STALE from latest state. Returns the changed alarms.</summary>
    public async Task<IReadOnlyList<Alarm>> SweepAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var date = await Stores.Latest.GetPositionsDateAsync(ct);
        var positions = date is { } d
            ? await Stores.Latest.GetPositionsAsync(d, ct)
            : [];
        var prices = await Stores.Latest.GetPricesAsync(ct);
        var feeds = await Stores.Latest.GetFeedTimestampsAsync(ct);
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
        if (HandOffMaxWait is { } wait)
        {
            // Raised only (latched per file, like any FEED_FAILED): the worker's clean ingestion of the key clears it.
            var waiting = await OversizeHandOff.OverdueAsync(Stores.Ledger, now, wait, ct);
            changed = [.. changed, .. await _alarms.ApplyAsync(waiting, _ => false, now, ct)];
        }

        if (changed.Count > 0)
        {
            await PublishAsync(ChangeTopic.Alarms, now, "sweep", ct);
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
        await PublishAsync(ChangeTopic.Positions, now, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ct);
        if (result.ChangedAlarms.Count > 0)
        {
            await PublishAsync(ChangeTopic.Alarms, now, "positions", ct);
        }

        return result.Positions;
    }

    private async Task<LedgerEntry> ApplyAsync(ObjectRoute route, Stream content, LedgerEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var feed = route.Feed!.Value;
        var outcome = new FeedOutcome();
        try
        {
            await _appliers[feed].ApplyAsync(new FeedContext(route, Stores, now, BatchSize) { WorkingOrders = WorkingOrderLimits }, content, outcome, ct);
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

        await AddLaterDatesAsync(feed, outcome, ct);

        // Every fact of this file is stored: publish that by moving each affected date's facts version on, so a
        // recompute elsewhere that read an older version (and maybe missed these facts) cannot overwrite ours.
        foreach (var date in outcome.RecomputeDates)
        {
            await Stores.History.BumpFactsVersionAsync(date, ct);
        }

        foreach (var date in outcome.RecomputeDates)
        {
            var recalculation = await _positions.RecomputeAsync(date, now, ct);
            changedAlarms.AddRange(recalculation.ChangedAlarms);
            outcome.Topics.Add(ChangeTopic.Positions);
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
            Notes = outcome.Notes.ToLedgerErrors(),
        };
    }

    /// <summary>
    /// Prices and EOD rows dated X feed every later date's positions too (marks and Greeks as of D), so every date
    /// after X that has facts recomputes; trades and SOD feed their own date only. Listed after this file's facts are
    /// stored: a date registered later belongs to a file whose own recompute reads these facts.
    /// </summary>
    private async Task AddLaterDatesAsync(FeedKind feed, FeedOutcome outcome, CancellationToken ct)
    {
        if (feed is not (FeedKind.MarketData or FeedKind.Eod) || outcome.RecomputeDates.Count == 0)
        {
            return;
        }

        var later = await Stores.History.GetFactDatesAfterAsync(outcome.RecomputeDates.Min, ct);
        outcome.RecomputeDates.UnionWith(later);
    }

    private async Task<IReadOnlyList<Alarm>> EvaluateTradesAsync(IReadOnlyList<Trade> trades, DateTimeOffset now, CancellationToken ct)
    {
        var prices = await Stores.Latest.GetPricesAsync(ct);
        var marks = prices.ToDictionary(p => p.Key, p => p.Value.Price, StringComparer.Ordinal);
        var conditions = AlarmRules.ForTrades(trades, marks, Thresholds);

        // One latched alarm per trade id: nothing a later batch sees can clear it, only an acknowledgement.
        return await _alarms.ApplyAsync(conditions, _ => false, now, ct);
    }

    /// <summary>
    /// FEED_FAILED / FEED_REJECTED_ROWS are latched per file (bucket + key): only a clean re-delivery of the same key
    /// clears them (cleared_by "system"); a later, different file on the feed leaves them for a person to acknowledge.
    /// </summary>
    private Task<IReadOnlyList<Alarm>> EvaluateFileAsync(FeedKind feed, ObjectRoute route, int rejected, DateTimeOffset now, CancellationToken ct)
    {
        var bucket = WireNames.Of(route.Bucket);
        var subject = AlarmRules.FileSubject(bucket, route.Key);
        IReadOnlyCollection<AlarmCondition> observed = rejected > 0
            ? [AlarmRules.ForRejectedRows(feed, bucket, route.Key, rejected)]
            : [];
        return _alarms.ApplyAsync(observed, k => FileAlarmTypes.Contains(k.Type) && string.Equals(k.Subject, subject, StringComparison.Ordinal), now, ct);
    }

    /// <summary>
    /// Over the feed's size limit: FAILED at once (one entry per key and limit, a FEED_FAILED alarm), the message
    /// saying how to process it without the limit. Not thrown, so SQS does not re-deliver a file that can never finish.
    /// </summary>
    private async Task<IngestionResult> RecordTooLargeAsync(ObjectRoute route, long limit, DateTimeOffset now, long started, CancellationToken ct, string? overMaximum = null)
    {
        var feedName = route.Feed is { } f ? WireNames.Of(f) : "unknown";
        var reason = overMaximum ??
            $"{feedName} file is larger than {FileSizeLimits.Describe(limit)}, the most one ingest call finishes inside its timeout; " +
            $"not read. Process it without the limit: Frgm__Ingest__MaxFileMb=0 dotnet run --project lambdas/Frgm.Functions.Local -- invoke ingest --bucket {WireNames.Of(route.Bucket)} --key {route.Key} " +
            "(with the environment's Frgm__Aws__* settings), or split it into smaller files";
        var sha = IgnoredObjects.MarkerHash("too-large:" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var claim = await Stores.Ledger.TryClaimAsync(route.Bucket, route.Key, sha, now, Lease, ct);
        if (claim.Outcome != LedgerClaimOutcome.Claimed)
        {
            var existing = claim.Existing ?? throw new InvalidOperationException($"ledger returned {claim.Outcome} without the entry for {route.Key}");
            return new IngestionResult(claim.Outcome == LedgerClaimOutcome.InProgress ? claim.Outcome : LedgerClaimOutcome.AlreadyProcessed, existing);
        }

        var entry = new LedgerEntry(route.Bucket, route.Key, sha, route.Feed, FileStatus.Failed, 0, 0, [reason], claim.Existing?.ReceivedAt ?? now, Clock.GetUtcNow(), claim.Attempt);
        var condition = AlarmRules.ForFailedFile(route.Feed, WireNames.Of(route.Bucket), route.Key, reason);
        await PublishAlarmsAsync(await _alarms.ApplyAsync([condition], _ => false, now, ct), now, ct);
        await Stores.Ledger.RecordAsync(entry, ct);
        await PublishAsync(ChangeTopic.Files, now, $"{WireNames.Of(route.Bucket)}/{route.Key}", ct);
        Log(entry, LedgerClaimOutcome.Claimed, started);
        return new IngestionResult(LedgerClaimOutcome.Claimed, entry);
    }

    private async Task RecordFailureAsync(LedgerEntry entry, Exception failure, DateTimeOffset now, CancellationToken ct)
    {
        var failed = entry with { Status = FileStatus.Failed, Errors = [failure.Message], CompletedAt = Clock.GetUtcNow() };
        try
        {
            await Stores.Ledger.RecordAsync(failed, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim's lease runs out and the next delivery re-runs the file; the original error is the one to surface.
            Logger.LogError(ex, "Could not record FAILED for {Bucket}/{Key} after: {Failure}", WireNames.Of(entry.Bucket), entry.Key, failure.Message);
        }
    }

    /// <summary>Raises (never clears) the given conditions and publishes the change: for <see cref="OversizeHandOff"/>.</summary>
    internal async Task RaiseAsync(IReadOnlyCollection<AlarmCondition> conditions, DateTimeOffset now, CancellationToken ct) =>
        await PublishAlarmsAsync(await _alarms.ApplyAsync(conditions, _ => false, now, ct), now, ct);

    internal Task PublishFileAsync(BucketRole bucket, string key, DateTimeOffset now, CancellationToken ct) =>
        PublishAsync(ChangeTopic.Files, now, $"{WireNames.Of(bucket)}/{key}", ct);

    private async Task PublishAlarmsAsync(IReadOnlyList<Alarm> changed, DateTimeOffset now, CancellationToken ct)
    {
        if (changed.Count > 0)
        {
            await PublishAsync(ChangeTopic.Alarms, now, string.Join(",", changed.Select(a => a.AlarmId)), ct);
        }
    }

    /// <summary>Change events are hints for live screens: a failed publish is logged, never fails the file.</summary>
    private async Task PublishAsync(ChangeTopic topic, DateTimeOffset at, string? detail, CancellationToken ct)
    {
        try
        {
            await Stores.Changes.PublishAsync(new ChangeEvent(topic, at, detail), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Could not publish {Topic} change: {Message}", topic.WireName(), ex.Message);
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
