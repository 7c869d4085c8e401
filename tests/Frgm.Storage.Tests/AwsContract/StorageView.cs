using System.Globalization;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Tests.AwsContract;

/// <summary>
/// What the dashboard would read from one adapter set for a business date, so two sets (embedded and AWS) can be
/// compared item by item. Records compare by value (decimal equality ignores scale: DynamoDB numbers drop trailing
/// zeros, 6010.50 comes back as 6010.5, which is the same price). Generated alarm ids are left out.
/// </summary>
public sealed record StorageView(
    IReadOnlyList<Position> LatestPositions,
    IReadOnlyList<Position> HistoryPositions,
    IReadOnlyList<Trade> Blotter,
    IReadOnlyList<string> Alarms,
    IReadOnlyList<string> Ledger,
    IReadOnlyList<MarketPrice> Prices,
    DateTimeOffset? OrdersSnapshotTime,
    IReadOnlyList<WorkingOrder> WorkingOrders,
    IReadOnlyList<MarketBar> Bars)
{
    public static async Task<StorageView> ReadAsync(StorageSet storage, DateOnly date, IEnumerable<string> barInstruments)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var blotter = new List<Trade>();
        string? cursor = null;
        do
        {
            var page = await storage.History.QueryBlotterAsync(new BlotterQuery(date, null, null, 50, cursor), default);
            blotter.AddRange(page.Trades);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var alarms = new List<Alarm>();
        foreach (var state in Enum.GetValues<AlarmState>())
        {
            alarms.AddRange(await storage.Alarms.QueryAsync(new AlarmQuery(state, null, null), default));
        }

        var bars = new List<MarketBar>();
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var instrument in barInstruments)
        {
            bars.AddRange(await storage.History.GetMarketBarsAsync(instrument, from, from.AddDays(1).AddTicks(-1), default));
        }

        var orders = await storage.Latest.GetWorkingOrdersAsync(default);
        return new StorageView(
            await storage.Latest.GetPositionsAsync(date, default),
            await storage.History.GetPositionsAsync(date, default),
            blotter,
            [.. alarms.Select(Describe)],
            [.. (await storage.Ledger.ListAsync(null, 1000, default)).Select(Describe)],
            [.. (await storage.Latest.GetPricesAsync(default)).Values],
            orders?.SnapshotTime,
            orders?.Orders ?? [],
            bars);
    }

    /// <summary>Part by part, as multisets; a failure lists the items only one side has.</summary>
    public static void AssertSame(StorageView expected, StorageView actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Same(nameof(LatestPositions), expected.LatestPositions, actual.LatestPositions);
        Same(nameof(HistoryPositions), expected.HistoryPositions, actual.HistoryPositions);
        Same(nameof(Blotter), expected.Blotter, actual.Blotter);
        Same(nameof(Alarms), expected.Alarms, actual.Alarms);
        Same(nameof(Ledger), expected.Ledger, actual.Ledger);
        Same(nameof(Prices), expected.Prices, actual.Prices);
        Assert.Equal(expected.OrdersSnapshotTime, actual.OrdersSnapshotTime);
        Same(nameof(WorkingOrders), expected.WorkingOrders, actual.WorkingOrders);
        Same(nameof(Bars), expected.Bars, actual.Bars);
    }

    public static void Same<T>(string part, IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var unmatched = actual.ToList();
        var missing = new List<T>();
        foreach (var item in expected)
        {
            var at = unmatched.FindIndex(a => EqualityComparer<T>.Default.Equals(a, item));
            if (at < 0)
            {
                missing.Add(item);
            }
            else
            {
                unmatched.RemoveAt(at);
            }
        }

        Assert.True(
            missing.Count == 0 && unmatched.Count == 0,
            $"{part} differ ({expected.Count} expected, {actual.Count} actual)\n  only expected:\n    " +
            string.Join("\n    ", missing) + "\n  only actual:\n    " + string.Join("\n    ", unmatched));
    }

    private static string Describe(Alarm a) =>
        $"{a.Type} {a.Severity} {a.State} key=({a.AccountId ?? "-"},{a.Ticker ?? "-"}) value={Format(a.Value)} threshold={Format(a.Threshold)} " +
        $"raised={Format(a.RaisedAt)} cleared={Format(a.ClearedAt)} message={a.Message}";

    private static string Describe(LedgerEntry e) =>
        $"{e.Bucket}/{e.Key} {e.Feed} {e.Status} rows={e.Rows} rejected={e.RejectedRows} duplicates={e.Duplicates} attempts={e.Attempts} " +
        $"sha256={e.Sha256} received={Format(e.ReceivedAt)} completed={Format(e.CompletedAt)} errors=[{string.Join(" | ", e.Errors)}]";

    // Scale-free, like decimal equality: 2.0 and 2 are the same value.
    private static string Format(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? "-";

    private static string Format(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";
}
