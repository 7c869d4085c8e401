using System.Diagnostics;
using System.Globalization;
using System.Text;
using Frgm.Domain.Alarms;
using Frgm.Domain.Model;
using Frgm.Storage.Embedded;
using Frgm.Application.Ingestion;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Benchmarks;

/// <summary>
/// What positions as of D cost when a fact arrives late: N business dates of SOD (500 positions each) on the embedded
/// stores, then an EOD and a price file for the last date (recomputes one date) against the same files for the first
/// date (recompute every later date: N of them).
/// </summary>
internal sealed class RecomputeDatesBenchmark : IBenchmark
{
    private const int Positions = 500;

    public string Name => "recompute-dates";

    public string Description => "late EOD / price file recomputing every later date, embedded (--rows = dates, default 20)";

    public async Task RunAsync(BenchmarkOptions options)
    {
        var dates = options.Rows ?? 20;
        var root = Path.Combine(options.WorkDir, "recompute-dates-" + Guid.NewGuid().ToString("N"));
        try
        {
            var storage = EmbeddedStorage.Create(root);
            var service = new IngestionService(storage, InstrumentCatalog.Empty, new AlarmThresholds(), TimeProvider.System, NullLogger<IngestionService>.Instance);
            var first = new DateOnly(2026, 1, 1);
            for (var i = 0; i < dates; i++)
            {
                await IngestAsync(service, storage, $"sod/{Folder(first.AddDays(i))}/actant_sod_{first.AddDays(i):yyyyMMdd}.csv", Sod());
            }

            var last = first.AddDays(dates - 1);
            Console.WriteLine($"{dates} dates × {Positions} positions stored");
            foreach (var (label, date) in new[] { ("last date (1 recompute)", last), ("first date (" + dates + " recomputes)", first) })
            {
                var eod = await IngestAsync(service, storage, $"eod/{Folder(date)}/actant_eod_{date:yyyyMMdd}.csv", Eod());
                var prices = await IngestAsync(service, storage, $"market-data/{Folder(date)}/BENCH_{date:yyyyMMdd}_160000.csv", Prices(date));
                Console.WriteLine($"EOD for the {label}: {eod.TotalMilliseconds:0} ms; price file for it: {prices.TotalMilliseconds:0} ms");
            }
        }
        finally
        {
            EmbeddedStorage.ReleaseConnections();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // left for the OS temp cleaner
            }
        }
    }

    private static async Task<TimeSpan> IngestAsync(IngestionService service, StorageSet storage, string key, string content)
    {
        await storage.Objects.WriteAsync(BucketRole.Actant, key, Encoding.UTF8.GetBytes(content), default);
        var clock = Stopwatch.StartNew();
        var result = await service.IngestAsync(BucketRole.Actant, key, default);
        clock.Stop();
        if (result.Entry.Status != FileStatus.Completed)
        {
            throw new InvalidOperationException($"{key}: {result.Entry.Status} {string.Join("; ", result.Entry.Errors)}");
        }

        return clock.Elapsed;
    }

    private static string Folder(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    private static string Sod() => Rows("account,instrument,position,price", i => $"ACC{i % 10},INS{i},{i + 1},100.5");

    private static string Eod() => Rows("account,instrument,position,settlement_price,delta,gamma,vega,theta", i => $"ACC{i % 10},INS{i},{i + 1},100.75,0.5,0.1,0.01,-0.01");

    private static string Prices(DateOnly date) => Rows("instrument,price,timestamp", i => $"INS{i},101.25,{date:yyyy-MM-dd}T16:00:00Z");

    private static string Rows(string header, Func<int, string> row)
    {
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < Positions; i++)
        {
            text.Append(row(i)).Append('\n');
        }

        return text.ToString();
    }
}
