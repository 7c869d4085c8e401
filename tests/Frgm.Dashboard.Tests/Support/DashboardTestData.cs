namespace Frgm.Dashboard.Tests.Support;

/// <summary>What a dashboard under test runs on: its API key and a throwaway DataDir.</summary>
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
}
