using System.Globalization;
using System.Text;
using System.Text.Json;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Demo;

/// <summary>A file the demo market wants written: bucket role, object key, content.</summary>
public sealed record DemoFile(BucketRole Bucket, string Key, string Content);

/// <summary>
/// A random-walk market over the reference instruments, as the files the real feeds would deliver (FORMATS.md):
/// Actant SOD and market data, SFTP trade files, TT working-order snapshots. Pure: no clock or I/O of its own.
/// </summary>
public sealed class DemoMarket
{
    public const long BreachQuantity = 150;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // Rough levels by product so the demo looks like a real rates/equity desk; unknown products start at 100.
    private static readonly Dictionary<string, decimal> ProductLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ZN"] = 112.40m, ["ZB"] = 118.80m, ["ZF"] = 108.25m, ["ZT"] = 103.50m, ["UB"] = 124.50m, ["TN"] = 115.00m,
        ["ES"] = 6020m, ["NQ"] = 21150m, ["YM"] = 44100m, ["RTY"] = 2380m, ["SR3"] = 96.10m, ["GE"] = 96.10m,
    };

    private static readonly string[] EquityProducts = ["ES", "NQ", "YM", "RTY"];

    private readonly Random _random;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _volumes = new(StringComparer.Ordinal);
    private readonly string _runId;
    private long _tradeSeq;
    private long _orderSeq;

    public DemoMarket(InstrumentCatalog catalog, Random random, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _random = random;
        _instruments = catalog.All.OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        if (_instruments.Count == 0)
        {
            throw new ArgumentException("the demo market needs reference instruments", nameof(catalog));
        }

        _runId = start.ToUnixTimeSeconds().ToString("x", C);
        foreach (var instrument in _instruments)
        {
            _prices[instrument.Key] = RoundToTick(StartLevel(instrument), instrument);
            _volumes[instrument.Key] = _random.Next(1_000, 50_000);
        }
    }

    public IReadOnlyDictionary<string, decimal> Prices => _prices;

    /// <summary>Which account trades an instrument: equity index futures are the hedge book, the rest market making.</summary>
    public static string AccountFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (EquityProducts.Contains(instrument.Product, StringComparer.OrdinalIgnoreCase))
        {
            return "HEDGE";
        }

        return instrument.Key.Contains(' ', StringComparison.Ordinal) ? "MM1" : instrument.Key.Sum(c => c) % 2 == 0 ? "MM1" : "MM2";
    }

    public DemoFile StartOfDay(DateOnly date)
    {
        var csv = new StringBuilder("account,instrument,position,price\n");
        foreach (var instrument in _instruments)
        {
            var quantity = (long)_random.Next(5, 80) * (_random.Next(2) == 0 ? -1 : 1);
            csv.Append(C, $"{AccountFor(instrument)},{Quote(instrument.Key)},{quantity},{_prices[instrument.Key]}\n");
        }

        return new DemoFile(BucketRole.Actant, $"sod/{DatePath(date)}/actant_sod_{date:yyyyMMdd}.csv", csv.ToString());
    }

    /// <summary>Moves every price one random step (a few ticks) and writes the snapshot.</summary>
    public DemoFile MarketData(DateTimeOffset now)
    {
        var csv = new StringBuilder("instrument,price,bid,ask,volume,timestamp\n");
        foreach (var instrument in _instruments)
        {
            var tick = Tick(instrument);
            var price = Math.Max(tick, _prices[instrument.Key] + (tick * _random.Next(-3, 4)));
            _prices[instrument.Key] = price;
            _volumes[instrument.Key] += _random.Next(0, 500);
            csv.Append(C, $"{Quote(instrument.Key)},{price},{price - tick},{price + tick},{_volumes[instrument.Key]},{Iso(now)}\n");
        }

        var utc = now.UtcDateTime;
        return new DemoFile(BucketRole.Actant, $"market-data/{DatePath(DateOnly.FromDateTime(utc))}/DEMO_XCME_{utc:yyyyMMdd_HHmmss}.csv", csv.ToString());
    }

    /// <summary>A few fills near the current prices; with <paramref name="breach"/> one of them is a large trade.</summary>
    public DemoFile Trades(DateTimeOffset now, bool breach)
    {
        var utc = now.UtcDateTime;
        var date = DateOnly.FromDateTime(utc);
        var csv = new StringBuilder("trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time,order_id,trader\n");
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var instrument = _instruments[_random.Next(_instruments.Count)];
            var quantity = breach && i == 0 ? BreachQuantity : _random.Next(1, 21);
            var side = _random.Next(2) == 0 ? "BUY" : "SELL";
            var seq = ++_tradeSeq;
            csv.Append(C, $"DEMO-{_runId}-{seq},{date:yyyy-MM-dd},{AccountFor(instrument)},{Quote(instrument.Key)},{side},{quantity},{_prices[instrument.Key]},{Iso(now)},DO-{_runId}-{seq},{(breach && i == 0 ? "breach-bot" : "demo")}\n");
        }

        return new DemoFile(BucketRole.Trades, $"trades/{DatePath(date)}/demo_fills_{utc:yyyyMMdd_HHmmss}.csv", csv.ToString());
    }

    /// <summary>A TT-style snapshot of a handful of working orders resting a few ticks off the market.</summary>
    public DemoFile WorkingOrders(DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("snapshot_time", now.UtcDateTime);
            json.WriteStartArray("orders");
            var count = _random.Next(3, 9);
            for (var i = 0; i < count; i++)
            {
                var instrument = _instruments[_random.Next(_instruments.Count)];
                var buy = _random.Next(2) == 0;
                var quantity = _random.Next(1, 26);
                var filled = _random.Next(0, quantity);
                var price = _prices[instrument.Key] + (Tick(instrument) * _random.Next(1, 6) * (buy ? -1 : 1));
                json.WriteStartObject();
                json.WriteString("order_id", $"tt-{_runId}-{++_orderSeq}");
                json.WriteString("account_id", AccountFor(instrument));
                json.WriteString("ticker", instrument.Key);
                json.WriteString("side", buy ? "BUY" : "SELL");
                json.WriteNumber("quantity", quantity);
                json.WriteNumber("price", price);
                json.WriteNumber("leaves_qty", quantity - filled);
                json.WriteNumber("cum_qty", filled);
                json.WriteString("status", filled > 0 ? "PARTIALLY_FILLED" : "WORKING");
                json.WriteString("order_type", "LIMIT");
                json.WriteString("time_in_force", "DAY");
                json.WriteString("updated_at", now.UtcDateTime);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var date = DateOnly.FromDateTime(now.UtcDateTime);
        return new DemoFile(BucketRole.Tt, $"working-orders/{DatePath(date)}/orders_snapshot_{now.ToUnixTimeSeconds()}.json", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private decimal StartLevel(Instrument instrument)
    {
        if (instrument.Key.Contains(' ', StringComparison.Ordinal))
        {
            // An option: a premium well below the underlying's level.
            return 0.25m + (decimal)_random.NextDouble();
        }

        var level = ProductLevels.TryGetValue(instrument.Product, out var known) ? known : 100m;
        return level * (1m + (((decimal)_random.NextDouble() - 0.5m) / 500m));
    }

    private static decimal Tick(Instrument instrument) => instrument.TickSize is > 0 ? instrument.TickSize.Value : 0.01m;

    private static decimal RoundToTick(decimal price, Instrument instrument)
    {
        var tick = Tick(instrument);
        return Math.Round(price / tick, MidpointRounding.AwayFromZero) * tick;
    }

    private static string DatePath(DateOnly date) => date.ToString("yyyy'/'MM'/'dd", C);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", C);

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
