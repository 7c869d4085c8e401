namespace Frgm.TestSupport;

/// <summary>
/// A real redis-server for tests and benchmarks, on a free loopback port, without persistence. Optionally TLS
/// (a throwaway CA and a server certificate for localhost/127.0.0.1 made with openssl) and an ACL user (the
/// default user is then switched off, as on MemoryDB). <see cref="Kill"/> and <see cref="Restart"/> keep the port,
/// for fault tests. Stopped by PID on dispose; the temp folder is deleted.
/// </summary>
public sealed class RedisServer : IRedisTarget, IDisposable
{
    private readonly string _directory;
    private readonly List<string> _arguments;
    private LocalServerProcess? _process;

    public RedisServer(bool tls = true, string? user = "frgm-app", string? password = null)
    {
        _directory = Path.Combine(Path.GetTempPath(), "frgm-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Port = FreePort.Next();
        Tls = tls;
        User = user;
        Password = user is null ? null : password ?? Guid.NewGuid().ToString("N");
        _arguments = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory];
        if (tls)
        {
            CaCertPath = RedisCertificates.Make(_directory);
            _arguments.AddRange(RedisCertificates.ServerArguments(_directory, Port));
        }
        else
        {
            _arguments.AddRange(["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (user is not null)
        {
            _arguments.AddRange(["--user", user, "on", ">" + Password, "~*", "&*", "+@all", "--user", "default", "off"]);
        }

        Start();
    }

    public int Port { get; }

    public bool Tls { get; }

    /// <summary>PEM of the throwaway CA that signed the server certificate; null without TLS.</summary>
    public string? CaCertPath { get; private set; }

    public string? User { get; }

    public string? Password { get; }

    /// <summary>The host name the server certificate is issued for.</summary>
    public string Host { get; } = "localhost";

    public int Pid => _process?.Pid ?? throw new InvalidOperationException("redis-server is not running");

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts a fresh, empty server on the same port with the same settings.</summary>
    public void Restart()
    {
        Kill();
        Start();
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    private void Start() =>
        _process = LocalServerProcess.Start("redis-server", "redis-server", _arguments, Port, _directory, TimeSpan.FromSeconds(20));
}
