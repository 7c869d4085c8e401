using System.Globalization;

namespace Frgm.Benchmarks;

/// <summary>
/// How busy the machine is. Waits for it to settle before a timed run: the local servers keep working after they answer (the JVM's GC
/// and SQLite checkpoints in DynamoDB Local, Python exiting), and on two cores that lands on whoever runs next.
/// </summary>
internal static class QuietMachine
{
    /// <summary>Until the CPUs are at most 20 % busy over half a second, or 10 s have passed.</summary>
    public static async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var before = Sample();
        while (DateTime.UtcNow < deadline && before is not null)
        {
            await Task.Delay(500);
            var after = Sample()!.Value;
            var total = after.Total - before.Value.Total;
            if (total <= 0 || (double)(total - (after.Idle - before.Value.Idle)) / total <= 0.2)
            {
                return;
            }

            before = after;
        }
    }

    /// <summary>The first <paramref name="count"/> load averages (1, 5, 15 min) from /proc/loadavg, or "n/a".</summary>
    public static string LoadAverage(int count = 3) =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(count)) : "n/a";

    /// <summary>All and idle jiffies from /proc/stat's first line; null where there is none.</summary>
    private static (long Total, long Idle)? Sample()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Sum(), fields[3] + fields[4]); // idle + iowait
    }
}
