using System.Diagnostics;
using System.Globalization;
using Frgm.Domain.Model;
using Frgm.Domain.Positions;
using Frgm.Domain.Pricing;
using Frgm.Domain.Risk;

namespace Frgm.Benchmarks;

/// <summary>
/// Issue 15 targets: 1,000 positions over 50 underlyings (per underlying its future and 19 options, calls and puts
/// around the money; 10 accounts). (1) Model Greeks for every position after a price change: the prices move, every
/// option's implied volatility is solved again and its Black-76 Greeks taken (target ≤ 5 ms). (2) The 9 × 3 scenario
/// matrix by full revaluation per (account, underlying) (target ≤ 20 ms), with and without the calibration.
/// Best and median wall time of 200 runs after a warm-up, and mean CPU time, one thread.
/// </summary>
internal sealed class RiskBenchmark : IBenchmark
{
    private const int Underlyings = 50;
    private const int OptionsPerUnderlying = 19;
    private const int Accounts = 10;
    private const int Runs = 200;
    private const double Rate = 0.04;
    private static readonly DateOnly Date = new(2026, 11, 20);
    private static readonly DateTimeOffset At = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    public string Name => "risk";

    public string Description => "model Greeks for 1,000 positions after a price change; 9 x 3 scenario matrix by full revaluation";

    public Task RunAsync(BenchmarkOptions options)
    {
        var (catalog, sod) = Book();
        var before = Prices(catalog, 1.0);
        var after = Prices(catalog, 1.005);
        var positions = PositionEngine.Compute(new PositionInputs(Date, sod, [], before, [], catalog, At) { Rate = Rate });
        var models = positions.Count(p => p.GreeksSource == GreeksSource.Model);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{positions.Count:N0} positions ({models:N0} options on the model) over {Underlyings} underlyings, {Accounts} accounts; Environment.ProcessorCount={Environment.ProcessorCount}"));

        var greeks = Measure(() =>
        {
            // After the price change: calibrate every option again and value every position's Greeks.
            var context = new RiskContext(catalog, after, Rate);
            decimal delta = 0;
            foreach (var p in positions)
            {
                var model = context.For(p).Model;
                delta += model is null ? p.Delta : p.NetQty * model.PerContract.Delta;
            }

            return (double)delta;
        });
        Report("model Greeks, every position after a price change", greeks, 5);

        var warm = new RiskContext(catalog, after, Rate);
        foreach (var p in positions)
        {
            warm.For(p);
        }

        var u = ScenarioMatrix.DefaultUnderlyingShifts;
        var v = ScenarioMatrix.DefaultVolShifts;
        var matrix = Measure(() => ScenarioMatrix.Compute(positions, warm, u, v).Sum(r => r.Cells[0][0]));
        Report("scenario matrix 9 x 3, full revaluation (calibrated)", matrix, 20);
        var matrixCold = Measure(() => ScenarioMatrix.Compute(positions, new RiskContext(catalog, after, Rate), u, v).Sum(r => r.Cells[0][0]));
        Report("scenario matrix 9 x 3 including calibration", matrixCold, 20);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sorted wall times per operation (ms), and the process CPU time per operation over all runs: CPU time is read
    /// in 10 ms ticks on Linux, so only its total over many operations means anything. On a loaded, shared machine
    /// the best wall time and the CPU mean measure the code; the median wall time measures the machine.
    /// </summary>
    private static (List<double> Wall, double CpuMean) Measure(Func<double> work)
    {
        var checksum = work();
        for (var i = 0; i < 5; i++)
        {
            work();
        }

        var times = new List<double>(Runs);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = work();
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (Math.Abs(result - checksum) > 1e-6 * Math.Max(1, Math.Abs(checksum)))
            {
                throw new InvalidOperationException("the benchmark's work is not deterministic");
            }
        }

        process.Refresh();
        var cpuMean = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Runs;
        times.Sort();
        return (times, cpuMean);
    }

    private static void Report(string label, (List<double> Wall, double CpuMean) m, double targetMs) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-52} wall best {m.Wall[0],6:F2} median {m.Wall[m.Wall.Count / 2],6:F2} ms; CPU mean {m.CpuMean,6:F2} ms (target <= {targetMs} ms: {(m.Wall[0] <= targetMs && m.CpuMean <= targetMs ? "met" : "MISSED")})"));

    private static (InstrumentCatalog Catalog, List<SodRow> Sod) Book()
    {
        var instruments = new List<Instrument>();
        var sod = new List<SodRow>();
        var n = 0;
        for (var u = 0; u < Underlyings; u++)
        {
            var future = $"F{u:D2}";
            instruments.Add(new Instrument(future, $"P{u % 10}", "XCME", 1000m, 0.015625m, "USD", future, Date.AddDays(30)));
            sod.Add(new SodRow(Date, $"A{n++ % Accounts}", future, -5 + (u % 11), 100m));
            for (var o = 0; o < OptionsPerUnderlying; o++)
            {
                var right = o % 2 == 0 ? OptionRight.Call : OptionRight.Put;
                var strike = 100m + ((o - 9) * 0.5m);
                var expiry = Date.AddDays(7 + (28 * (o % 3)));
                var key = string.Create(CultureInfo.InvariantCulture, $"O{u:D2} {(right == OptionRight.Call ? 'C' : 'P')}{strike} {expiry:MMdd}");
                instruments.Add(new Instrument(key, $"P{u % 10}", "XCME", 1000m, 0.015625m, "USD", future, expiry, right, strike));
                sod.Add(new SodRow(Date, $"A{n++ % Accounts}", key, (o % 7) - 3 == 0 ? 4 : (o % 7) - 3, 1m));
            }
        }

        return (new InstrumentCatalog(instruments), sod);
    }

    /// <summary>Futures at 100 × move × (1 + small per-underlying offset); options at Black-76 with a smile-free 8 % vol.</summary>
    private static Dictionary<string, MarketPrice> Prices(InstrumentCatalog catalog, double move)
    {
        var prices = new Dictionary<string, MarketPrice>(StringComparer.Ordinal);
        foreach (var i in catalog.All.Where(i => !i.IsOption))
        {
            var f = 100.0 * move * (1 + (int.Parse(i.Key.AsSpan(1), CultureInfo.InvariantCulture) * 0.0001));
            prices[i.Key] = new MarketPrice(i.Key, (decimal)f, null, null, null, At);
        }

        foreach (var i in catalog.All.Where(i => i.IsOption))
        {
            var f = (double)prices[i.Underlying!].Price;
            var value = Black76.Price(new OptionInputs(i.PutCall!.Value, f, (double)i.Strike!.Value, OptionModel.YearsToExpiry(i.Expiry!.Value, At), 0.08, Rate));
            prices[i.Key] = new MarketPrice(i.Key, (decimal)Math.Round(value, 8), null, null, null, At);
        }

        return prices;
    }
}
