using System.Globalization;
using System.Text;

namespace Frgm.Benchmarks;

/// <summary>What both ingest benchmarks feed and how they report, so their numbers compare like for like.</summary>
internal static class IngestBenchmarkFiles
{
    public const int Instruments = 500;

    public static string Rate(int rows, TimeSpan elapsed) =>
        (rows / Math.Max(elapsed.TotalSeconds, 1e-9)).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A market-data file shaped like Actant's: one row per instrument per one-second snapshot.</summary>
    /// <param name="later">Moves every snapshot on (a later file of the same day: new bars, newer prices).</param>
    public static byte[] MarketFile(int rows, TimeSpan later = default)
    {
        var start = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero) + later;
        var text = new StringBuilder(rows * 64).Append("instrument,price,bid,ask,volume,timestamp\n");
        for (var i = 0; i < rows; i++)
        {
            var instrument = i % Instruments;
            var snapshot = i / Instruments;
            var price = 100m + instrument + ((snapshot % 32) / 64m);
            var at = start.AddSeconds(snapshot).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"BENCH{instrument:0000},{price},{price - 0.015625m},{price + 0.015625m},{snapshot * 10},{at}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
