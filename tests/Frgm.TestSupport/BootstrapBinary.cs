using System.Diagnostics;

namespace Frgm.TestSupport;

/// <summary>
/// The Native AOT <c>bootstrap</c> under <c>artifacts/bootstrap/&lt;rid&gt;/</c>, published once and reused while it
/// is newer than every source it is built from (test.sh publishes it before the tests; a test run alone
/// publishes it on first use). A file lock keeps two test processes from publishing at once.
/// </summary>
public static class BootstrapBinary
{
    public const string X64 = "linux-x64";
    public const string Arm64 = "linux-arm64";

    private static readonly Lock Gate = new();

    /// <summary>The list of what the bootstrap is built from, which test.sh reads too.</summary>
    public const string InputsFile = "lambdas/Frgm.Functions/bootstrap-inputs.txt";

    public static string PathFor(string rid) => Path.Combine(RepoPaths.Root, "artifacts", "bootstrap", rid, "bootstrap");

    /// <summary>The paths in <see cref="InputsFile"/>, relative to the repository root: files, and folders taken whole.</summary>
    public static IReadOnlyList<string> Inputs() =>
        [.. File.ReadAllLines(Path.Combine(RepoPaths.Root, InputsFile))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))];

    /// <summary>The published bootstrap for <paramref name="rid"/>, publishing it first when missing or stale.</summary>
    public static string Ensure(string rid)
    {
        ServerTests.EnsureAllowed("the Native AOT bootstrap for " + rid);
        var path = PathFor(rid);
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var fileLock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            if (IsUpToDate(path))
            {
                return path;
            }

            var script = Path.Combine(RepoPaths.Root, "lambdas", "Frgm.Functions", "publish-bootstrap.sh");
            var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(script);
            info.ArgumentList.Add(rid);
            info.ArgumentList.Add(Path.GetDirectoryName(path)!);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"publish-bootstrap.sh {rid} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
            }

            return path;
        }
    }

    /// <summary>True when the binary exists and no source, project file or shared build file is newer.</summary>
    public static bool IsUpToDate(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var built = File.GetLastWriteTimeUtc(path);
        var root = RepoPaths.Root;
        var inputs = Inputs()
            .Select(input => Path.Combine(root, input))
            .SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [path])
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(".md", StringComparison.Ordinal));
        return inputs.Where(File.Exists).All(f => File.GetLastWriteTimeUtc(f) <= built);
    }
}
