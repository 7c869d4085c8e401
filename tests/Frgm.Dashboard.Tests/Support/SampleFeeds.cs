using Frgm.TestSupport;

namespace Frgm.Dashboard.Tests.Support;

/// <summary>The shared feed samples, dropped into a DataDir's bucket folders the way an operator or S3 would.</summary>
public static class SampleFeeds
{
    public const string ApiKey = "test-key-0123456789";
    public const string SampleDate = "2026-11-20";
    public const int FileCount = 5;

    /// <summary>The object keys of the five sample files.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "eod/2026/11/19/actant_eod_20261119.csv",
        "market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv",
        "sod/2026/11/20/actant_sod_20261120.csv",
        "trades/2026/11/20/fills_20261120_1430.csv",
        "working-orders/2026/11/20/orders_snapshot_1795185000.json",
    };

    public static string InstrumentsFile => RepoPaths.Sample("instruments.csv");

    /// <summary>samples/&lt;role&gt;/&lt;key&gt; → DataDir/buckets/&lt;role&gt;/&lt;key&gt;, each written as *.tmp and renamed into place.</summary>
    public static void DropAll(string dataDir)
    {
        foreach (var role in new[] { "actant", "trades", "tt" })
        {
            var source = Path.Combine(RepoPaths.Samples, role);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                Drop(dataDir, role, Path.GetRelativePath(source, file).Replace('\\', '/'), File.ReadAllBytes(file));
            }
        }
    }

    public static string Drop(string dataDir, string role, string key, byte[] content)
    {
        var target = Path.Combine(dataDir, "buckets", role, key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    public static string Drop(string dataDir, string role, string key, string content) =>
        Drop(dataDir, role, key, System.Text.Encoding.UTF8.GetBytes(content));

    public static string NewDataDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "frgm-dash-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteQuietly(string dir)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned by the OS
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"timed out waiting for {what}");
    }
}
