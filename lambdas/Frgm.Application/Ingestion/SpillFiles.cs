namespace Frgm.Application.Ingestion;

/// <summary>
/// Temporary copies of large objects (see <see cref="ContentReader"/>) live in <c>&lt;temp&gt;/frgm-spill/</c>, each
/// held with an exclusive lock and deleted on close. A process killed mid-file cannot delete its copy, so the first
/// ingestion of every process removes each spill file no live process holds (the lock tells): in Lambda, /tmp
/// outlives a timed-out or crashed runtime process in the same sandbox.
/// </summary>
public static class SpillFiles
{
    public const string Prefix = "frgm-ingest-";

    private static readonly Lazy<int> CleanedAtStart = new(() => CleanStale(DefaultFolder()));

    public static string Folder => DefaultFolder();

    /// <summary>Runs <see cref="CleanStale"/> once per process; returns how many stale files it removed.</summary>
    public static int EnsureCleaned() => CleanedAtStart.Value;

    private static string DefaultFolder() => Path.Combine(Path.GetTempPath(), "frgm-spill");

    public static FileStream Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Prefix + Guid.NewGuid().ToString("N"));
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    /// <summary>Deletes spill files that no process holds open (a live one's exclusive lock makes the open fail).</summary>
    public static int CleanStale(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(folder, Prefix + "*"))
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(path);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // held by a live ingestion, or already gone
            }
        }

        return removed;
    }
}
