using System.Globalization;
using System.Text;
using System.Text.Json;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Demo;

/// <summary>A file the demo market wants written: bucket role, object key, content.</summary>
public sealed record DemoFile(BucketRole Bucket, string Key, string Content);

/// <summary>
/// A simulated desk over the reference instruments that are live on the start date, as the files the real feeds
/// would deliver (FORMATS.md): yesterday's Actant EOD and today's SOD, Actant market data, SFTP trade files and TT
/// working-order snapshots. Futures follow a geometric random walk (one shock per product, about
/// <see cref="IntradaySpeedup"/> times a real day's volatility so something happens on screen); options are
/// Black-76 prices of their underlying's published price (<see cref="DemoPricing"/>). Pure: no clock or I/O of its own.
/// </summary>
public sealed class DemoMarket
{
    public const long BreachQuantity = 150;

    /// <summary>How much faster than the real market the demo's futures move.</summary>
    public const double IntradaySpeedup = 4.0;

    // CME Globex trades about 23 hours a day, 252 days a year.
    private const double TradingSecondsPerYear = 252.0 * 23.0 * 3600.0;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly string[] EquityProducts = ["ES", "NQ", "YM", "RTY"];

    private readonly Random _random;
    private readonly IReadOnlyList<Instrument> _instruments;
    private readonly IReadOnlyList<Instrument> _futures;
    private readonly IReadOnlyList<Instrument> _options;
    private readonly Dictionary<string, double> _levels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _volumes = new(StringComparer.Ordinal);
    private readonly DemoBook _book;
    private readonly string _runId;
    private DateTimeOffset _lastMove;
    private long _tradeSeq;
    private long _orderSeq;
    private readonly bool _mm1IsLong;
    private long _breaches;

    public DemoMarket(InstrumentCatalog catalog, Random random, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _random = random;
        BusinessDate = DateOnly.FromDateTime(start.UtcDateTime);
        PreviousBusinessDate = PreviousBusinessDay(BusinessDate);
        PreviousClose = new DateTimeOffset(PreviousBusinessDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + DemoPricing.CloseUtc;
        _instruments = LiveInstruments(catalog, BusinessDate);
        if (_instruments.Count == 0)
        {
            throw new ArgumentException($"the demo market needs reference instruments that are live on {BusinessDate:yyyy-MM-dd}", nameof(catalog));
        }

        _futures = _instruments.Where(i => !i.IsOption).ToList();
        _options = _instruments.Where(i => i.IsOption).ToList();
        _book = DemoBook.Open(_instruments, PreviousClose);
        _mm1IsLong = DemoBook.AccountDelta("MM1", _instruments, _book.Settlements, _book.Positions, PreviousClose) >= 0;
        _runId = start.ToUnixTimeSeconds().ToString("x", C);
        _lastMove = start;
        foreach (var instrument in _instruments)
        {
            _prices[instrument.Key] = _book.Settlements[instrument.Key];
            _volumes[instrument.Key] = _random.Next(1_000, 50_000);
        }

        foreach (var future in _futures)
        {
            _levels[future.Key] = (double)_prices[future.Key];
        }
    }

    /// <summary>The UTC date the demo started on: the business date of its SOD, prices and trades.</summary>
    public DateOnly BusinessDate { get; }

    /// <summary>The weekday before <see cref="BusinessDate"/>: the date of the EOD it writes at start.</summary>
    public DateOnly PreviousBusinessDate { get; }

    public DateTimeOffset PreviousClose { get; }

    /// <summary>The instruments the demo quotes and trades: futures not yet expired, and live options on them.</summary>
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <summary>The latest published price per instrument (yesterday's settlement until the first snapshot).</summary>
    public IReadOnlyDictionary<string, decimal> Prices => _prices;

    public DemoBook Book => _book;

    public static DateOnly PreviousBusinessDay(DateOnly date)
    {
        var previous = date.AddDays(-1);
        while (previous.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            previous = previous.AddDays(-1);
        }

        return previous;
    }

    /// <summary>Which account trades an instrument: equity index futures are the hedge book, options and the rest market making.</summary>
    public static string AccountFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (EquityProducts.Contains(instrument.Product, StringComparer.OrdinalIgnoreCase))
        {
            return "HEDGE";
        }

        return instrument.IsOption || instrument.Key.Contains(' ', StringComparison.Ordinal) ? "MM1" : instrument.Key.Sum(c => c) % 2 == 0 ? "MM1" : "MM2";
    }

    /// <summary>Yesterday's Actant EOD: the opening book at its settlements, with per-contract Greeks from the demo's model.</summary>
    public DemoFile PreviousEndOfDay()
    {
        var csv = new StringBuilder("account,instrument,position,settlement_price,delta,gamma,vega,theta\n");
        foreach (var instrument in _instruments)
        {
            var underlying = _book.Settlements[instrument.IsOption ? instrument.Underlying! : instrument.Key];
            var (delta, gamma, vega, theta) = DemoPricing.EodGreeks(instrument, underlying, PreviousClose);
            csv.Append(C, $"{AccountFor(instrument)},{Quote(instrument.Key)},{_book.Positions[instrument.Key]},{_book.Settlements[instrument.Key]},{delta},{gamma},{vega},{theta}\n");
        }

        var date = PreviousBusinessDate;
        return new DemoFile(BucketRole.Actant, $"eod/{DatePath(date)}/actant_eod_{date:yyyyMMdd}.csv", csv.ToString());
    }

    /// <summary>The SOD of <paramref name="date"/>: yesterday's closing positions, priced at yesterday's settlements.</summary>
    public DemoFile StartOfDay(DateOnly date)
    {
        var csv = new StringBuilder("account,instrument,position,price\n");
        foreach (var instrument in _instruments)
        {
            csv.Append(C, $"{AccountFor(instrument)},{Quote(instrument.Key)},{_book.Positions[instrument.Key]},{_book.Settlements[instrument.Key]}\n");
        }

        return new DemoFile(BucketRole.Actant, $"sod/{DatePath(date)}/actant_sod_{date:yyyyMMdd}.csv", csv.ToString());
    }

    /// <summary>Moves the futures by the time since the last snapshot, reprices the options from them, and writes the snapshot.</summary>
    public DemoFile MarketData(DateTimeOffset now)
    {
        Move(now);
        var csv = new StringBuilder("instrument,price,bid,ask,volume,timestamp\n");
        foreach (var instrument in _instruments)
        {
            var tick = DemoPricing.Tick(instrument);
            var price = _prices[instrument.Key];
            _volumes[instrument.Key] += _random.Next(0, 500);
            csv.Append(C, $"{Quote(instrument.Key)},{price},{Math.Max(0m, price - tick)},{price + tick},{_volumes[instrument.Key]},{Iso(now)}\n");
        }

        var utc = now.UtcDateTime;
        return new DemoFile(BucketRole.Actant, $"market-data/{DatePath(DateOnly.FromDateTime(utc))}/DEMO_XCME_{utc:yyyyMMdd_HHmmss}.csv", csv.ToString());
    }

    /// <summary>
    /// A few fills at the current prices. With <paramref name="breach"/> the first is a large trade in an MM1 future:
    /// alternately with and against the account's delta, so DELTA_LIMIT breaches and clears again.
    /// </summary>
    public DemoFile Trades(DateTimeOffset now, bool breach)
    {
        var utc = now.UtcDateTime;
        var date = DateOnly.FromDateTime(utc);
        var csv = new StringBuilder("trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time,order_id,trader\n");
        var tradable = _instruments.Where(i => _prices[i.Key] > 0m).ToList();
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            Instrument instrument;
            long quantity;
            string side;
            if (breach && i == 0 && BreachFuture() is { } future)
            {
                var buy = _mm1IsLong == (_breaches++ % 2 == 0);
                (instrument, quantity, side) = (future, BreachQuantity, buy ? "BUY" : "SELL");
            }
            else
            {
                instrument = tradable[_random.Next(tradable.Count)];
                quantity = _random.Next(1, 21);
                side = _random.Next(2) == 0 ? "BUY" : "SELL";
            }

            var seq = ++_tradeSeq;
            csv.Append(C, $"DEMO-{_runId}-{seq},{date:yyyy-MM-dd},{AccountFor(instrument)},{Quote(instrument.Key)},{side},{quantity},{_prices[instrument.Key]},{Iso(now)},DO-{_runId}-{seq},{(quantity == BreachQuantity ? "breach-bot" : "demo")}\n");
        }

        return new DemoFile(BucketRole.Trades, $"trades/{DatePath(date)}/demo_fills_{utc:yyyyMMdd_HHmmss}.csv", csv.ToString());
    }

    /// <summary>A TT-style snapshot of a handful of working orders resting a few ticks off the market.</summary>
    public DemoFile WorkingOrders(DateTimeOffset now)
    {
        var tradable = _instruments.Where(i => _prices[i.Key] > 0m).ToList();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("snapshot_time", now.UtcDateTime);
            json.WriteStartArray("orders");
            var count = _random.Next(3, 9);
            for (var i = 0; i < count; i++)
            {
                var instrument = tradable[_random.Next(tradable.Count)];
                var buy = _random.Next(2) == 0;
                var quantity = _random.Next(1, 26);
                var filled = _random.Next(0, quantity);
                var tick = DemoPricing.Tick(instrument);
                var price = Math.Max(tick, _prices[instrument.Key] + (tick * _random.Next(1, 6) * (buy ? -1 : 1)));
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

    private static List<Instrument> LiveInstruments(InstrumentCatalog catalog, DateOnly date)
    {
        var live = catalog.All
            .Where(i => !i.IsOption && (i.Expiry is null || i.Expiry >= date))
            .ToDictionary(i => i.Key, StringComparer.Ordinal);
        if (live.Count == 0)
        {
            // A reference file whose every future has expired still gives a demo (of futures only) rather than none.
            live = catalog.All.Where(i => !i.IsOption).ToDictionary(i => i.Key, StringComparer.Ordinal);
        }

        var options = catalog.All
            .Where(i => i.IsOption && i.Expiry >= date && i.Underlying is not null && live.ContainsKey(i.Underlying));
        return live.Values.Concat(options).OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
    }

    private void Move(DateTimeOffset now)
    {
        var seconds = Math.Clamp((now - _lastMove).TotalSeconds, 0.0, 300.0);
        _lastMove = now;
        var shocks = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var future in _futures)
        {
            if (!shocks.TryGetValue(future.Product, out var z))
            {
                z = Gaussian();
                shocks[future.Product] = z;
            }

            var step = DemoPricing.Volatility(future) * IntradaySpeedup * Math.Sqrt(seconds / TradingSecondsPerYear);
            _levels[future.Key] *= Math.Exp((step * z) - (0.5 * step * step));
            _prices[future.Key] = Math.Max(DemoPricing.Tick(future), DemoPricing.RoundToTick(_levels[future.Key], future));
        }

        foreach (var option in _options)
        {
            // From the published (tick-rounded) underlying, so a call and a put of one strike satisfy parity within a tick.
            _prices[option.Key] = DemoPricing.RoundToTick(DemoPricing.Option(option, _prices[option.Underlying!], now).Price, option);
        }
    }

    private Instrument? BreachFuture() =>
        _futures.Where(f => AccountFor(f) == "MM1").OrderBy(f => Math.Abs(_book.Positions[f.Key])).FirstOrDefault();

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static string DatePath(DateOnly date) => date.ToString("yyyy'/'MM'/'dd", C);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", C);

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
