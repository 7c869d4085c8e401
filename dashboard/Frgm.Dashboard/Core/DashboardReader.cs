using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using Frgm.Application.Ports;

namespace Frgm.Dashboard.Core;

/// <summary>
/// Everything the API and the pages show, read from the ports. Positions (the hot path) are cached until the
/// next change event; everything else is read on demand.
/// </summary>
public sealed class DashboardReader
{
    /// <summary>How many newest ledger entries the overview and the metrics summarise.</summary>
    public const int LedgerSample = 5000;

    private static readonly TimeSpan CacheMaxAge = TimeSpan.FromSeconds(5);

    private readonly StorageSet _storage;
    private readonly InstrumentCatalog _instruments;
    private readonly TimeProvider _clock;
    private readonly VersionedCache<int, DateOnly?> _defaultDate;
    private readonly VersionedCache<DateOnly, IReadOnlyList<Position>> _positions;
    private readonly Dictionary<string, string> _tickerSpelling;

    public DashboardReader(StorageSet storage, InstrumentCatalog instruments, TimeProvider clock, ChangeVersion version)
    {
        _storage = storage;
        _instruments = instruments;
        _clock = clock;
        _defaultDate = new VersionedCache<int, DateOnly?>(version, clock, CacheMaxAge, 1);
        _positions = new VersionedCache<DateOnly, IReadOnlyList<Position>>(version, clock, CacheMaxAge, 64);
        _tickerSpelling = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var instrument in instruments.All.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            _tickerSpelling.TryAdd(instrument.Key, instrument.Key);
        }
    }

    public InstrumentCatalog Instruments => _instruments;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>The requested date, else the latest business date with positions or trades.</summary>
    public async Task<DateOnly?> ResolveDateAsync(DateOnly? requested, CancellationToken ct) =>
        requested ?? await _defaultDate.GetAsync(0, _ => LoadDefaultDateAsync(ct));

    public async Task<PositionsView> GetPositionsAsync(DataFilter filter, CancellationToken ct)
    {
        var date = await ResolveDateAsync(filter.Date, ct);
        if (date is not { } day)
        {
            return new PositionsView(null, []);
        }

        var all = await _positions.GetAsync(day, d => LoadPositionsAsync(d, ct));
        var selected = filter.AccountId is null && filter.Ticker is null
            ? all
            : all.Where(p => filter.Matches(p.AccountId, p.Ticker)).ToList();
        return new PositionsView(day, selected);
    }

    public async Task<AccountsView> GetAccountsAsync(DataFilter filter, CancellationToken ct)
    {
        var positions = await GetPositionsAsync(filter, ct);
        var open = await _storage.Alarms.GetOpenAsync(ct);
        var accounts = PositionEngine.Summarize(positions.Positions, _instruments, open)
            .OrderBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
        return new AccountsView(positions.Date, accounts);
    }

    public async Task<(DateOnly? Date, BlotterPage Page)> GetBlotterAsync(DataFilter filter, int limit, string? cursor, CancellationToken ct)
    {
        var date = await ResolveDateAsync(filter.Date, ct);
        if (date is not { } day)
        {
            return (null, new BlotterPage([], null));
        }

        filter = await SpelledAsStoredAsync(filter with { Date = day }, ct);
        var page = await _storage.History.QueryBlotterAsync(new BlotterQuery(day, filter.AccountId, filter.Ticker, limit, cursor), ct);
        return (day, page);
    }

    public async Task<IReadOnlyList<PriceView>> GetMarketAsync(string? ticker, CancellationToken ct)
    {
        var prices = await _storage.Latest.GetPricesAsync(ct);
        var now = Now;
        return prices.Values
            .Where(p => ticker is null || string.Equals(p.Instrument, ticker, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Instrument, StringComparer.Ordinal)
            .Select(p => new PriceView(p, Math.Max(0, (now - p.Timestamp).TotalSeconds)))
            .ToList();
    }

    /// <summary>
    /// 1-minute bars, oldest first, for the <paramref name="window"/> ending at the ticker's latest price (not at
    /// now), so an instrument that stopped trading still shows its last hours.
    /// </summary>
    public async Task<IReadOnlyList<MarketBar>> GetBarsAsync(string ticker, TimeSpan window, CancellationToken ct)
    {
        var prices = await _storage.Latest.GetPricesAsync(ct);
        var to = prices.TryGetValue(ticker, out var latest) ? latest.Timestamp : Now;
        var bars = await _storage.History.GetMarketBarsAsync(ticker, to - window, to.AddMinutes(1), ct);
        return bars.OrderBy(b => b.MinuteStart).ToList();
    }

    /// <summary>One page of the working orders (the API and the Orders page never send the whole set).</summary>
    public async Task<OrdersPageView> GetOrdersAsync(DataFilter filter, int limit, string? cursor, CancellationToken ct) =>
        await OrdersPageView.ReadAsync(_storage.Latest, filter, limit, cursor, ct);

    /// <summary>
    /// Newest first. The date filter, when given, selects alarms raised on that UTC day; <paramref name="needsAck"/>
    /// true keeps alarms nobody acknowledged yet, false the others.
    /// </summary>
    public async Task<IReadOnlyList<Alarm>> GetAlarmsAsync(AlarmState? state, DataFilter filter, CancellationToken ct, bool? needsAck = null)
    {
        filter = await SpelledAsStoredAsync(filter, ct);
        var alarms = await _storage.Alarms.QueryAsync(new AlarmQuery(state, filter.AccountId, filter.Ticker, needsAck), ct);
        return alarms
            .Where(a => filter.Date is not { } d || DateOnly.FromDateTime(a.RaisedAt.UtcDateTime) == d)
            .OrderByDescending(a => a.UpdatedAt)
            .ToList();
    }

    public Task<Alarm?> GetAlarmAsync(string alarmId, CancellationToken ct) => _storage.Alarms.GetAsync(alarmId, ct);

    /// <summary>What an operator must still see, newest first: open alarms and cleared ones nobody acknowledged.</summary>
    public async Task<IReadOnlyList<Alarm>> GetVisibleAlarmsAsync(DataFilter filter, CancellationToken ct)
    {
        var open = await GetAlarmsAsync(null, filter, ct, needsAck: true);
        var acknowledged = await GetAlarmsAsync(AlarmState.Acknowledged, filter, ct);
        return open.Concat(acknowledged).OrderByDescending(a => a.UpdatedAt).ToList();
    }

    /// <summary>The alarm's transitions, oldest first; null when no alarm has that id.</summary>
    public async Task<IReadOnlyList<AlarmHistoryEvent>?> GetAlarmHistoryAsync(string alarmId, CancellationToken ct) =>
        await _storage.Alarms.GetAsync(alarmId, ct) is null ? null : await _storage.Alarms.GetHistoryAsync(alarmId, ct);

    /// <summary>
    /// Newest first, one page. The date filter selects the business date of the key (FORMATS.md), not the day the
    /// file was received; feed, key and cursor filters reach the newest <see cref="FileListing.ScanLimit"/> entries.
    /// </summary>
    public async Task<FilesPageView> GetFilesAsync(FileQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = await _storage.Ledger.ListAsync(query.Status, query.Unfiltered ? query.Limit + 1 : FileListing.ScanLimit, ct);
        return FileListing.Page(entries, query);
    }

    public async Task<OverviewView> GetOverviewAsync(CancellationToken ct)
    {
        var now = Now;
        var ledger = await _storage.Ledger.ListAsync(null, LedgerSample, ct);
        var stamps = await _storage.Latest.GetFeedTimestampsAsync(ct);
        var visible = await GetVisibleAlarmsAsync(DataFilter.None, ct);
        var date = await ResolveDateAsync(null, ct);
        var feeds = Enum.GetValues<FeedKind>()
            .Select(kind => SummariseFeed(WireNames.Of(kind), ledger.Where(f => f.Feed == kind).ToList(), stamps, now))
            .ToList();

        // What needs a person: every alarm nobody acknowledged, whether or not its condition still holds.
        var unacknowledged = visible.Where(a => a.NeedsAck).ToList();
        var unacknowledgedBySeverity = Enum.GetValues<AlarmSeverity>().ToDictionary(s => s, s => unacknowledged.Count(a => a.Severity == s));
        var activeBySeverity = Enum.GetValues<AlarmSeverity>().ToDictionary(s => s, s => visible.Count(a => a.State == AlarmState.Active && a.Severity == s));
        var openSorted = visible
            .OrderByDescending(a => a.NeedsAck)
            .ThenByDescending(a => a.Severity)
            .ThenByDescending(a => a.UpdatedAt)
            .ToList();
        return new OverviewView(now, date, feeds, activeBySeverity, unacknowledgedBySeverity, openSorted, ledger.Count);
    }

    private static FeedHealth SummariseFeed(
        string feed,
        IReadOnlyList<LedgerEntry> files,
        IReadOnlyDictionary<string, DateTimeOffset> stamps,
        DateTimeOffset now)
    {
        var counts = files.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count());
        var latencies = files
            .Where(f => f.CompletedAt is not null)
            .Select(f => (f.CompletedAt!.Value - f.ReceivedAt).TotalMilliseconds)
            .ToList();
        var last = files.Count > 0 ? files[0] : null;
        DateTimeOffset? lastSuccess = stamps.TryGetValue(feed, out var stamp) ? stamp : null;
        return new FeedHealth(
            feed,
            last,
            lastSuccess,
            lastSuccess is { } s ? Math.Max(0, (now - s).TotalSeconds) : null,
            counts,
            last?.CompletedAt is { } done ? (done - last.ReceivedAt).TotalMilliseconds : null,
            Median(latencies));
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>
    /// The filter with ticker and account spelled as the data spells them, for stores that compare exactly: the
    /// ticker as the instrument reference has it, the account as a position of the date has it; else as given.
    /// </summary>
    private async Task<DataFilter> SpelledAsStoredAsync(DataFilter filter, CancellationToken ct)
    {
        if (filter.Ticker is { } ticker && _tickerSpelling.TryGetValue(ticker, out var spelled))
        {
            filter = filter with { Ticker = spelled };
        }

        if (filter.AccountId is { } account && await ResolveDateAsync(filter.Date, ct) is { } day)
        {
            var positions = await _positions.GetAsync(day, d => LoadPositionsAsync(d, ct));
            var match = positions.FirstOrDefault(p => string.Equals(p.AccountId, account, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                filter = filter with { AccountId = match.AccountId };
            }
        }

        return filter;
    }

    private async Task<DateOnly?> LoadDefaultDateAsync(CancellationToken ct) =>
        await _storage.History.GetLatestBusinessDateAsync(ct) ?? await _storage.Latest.GetPositionsDateAsync(ct);

    private async Task<IReadOnlyList<Position>> LoadPositionsAsync(DateOnly date, CancellationToken ct)
    {
        // The latest-state store holds the current business date (MemoryDB in AWS); older dates live in history.
        var current = await _storage.Latest.GetPositionsDateAsync(ct);
        var positions = current == date
            ? await _storage.Latest.GetPositionsAsync(date, ct)
            : await _storage.History.GetPositionsAsync(date, ct);
        return positions
            .OrderBy(p => p.AccountId, StringComparer.Ordinal)
            .ThenBy(p => p.Ticker, StringComparer.Ordinal)
            .ToList();
    }
}
