using Frgm.Domain.Model;
using Frgm.Domain.Positions;

namespace Frgm.Domain.Tests.Positions;

/// <summary>Inputs built in code (the feed parsers are tested elsewhere), mirroring feeds/samples.</summary>
internal static class PositionFixtures
{
    public static readonly DateOnly Today = new(2026, 11, 20);
    public static readonly DateOnly Yesterday = new(2026, 11, 19);
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 14, 30, 5, TimeSpan.Zero);

    /// <summary>feeds/samples/instruments.csv.</summary>
    public static readonly InstrumentCatalog SampleInstruments = new(
    [
        new Instrument("ZNZ6", "ZN", "XCME", 1000m, 0.015625m, "USD"),
        new Instrument("ZBZ6", "ZB", "XCME", 1000m, 0.03125m, "USD"),
        new Instrument("ZFZ6", "ZF", "XCME", 1000m, 0.0078125m, "USD"),
        new Instrument("ESZ6", "ES", "XCME", 50m, 0.25m, "USD"),
        new Instrument("OZN Z6 C112.5", "ZN", "XCME", 1000m, 0.015625m, "USD"),
        new Instrument("OZN Z6 P110", "ZN", "XCME", 1000m, 0.015625m, "USD"),
    ]);

    /// <summary>feeds/samples/actant/sod/2026/11/20.</summary>
    public static IReadOnlyList<SodRow> SampleSod =>
    [
        Sod("MM1", "ZNZ6", -40, 112.34375m),
        Sod("MM1", "OZN Z6 C112.5", 120, 0.515625m),
        Sod("MM1", "OZN Z6 P110", -60, 0.125m),
        Sod("HEDGE", "ESZ6", 4, 6010.50m),
    ];

    /// <summary>feeds/samples/trades/trades/2026/11/20.</summary>
    public static IReadOnlyList<Trade> SampleTrades =>
    [
        Trade("T-1001", "MM1", "ZNZ6", 15, 112.390625m, At(14, 5, 11)),
        Trade("T-1002", "MM1", "ZNZ6", -5, 112.4375m, At(14, 12, 40)),
        Trade("T-1003", "HEDGE", "ESZ6", -2, 6018.75m, At(14, 20, 3)),
        Trade("T-1004", "MM1", "OZN Z6 C112.5", -20, 0.5625m, At(14, 25, 0)),
    ];

    /// <summary>feeds/samples/actant/market-data/2026/11/20 (prices only matter here).</summary>
    public static Dictionary<string, MarketPrice> SamplePrices => Prices(
        ("ZNZ6", 112.421875m),
        ("ZBZ6", 118.8125m),
        ("ZFZ6", 108.2578125m),
        ("ESZ6", 6021.25m),
        ("OZN Z6 C112.5", 0.546875m),
        ("OZN Z6 P110", 0.109375m));

    /// <summary>feeds/samples/actant/eod/2026/11/19.</summary>
    public static IReadOnlyList<EodRow> SampleEod =>
    [
        Eod(Yesterday, "MM1", "ZNZ6", 112.34375m, delta: 1m),
        Eod(Yesterday, "MM1", "OZN Z6 C112.5", 0.515625m, 0.48m, 0.21m, 0.062m, -0.011m),
        Eod(Yesterday, "MM1", "OZN Z6 P110", 0.125m, -0.12m, 0.09m, 0.031m, -0.006m),
        Eod(Yesterday, "HEDGE", "ESZ6", 6010.50m, delta: 1m),
    ];

    public static PositionInputs SampleInputs => Inputs(SampleSod, SampleTrades, SamplePrices, SampleEod);

    public static PositionInputs Inputs(
        IReadOnlyList<SodRow>? sod = null,
        IReadOnlyList<Trade>? trades = null,
        IReadOnlyDictionary<string, MarketPrice>? prices = null,
        IReadOnlyList<EodRow>? eod = null,
        InstrumentCatalog? instruments = null) =>
        new(
            Today,
            sod ?? [],
            trades ?? [],
            prices ?? new Dictionary<string, MarketPrice>(StringComparer.Ordinal),
            eod ?? [],
            instruments ?? SampleInstruments,
            Now);

    public static SodRow Sod(string account, string instrument, long position, decimal price) =>
        new(Today, account, instrument, position, price);

    /// <summary>A fill; <paramref name="signedQty"/> &gt; 0 is a BUY, &lt; 0 a SELL.</summary>
    public static Trade Trade(
        string id, string account, string ticker, long signedQty, decimal price, DateTimeOffset? execTime = null, DateOnly? date = null) =>
        new(
            id,
            date ?? Today,
            account,
            ticker,
            signedQty > 0 ? Side.Buy : Side.Sell,
            Math.Abs(signedQty),
            price,
            execTime,
            null,
            null,
            null,
            null);

    public static EodRow Eod(
        DateOnly date, string account, string instrument, decimal settlement,
        decimal delta = 0, decimal gamma = 0, decimal vega = 0, decimal theta = 0) =>
        new(date, account, instrument, 0, settlement, delta, gamma, vega, theta);

    public static Dictionary<string, MarketPrice> Prices(params (string Ticker, decimal Price)[] prices)
    {
        var result = new Dictionary<string, MarketPrice>(StringComparer.Ordinal);
        foreach (var (ticker, price) in prices)
        {
            result[ticker] = new MarketPrice(ticker, price, null, null, null, new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero));
        }

        return result;
    }

    public static DateTimeOffset At(int hour, int minute, int second) => new(2026, 11, 20, hour, minute, second, TimeSpan.Zero);

    public static Position Single(IReadOnlyList<Position> positions, string account, string ticker) =>
        Assert.Single(positions, p => p.AccountId == account && p.Ticker == ticker);
}
