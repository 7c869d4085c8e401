using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Aws;

/// <summary>
/// Reads the shared sample files into domain records for the TABLES.md worked example. Deliberately minimal (the
/// samples are well formed); the real parsers live in Frgm.Domain and are tested there.
/// </summary>
internal static class SampleFeeds
{
    public const string MarketKey = "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";
    public const string SodKey = "sod/2026/11/20/actant_sod_20261120.csv";
    public const string EodKey = "eod/2026/11/19/actant_eod_20261119.csv";
    public const string TradesKey = "trades/2026/11/20/fills_20261120_1430.csv";
    public const string OrdersKey = "working-orders/2026/11/20/orders_snapshot_1795185000.json";

    public static string PathOf(BucketRole bucket, string key) => RepoPaths.Sample(Path.Combine(WireNames.Of(bucket), key));

    public static string Sha256(BucketRole bucket, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf(bucket, key))));

    public static List<MarketPrice> Market() =>
        [.. Rows(BucketRole.Actant, MarketKey).Select(r => new MarketPrice(
            r["instrument"], Dec(r["price"]), DecOrNull(r["bid"]), DecOrNull(r["ask"]),
            r["volume"] is { Length: > 0 } v ? long.Parse(v, CultureInfo.InvariantCulture) : null, Time(r["timestamp"])))];

    public static List<SodRow> Sod(DateOnly date) =>
        [.. Rows(BucketRole.Actant, SodKey).Select(r => new SodRow(date, r["account"], r["instrument"], long.Parse(r["position"], CultureInfo.InvariantCulture), Dec(r["price"])))];

    public static List<EodRow> Eod(DateOnly date) =>
        [.. Rows(BucketRole.Actant, EodKey).Select(r => new EodRow(
            date, r["account"], r["instrument"], long.Parse(r["position"], CultureInfo.InvariantCulture), Dec(r["settlement_price"]),
            Dec(r["delta"]), Dec(r["gamma"]), Dec(r["vega"]), Dec(r["theta"])))];

    public static List<Trade> Trades() =>
        [.. Rows(BucketRole.Trades, TradesKey).Select(r => new Trade(
            r["trade_id"], DateOnly.ParseExact(r["trade_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture), r["account_id"], r["ticker"],
            r["side"].StartsWith('B') || r["side"].StartsWith('b') ? Side.Buy : Side.Sell,
            long.Parse(r["quantity"], CultureInfo.InvariantCulture), Dec(r["price"]), Time(r["exec_time"]), r["order_id"], r["trader"], null, TradesKey))];

    public static OrderSnapshot Orders()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(BucketRole.Tt, OrdersKey)));
        var root = doc.RootElement;
        static decimal? D(JsonElement o, string n) => o.TryGetProperty(n, out var v) ? v.GetDecimal() : null;
        static string? S(JsonElement o, string n) => o.TryGetProperty(n, out var v) ? v.GetString() : null;
        return new OrderSnapshot(
            Time(root.GetProperty("snapshot_time").GetString()!),
            [.. root.GetProperty("orders").EnumerateArray().Select(o => new WorkingOrder(
                S(o, "order_id")!, S(o, "account_id"), S(o, "ticker"), S(o, "side"), D(o, "quantity"), D(o, "price"),
                D(o, "leaves_qty"), D(o, "cum_qty"), S(o, "status"), S(o, "order_type"), S(o, "time_in_force"),
                S(o, "updated_at") is { } u ? Time(u) : null))]);
    }

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static decimal? DecOrNull(string s) => s.Length == 0 ? null : Dec(s);

    private static DateTimeOffset Time(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static IEnumerable<Dictionary<string, string>> Rows(BucketRole bucket, string key)
    {
        var lines = File.ReadAllLines(PathOf(bucket, key)).Where(l => l.Trim().Length > 0).ToList();
        var header = Split(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(Split(l)).ToDictionary(p => p.First.Trim(), p => p.Second, StringComparer.Ordinal));
    }

    /// <summary>RFC 4180 fields of one line (quotes and doubled quotes).</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
