using System.Globalization;
using System.Text;

namespace Frgm.Storage.Tests.Contract;

/// <summary>
/// Three business dates of SOD, trades, market data and EOD as plain facts, the feed files that carry them, and a
/// slow reference that computes every date's positions straight from FORMATS.md "Positions and P&amp;L" (it does
/// not call the production engine). Numbers are chosen so every average terminates: the comparison is exact.
/// Options with model terms and as-of prices for themselves and their underlying take the live model's Greeks
/// (the pure OptionModel, the one piece of production code used here: the contract is about order, and Black-76
/// in doubles cannot be matched to the last digit any other way); the others take EOD Greeks.
/// </summary>
public static class OrderIndependenceCorpus
{
    public static readonly DateOnly D1 = new(2026, 11, 18);
    public static readonly DateOnly D2 = new(2026, 11, 19);
    public static readonly DateOnly D3 = new(2026, 11, 20);
    public static readonly IReadOnlyList<DateOnly> Dates = [D1, D2, D3];

    /// <summary>Multipliers of the sample instruments.csv; XXZ9 is deliberately missing (unknown instrument).</summary>
    private static readonly Dictionary<string, decimal> Multipliers = new(StringComparer.Ordinal)
    {
        ["ZNZ6"] = 1000m, ["ZBZ6"] = 1000m, ["ESZ6"] = 50m, ["OZN Z6 C112.5"] = 1000m, ["OZN Z6 P110"] = 1000m,
    };

    private const string Zn = "ZNZ6";
    private const string Call = "OZN Z6 C112.5";

    public sealed record SodFact(string Account, string Instrument, long Position, decimal Price);

    public sealed record TradeFact(string Id, DateOnly Date, string Account, string Ticker, long SignedQty, decimal Price, DateTimeOffset Exec);

    public sealed record PriceFact(string Instrument, decimal Price, DateTimeOffset Timestamp);

    public sealed record EodFact(string Account, string Instrument, long Position, decimal Settlement, decimal Delta, decimal Gamma, decimal Vega, decimal Theta);

    public abstract record FeedFile(string Path, DateOnly Date)
    {
        public abstract string Content();
    }

    public sealed record SodFile(string Path, DateOnly Date, IReadOnlyList<SodFact> Rows) : FeedFile(Path, Date)
    {
        public override string Content() => Csv(
            "account,instrument,position,price",
            Rows.Select(r => $"{r.Account},{r.Instrument},{I(r.Position)},{I(r.Price)}"));
    }

    public sealed record TradeFile(string Path, DateOnly Date, IReadOnlyList<TradeFact> Rows) : FeedFile(Path, Date)
    {
        public override string Content() => Csv(
            "trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time",
            Rows.Select(t => $"{t.Id},{t.Date:yyyy-MM-dd},{t.Account},{t.Ticker},{(t.SignedQty > 0 ? "BUY" : "SELL")},{I(Math.Abs(t.SignedQty))},{I(t.Price)},{T(t.Exec)}"));
    }

    public sealed record PriceFile(string Path, DateOnly Date, IReadOnlyList<PriceFact> Rows) : FeedFile(Path, Date)
    {
        public override string Content() => Csv("instrument,price,timestamp", Rows.Select(p => $"{p.Instrument},{I(p.Price)},{T(p.Timestamp)}"));
    }

    public sealed record EodFile(string Path, DateOnly Date, IReadOnlyList<EodFact> Rows) : FeedFile(Path, Date)
    {
        public override string Content() => Csv(
            "account,instrument,position,settlement_price,delta,gamma,vega,theta",
            Rows.Select(e => $"{e.Account},{e.Instrument},{I(e.Position)},{I(e.Settlement)},{I(e.Delta)},{I(e.Gamma)},{I(e.Vega)},{I(e.Theta)}"));
    }

    /// <summary>
    /// The corpus: an EOD per past date (delivered in any order, so often after later dates were computed), two price
    /// files for D2 (one with ESZ6, whose only price marks D3's ESZ6), out-of-order rows inside a file, a D3 SOD
    /// restatement that names HEDGE again and adds ARB (restatements commute only on the accounts they agree about:
    /// FORMATS.md makes a conflicting one last-arrival-wins), a duplicate trade id across files, an unknown instrument.
    /// </summary>
    public static readonly IReadOnlyList<FeedFile> Files =
    [
        new SodFile("actant/sod/2026/11/18/actant_sod_20261118.csv", D1, [new("MM1", Zn, -40, 112.34375m)]),
        new SodFile("actant/sod/2026/11/19/actant_sod_20261119.csv", D2, [new("MM1", Zn, -30, 112.34375m), new("MM1", Call, 100, 0.515625m)]),
        new SodFile("actant/sod/2026/11/20/actant_sod_20261120.csv", D3, [new("MM1", Zn, -30, 112.46875m), new("MM1", Call, 128, 0.51220703125m), new("HEDGE", "ESZ6", 2, 6010.5m)]),
        new SodFile("actant/sod/2026/11/20/actant_sod_20261120_restated.csv", D3, [new("HEDGE", "ESZ6", 2, 6010.5m), new("ARB", "ZBZ6", 5, 118.25m)]),
        new TradeFile("trades/trades/2026/11/18/fills_20261118_1400.csv", D1,
        [
            new("P1-1", D1, "MM1", Zn, -10, 112.375m, At(D1, 14, 0)),
            new("P1-2", D1, "MM1", Zn, 20, 112.4m, At(D1, 14, 10)),
        ]),
        new TradeFile("trades/trades/2026/11/19/fills_20261119_1300.csv", D2,
        [
            new("P2-1", D2, "MM1", Call, 28, 0.5m, At(D2, 13, 0)),
            new("P2-2", D2, "MM1", "XXZ9", 3, 99.5m, At(D2, 13, 30)),
        ]),
        new TradeFile("trades/trades/2026/11/20/fills_20261120_1430.csv", D3,
        [
            new("P3-1", D3, "MM1", Zn, -10, 112.375m, At(D3, 14, 0)),
            new("P3-2", D3, "MM1", Zn, 20, 112.5m, At(D3, 14, 5)),
            new("P3-3", D3, "MM1", Zn, 30, 112.4375m, At(D3, 14, 10)),
            new("P3-4", D3, "HEDGE", "ESZ6", 2, 6015.25m, At(D3, 14, 20)),
        ]),
        new TradeFile("trades/trades/2026/11/20/fills_20261120_1500.csv", D3,
        [
            new("P3-4", D3, "HEDGE", "ESZ6", 2, 6015.25m, At(D3, 14, 20)),
            new("P3-5", D3, "HEDGE", "ESZ6", -1, 6018m, At(D3, 15, 0)),
        ]),
        new PriceFile("actant/market-data/2026/11/18/GE_XCME.ZN_20261118_150000.csv", D1, [new(Zn, 112.40625m, At(D1, 15, 0))]),
        new PriceFile("actant/market-data/2026/11/19/GE_XCME.ZN_20261119_100000.csv", D2,
            [new(Zn, 112.5m, At(D2, 10, 0)), new(Call, 0.53125m, At(D2, 10, 0))]),
        new PriceFile("actant/market-data/2026/11/19/GE_XCME.ZN_20261119_160000.csv", D2,
            [new(Zn, 112.46875m, At(D2, 16, 0)), new("ESZ6", 6020.25m, At(D2, 16, 0))]),
        new PriceFile("actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv", D3,
            [new(Zn, 112.4375m, At(D3, 14, 30)), new(Call, 0.5m, At(D3, 14, 30)), new(Zn, 112.375m, At(D3, 14, 0))]),
        new EodFile("actant/eod/2026/11/18/actant_eod_20261118.csv", D1,
        [
            new("MM1", Zn, -30, 112.40625m, 1m, 0m, 0m, 0m),
            new("ARB", Call, 50, 0.5m, 0.45m, 0.2m, 0.06m, -0.01m),
        ]),
        new EodFile("actant/eod/2026/11/19/actant_eod_20261119.csv", D2,
        [
            new("MM1", Zn, -30, 112.46875m, 1m, 0m, 0m, 0m),
            new("MM1", Call, 128, 0.515625m, 0.48m, 0.21m, 0.062m, -0.011m),
            new("MM1", "XXZ9", 3, 99.75m, 1m, 0m, 0m, 0m),
        ]),
    ];

    /// <summary>The positions of <paramref name="date"/>, ordered by account then ticker (ordinal); UpdatedAt is not compared.</summary>
    public static IReadOnlyList<ReferencePosition> Expected(DateOnly date)
    {
        // SOD of D: the files of D, each replacing the accounts it names (the corpus's files agree where they overlap).
        var sod = new Dictionary<(string, string), SodFact>();
        foreach (var file in Files.OfType<SodFile>().Where(f => f.Date == date))
        {
            var named = file.Rows.Select(r => r.Account).ToHashSet(StringComparer.Ordinal);
            foreach (var key in sod.Keys.Where(k => named.Contains(k.Item1)).ToList())
            {
                sod.Remove(key);
            }

            foreach (var row in file.Rows)
            {
                sod[(row.Account, row.Instrument)] = row;
            }
        }

        // Trades of D, once per trade id (the corpus's duplicate is identical to its first copy).
        var trades = Files.OfType<TradeFile>().SelectMany(f => f.Rows).Where(t => t.Date == date)
            .GroupBy(t => t.Id).Select(g => g.First()).ToList();

        var keys = sod.Keys.Concat(trades.Select(t => (t.Account, t.Ticker))).Distinct()
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal);
        var result = new List<ReferencePosition>();
        foreach (var (account, instrument) in keys)
        {
            sod.TryGetValue((account, instrument), out var open);
            var own = trades.Where(t => t.Account == account && t.Ticker == instrument).OrderBy(t => t.Exec).ToList();
            result.Add(Value(date, account, instrument, open, own));
        }

        return result;
    }

    private static ReferencePosition Value(DateOnly date, string account, string instrument, SodFact? open, List<TradeFact> trades)
    {
        long sodQty = open?.Position ?? 0;
        decimal? sodPrice = open?.Price;

        // Average cost, SOD entering at its price; a crossing trade closes at the average and opens the rest at its price.
        long net = sodQty;
        decimal avg = sodPrice ?? 0m;
        decimal realizedPoints = 0m;
        foreach (var t in trades)
        {
            var q = t.SignedQty;
            if (net == 0 || Math.Sign(net) == Math.Sign(q))
            {
                avg = ((avg * net) + (q * t.Price)) / (net + q);
                net += q;
            }
            else if (Math.Abs(q) <= Math.Abs(net))
            {
                realizedPoints += -q * (t.Price - avg);
                net += q;
            }
            else
            {
                realizedPoints += net * (t.Price - avg);
                net += q;
                avg = t.Price;
            }
        }

        var mark = MarkAsOf(date, instrument);
        decimal? realized = null, unrealized = null, day = null;
        if (Multipliers.TryGetValue(instrument, out var m))
        {
            realized = m * realizedPoints;
            if (mark is { } px)
            {
                unrealized = m * net * (px - avg);
                day = m * ((sodQty * (px - (sodPrice ?? 0m))) + trades.Sum(t => t.SignedQty * (px - t.Price)));
            }
        }

        if (ModelGreeksAsOf(date, instrument) is { } model)
        {
            return new ReferencePosition(
                date, account, instrument, sodQty, sodPrice, net, net == 0 ? null : avg, mark, realized, unrealized, day,
                net * model.Delta, net * model.Gamma, net * model.Vega, net * model.Theta);
        }

        var greeks = GreeksAsOf(date, account, instrument);
        return new ReferencePosition(
            date, account, instrument, sodQty, sodPrice, net, net == 0 ? null : avg, mark, realized, unrealized, day,
            net * (greeks?.Delta ?? 0m), net * (greeks?.Gamma ?? 0m), net * (greeks?.Vega ?? 0m), net * (greeks?.Theta ?? 0m));
    }

    private static Frgm.Domain.Risk.PerContractGreeks? ModelGreeksAsOf(DateOnly date, string instrument)
    {
        if (!SampleFeeds.Instruments().TryGet(instrument, out var reference) || !reference.IsOption || reference.Underlying is null)
        {
            return null;
        }

        Frgm.Domain.Model.MarketPrice? PriceAsOf(string key) =>
            Files.OfType<PriceFile>().Where(f => f.Date <= date).SelectMany(f => f.Rows).Where(p => p.Instrument == key).MaxBy(p => p.Timestamp)
                is { } p ? new Frgm.Domain.Model.MarketPrice(key, p.Price, null, null, null, p.Timestamp) : null;
        return PriceAsOf(instrument) is { } option && PriceAsOf(reference.Underlying) is { } underlying
            ? Frgm.Domain.Risk.OptionModel.Calibrate(reference, option, underlying, Frgm.Domain.Risk.RiskSettings.DefaultRate)?.PerContract
            : null;
    }

    /// <summary>Greatest timestamp among price files dated ≤ D; else the settlement of the latest EOD dated ≤ D with it; else null.</summary>
    private static decimal? MarkAsOf(DateOnly date, string instrument)
    {
        var price = Files.OfType<PriceFile>().Where(f => f.Date <= date).SelectMany(f => f.Rows)
            .Where(p => p.Instrument == instrument).MaxBy(p => p.Timestamp);
        return price?.Price ?? LatestEodRows(date, instrument).FirstOrDefault()?.Settlement;
    }

    /// <summary>The latest EOD dated ≤ D that has the instrument: its row for the account, else its (single) other row.</summary>
    private static EodFact? GreeksAsOf(DateOnly date, string account, string instrument)
    {
        var rows = LatestEodRows(date, instrument);
        return rows.FirstOrDefault(r => r.Account == account) ?? rows.FirstOrDefault();
    }

    private static List<EodFact> LatestEodRows(DateOnly date, string instrument) =>
        Files.OfType<EodFile>().Where(f => f.Date <= date && f.Rows.Any(r => r.Instrument == instrument))
            .OrderByDescending(f => f.Date).FirstOrDefault()?.Rows.Where(r => r.Instrument == instrument).ToList() ?? [];

    private static DateTimeOffset At(DateOnly date, int hour, int minute) =>
        new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private static string Csv(string header, IEnumerable<string> lines)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string I(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string T(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A position as the reference computes it: the API fields without updated_at.</summary>
public sealed record ReferencePosition(
    DateOnly BusinessDate,
    string AccountId,
    string Ticker,
    long SodQty,
    decimal? SodPrice,
    long NetQty,
    decimal? AvgPrice,
    decimal? MarkPrice,
    decimal? RealizedPnl,
    decimal? UnrealizedPnl,
    decimal? DayPnl,
    decimal Delta,
    decimal Gamma,
    decimal Vega,
    decimal Theta);
