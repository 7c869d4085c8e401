using Frgm.Domain.Model;

namespace Frgm.Dashboard.Demo;

/// <summary>
/// The demo desk's opening book for one business date: yesterday's settlements and positions, drawn from a
/// generator seeded by the date, so a dashboard restarted on the same day writes the same EOD and SOD again.
/// MM1 (the options market maker) opens near <see cref="TargetDelta"/>, so the breach trades can take it
/// over the default DELTA_LIMIT of 1,000 and back.
/// </summary>
public sealed class DemoBook
{
    /// <summary>MM1's opening net delta in contracts of the underlying.</summary>
    public const decimal TargetDelta = 900m;

    /// <summary>No opening futures position is larger, so a breach trade stays inside the 500 position limit.</summary>
    public const long MaxFuturesPosition = 300;

    // Rough levels by product so the demo looks like a real rates/equity desk; unknown products start at 100.
    private static readonly Dictionary<string, decimal> ProductLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ZN"] = 112.40m, ["ZB"] = 118.80m, ["ZF"] = 108.25m, ["ZT"] = 103.50m, ["UB"] = 124.50m, ["TN"] = 115.00m,
        ["ES"] = 6020m, ["NQ"] = 21150m, ["YM"] = 44100m, ["RTY"] = 2380m, ["SR3"] = 96.10m, ["GE"] = 96.10m,
    };

    private DemoBook(Dictionary<string, decimal> settlements, Dictionary<string, long> positions)
    {
        Settlements = settlements;
        Positions = positions;
    }

    /// <summary>Previous business day's settlement price per instrument, on its tick grid.</summary>
    public IReadOnlyDictionary<string, decimal> Settlements { get; }

    /// <summary>Opening position per instrument (each instrument is held by one account, <see cref="DemoMarket.AccountFor"/>).</summary>
    public IReadOnlyDictionary<string, long> Positions { get; }

    public static DemoBook Open(IReadOnlyList<Instrument> instruments, DateTimeOffset previousClose)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var random = new Random(DateOnly.FromDateTime(previousClose.UtcDateTime).DayNumber);
        var settlements = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var future in instruments.Where(i => !i.IsOption))
        {
            var level = ProductLevels.TryGetValue(future.Product, out var known) ? known : 100m;
            var drift = 1m + (((decimal)random.NextDouble() - 0.5m) / 250m);
            settlements[future.Key] = Math.Max(DemoPricing.Tick(future), DemoPricing.RoundToTick((double)(level * drift), future));
        }

        foreach (var option in instruments.Where(i => i.IsOption))
        {
            settlements[option.Key] = DemoPricing.RoundToTick(DemoPricing.Option(option, settlements[option.Underlying!], previousClose).Price, option);
        }

        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var instrument in instruments)
        {
            var size = instrument.IsOption ? random.Next(50, 300) : DemoMarket.AccountFor(instrument) == "HEDGE" ? random.Next(2, 20) : random.Next(10, 120);
            positions[instrument.Key] = size * (random.Next(2) == 0 ? -1 : 1);
        }

        SteerDelta(instruments, settlements, positions, previousClose);
        return new DemoBook(settlements, positions);
    }

    /// <summary>MM1's net delta from the given positions, with per-contract deltas at <paramref name="at"/>.</summary>
    public static decimal AccountDelta(
        string account, IEnumerable<Instrument> instruments, IReadOnlyDictionary<string, decimal> prices, IReadOnlyDictionary<string, long> positions, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(positions);
        return instruments
            .Where(i => DemoMarket.AccountFor(i) == account && positions.ContainsKey(i.Key))
            .Sum(i => positions[i.Key] * DemoPricing.EodGreeks(i, prices[i.IsOption ? i.Underlying! : i.Key], at).Delta);
    }

    // Moves MM1's futures (within MaxFuturesPosition) so the account opens near TargetDelta, on the side it already leans.
    private static void SteerDelta(
        IReadOnlyList<Instrument> instruments,
        Dictionary<string, decimal> settlements,
        Dictionary<string, long> positions,
        DateTimeOffset at)
    {
        var delta = AccountDelta("MM1", instruments, settlements, positions, at);
        var target = delta < 0 ? -TargetDelta : TargetDelta;
        var residual = target - delta;
        foreach (var future in instruments.Where(i => !i.IsOption && DemoMarket.AccountFor(i) == "MM1"))
        {
            var current = positions[future.Key];
            var wanted = Math.Clamp(current + (long)Math.Round(residual), -MaxFuturesPosition, MaxFuturesPosition);
            residual -= wanted - current;
            positions[future.Key] = wanted;
        }
    }
}
