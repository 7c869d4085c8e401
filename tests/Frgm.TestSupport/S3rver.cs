namespace Frgm.TestSupport;

/// <summary>
/// npm s3rver on a free loopback port, storing into a temporary folder that is deleted on Dispose.
/// Kill()/Restart() keep the folder, so objects written before a restart are still there after it.
/// </summary>
public sealed class S3rver : IDisposable
{
    private LocalServerProcess? _server;

    public S3rver()
    {
        Port = FreePort.Next();
        Directory = Path.Combine(Path.GetTempPath(), "frgm-s3rver-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _server = Launch();
    }

    public int Port { get; }

    /// <summary>Where s3rver keeps buckets and objects.</summary>
    public string Directory { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _server is { HasExited: false };

    public void Kill()
    {
        _server?.Dispose();
        _server = null;
    }

    public void Restart()
    {
        Kill();
        _server = Launch();
    }

    public void Dispose()
    {
        Kill();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }

    private LocalServerProcess Launch()
    {
        var script = Path.Combine(RepoPaths.NodeModules, "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"s3rver not found at {script}; run ./test.sh (npm install s3rver@3.7.1)", script);
        }

        return LocalServerProcess.Start(
            "s3rver",
            RepoPaths.Node,
            // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (node 17+) only offers
            // through its legacy provider: without this flag every paginated listing answers 500.
            ["--openssl-legacy-provider", script, "-d", Directory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"],
            Port);
    }
}
