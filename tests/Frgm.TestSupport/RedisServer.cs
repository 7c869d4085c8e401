using System.Diagnostics;

namespace Frgm.TestSupport;

/// <summary>
/// A real redis-server for tests and benchmarks, on a free loopback port, without persistence. Optionally TLS
/// (a throwaway CA and a server certificate for localhost/127.0.0.1 made with openssl) and an ACL user (the
/// default user is then switched off, as on MemoryDB). <see cref="Kill"/> and <see cref="Restart"/> keep the port,
/// for fault tests. Stopped by PID on dispose; the temp folder is deleted.
/// </summary>
public sealed class RedisServer : IDisposable
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
            MakeCertificates();
            _arguments.AddRange(
            [
                "--port", "0", "--tls-port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tls-cert-file", Path.Combine(_directory, "server.crt"),
                "--tls-key-file", Path.Combine(_directory, "server.key"),
                "--tls-ca-cert-file", CaCertPath!,
                "--tls-auth-clients", "no",
            ]);
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

    private void MakeCertificates()
    {
        string P(string name) => Path.Combine(_directory, name);
        File.WriteAllText(P("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        OpenSsl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", P("ca.key"), "-out", P("ca.crt"), "-days", "2", "-subj", "/CN=FRGM throwaway test CA");
        OpenSsl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", P("server.key"), "-out", P("server.csr"), "-subj", "/CN=localhost");
        OpenSsl("x509", "-req", "-in", P("server.csr"), "-CA", P("ca.crt"), "-CAkey", P("ca.key"), "-CAcreateserial",
            "-out", P("server.crt"), "-days", "2", "-extfile", P("server.ext"));
        CaCertPath = P("ca.crt");
    }

    private void OpenSsl(params string[] arguments)
    {
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start openssl");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit(30_000);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {arguments[0]} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }
}
