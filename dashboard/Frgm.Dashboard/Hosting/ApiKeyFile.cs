namespace Frgm.Dashboard.Hosting;

/// <summary>
/// Embedded mode's generated API key, kept in <c>&lt;DataDir&gt;/api-key</c> (owner read/write only) so scripts
/// and bookmarks keep working across restarts. Created atomically: written beside, then moved into place.
/// </summary>
public static class ApiKeyFile
{
    public const string FileName = "api-key";

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>The key stored in <paramref name="dataDir"/>, or a new one from <paramref name="newKey"/>, stored there first.</summary>
    public static string LoadOrCreate(string dataDir, Func<string> newKey)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        var path = PathIn(dataDir);
        if (Read(path) is { } existing)
        {
            return existing;
        }

        Directory.CreateDirectory(dataDir);
        var key = newKey();
        var temp = path + "." + Environment.ProcessId + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only from the first byte: never a moment where the key is world-readable.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temp, System.Text.Encoding.ASCII, options))
        {
            writer.Write(key + "\n");
        }

        try
        {
            // No overwrite: when another process stored a key first, both use that one.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }

        return Read(path) ?? throw new InvalidOperationException($"{path}: could not store the API key");
    }

    private static string? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            // A key others can read is not a secret any more: tighten it rather than serve it.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var text = File.ReadAllText(path).Trim();
        return text.Length == 0 ? null : text;
    }
}
