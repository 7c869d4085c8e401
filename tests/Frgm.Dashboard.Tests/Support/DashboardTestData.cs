namespace Frgm.Dashboard.Tests.Support;

/// <summary>What a dashboard under test runs on: its API key, a throwaway DataDir, and a poll for what it does in the background.</summary>
public static class DashboardTestData
{
    public const string ApiKey = "test-key-0123456789";

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
