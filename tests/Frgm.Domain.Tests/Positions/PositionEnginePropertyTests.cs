using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using static Frgm.Domain.Tests.Positions.PositionFixtures;

namespace Frgm.Domain.Tests.Positions;

/// <summary>
/// Seeded random trade sequences (shorts, longs, zero crossings, with and without SOD, tick and cent prices
/// whose averages do not terminate, some beyond 12 decimal places) checked against invariants and a naive
/// reference computed here.
/// </summary>
public sealed class PositionEnginePropertyTests
{
    private const int Sequences = 600;

    private static readonly InstrumentCatalog Catalog = new(
    [
        new Instrument("TICK", "T", null, 1000m, 0.015625m, "USD"),
        new Instrument("CENT", "C", null, 12.5m, 0.01m, "USD"),
        new Instrument("BIG", "B", null, 50m, 0.25m, "USD"),
    ]);

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var batch = 0; batch < 6; batch++)
        {
            seeds.Add(batch);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Realized_plus_unrealized_equals_day_pnl_exactly_and_quantities_add_up(int batch)
    {
        var crossings = 0;
        for (var i = 0; i < Sequences / 6; i++)
        {
            var random = new Random((batch * 1000) + i);
            var scenario = Scenario.Generate(random);
            crossings += scenario.ZeroCrossings;

            var positions = PositionEngine.Compute(scenario.Inputs);

            foreach (var position in positions)
            {
                var expected = scenario.Reference(position.AccountId, position.Ticker);
                var context = $"seed {(batch * 1000) + i} {position.AccountId}/{position.Ticker}";
                Assert.True(expected.NetQty == position.NetQty, $"{context}: net {position.NetQty} != {expected.NetQty}");
                Assert.True(
                    position.RealizedPnl + position.UnrealizedPnl == position.DayPnl,
                    $"{context}: {position.RealizedPnl} + {position.UnrealizedPnl} != {position.DayPnl}");
                Assert.True(expected.DayPnl == position.DayPnl, $"{context}: day {position.DayPnl} != {expected.DayPnl}");
                Assert.True(
                    Math.Abs(expected.Realized - position.RealizedPnl!.Value) < 0.000001m,
                    $"{context}: realized {position.RealizedPnl} vs reference {expected.Realized}");
                Assert.True(
                    position.NetQty == 0 ? position.AvgPrice is null && position.UnrealizedPnl == 0 : position.AvgPrice > 0,
                    $"{context}: avg {position.AvgPrice} unrealized {position.UnrealizedPnl} at net {position.NetQty}");
            }

            Assert.Equal(scenario.KeyCount, positions.Count);
        }

        Assert.True(crossings > Sequences / 6, $"only {crossings} zero crossings generated; the generator lost its teeth");
    }

    /// <summary>One random day: up to two accounts on one instrument, optional SOD, 1..40 shuffled-time fills.</summary>
    private sealed class Scenario
    {
        private readonly Dictionary<string, List<(long Qty, decimal Price)>> _applied = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SodRow> _sod = new(StringComparer.Ordinal);
        private decimal _mark;
        private decimal _multiplier;
        private string _ticker = "";

        public PositionInputs Inputs { get; private set; } = null!;

        public int ZeroCrossings { get; private set; }

        public int KeyCount => _applied.Count;

        public static Scenario Generate(Random random)
        {
            var scenario = new Scenario();
            var instrument = Catalog.All.ElementAt(random.Next(Catalog.Count));
            scenario._ticker = instrument.Key;
            scenario._multiplier = instrument.Multiplier;
            var tick = instrument.TickSize!.Value;
            // One scenario in eight also gets prices with a 13th decimal place: the engine's decimal fallback.
            var beyondFixedPoint = random.Next(8) == 0;
            decimal Price() => 100m + (random.Next(-400, 400) * tick)
                + (beyondFixedPoint && random.Next(4) == 0 ? random.Next(1, 9) * 0.0000000000001m : 0m);
            scenario._mark = Price();

            var sod = new List<SodRow>();
            var trades = new List<Trade>();
            foreach (var account in new[] { "A", "B" }.Take(random.Next(1, 3)))
            {
                var position = 0L;
                var applied = new List<(long, decimal)>();
                scenario._applied[account] = applied;
                if (random.Next(3) > 0)
                {
                    var row = Sod(account, instrument.Key, random.Next(-50, 51), Price());
                    sod.Add(row);
                    scenario._sod[account] = row;
                    position = row.Position;
                }

                var count = random.Next(1, 41);
                for (var t = 0; t < count; t++)
                {
                    var qty = (long)random.Next(1, 61) * (random.Next(2) == 0 ? 1 : -1);
                    var price = Price();
                    if (position != 0 && Math.Sign(position + qty) == -Math.Sign(position))
                    {
                        scenario.ZeroCrossings++;
                    }

                    position += qty;
                    applied.Add((qty, price));
                    trades.Add(Trade($"{account}-{t}", account, instrument.Key, qty, price, new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(t)));
                }
            }

            // Feed the engine a shuffled copy with exact duplicates of some ids: order and dedup are its job.
            var shuffled = trades.OrderBy(_ => random.Next()).ToList();
            shuffled.AddRange(trades.Where(_ => random.Next(5) == 0).Select(t => t with { Price = t.Price + 1 }));
            scenario.Inputs = new PositionInputs(
                Today,
                sod,
                shuffled,
                Prices((instrument.Key, scenario._mark)),
                [],
                Catalog,
                Now);
            return scenario;
        }

        /// <summary>Average cost the slow, obvious way (full-precision division), and day P&amp;L by the formula.</summary>
        public (long NetQty, decimal Realized, decimal DayPnl) Reference(string account, string ticker)
        {
            Assert.Equal(_ticker, ticker);
            long net = 0;
            decimal avg = 0;
            decimal realized = 0;
            decimal day = 0;
            if (_sod.TryGetValue(account, out var sod))
            {
                net = sod.Position;
                avg = sod.Price;
                day = sod.Position * (_mark - sod.Price);
            }

            foreach (var (qty, price) in _applied[account])
            {
                day += qty * (_mark - price);
                if (net == 0 || Math.Sign(net) == Math.Sign(qty))
                {
                    avg = ((avg * Math.Abs(net)) + (price * Math.Abs(qty))) / (Math.Abs(net) + Math.Abs(qty));
                }
                else
                {
                    var closed = Math.Min(Math.Abs(qty), Math.Abs(net));
                    realized += (price - avg) * closed * Math.Sign(net);
                    if (Math.Abs(qty) > Math.Abs(net))
                    {
                        avg = price;
                    }
                }

                net += qty;
            }

            return (net, realized * _multiplier, day * _multiplier);
        }
    }
}
