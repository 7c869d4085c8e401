using System.Diagnostics;

namespace Frgm.TestSupport;

/// <summary>
/// A throwaway CA and a server certificate for localhost/127.0.0.1, made with openssl in a test's temp folder. The
/// certificate also carries the clientAuth usage: cluster nodes present it to each other on the TLS cluster bus.
/// </summary>
public static class RedisCertificates
{
    /// <summary>Writes ca.crt, server.crt and server.key into <paramref name="directory"/>; returns the CA's path.</summary>
    public static string Make(string directory)
    {
        string P(string name) => Path.Combine(directory, name);
        File.WriteAllText(P("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n");
        OpenSsl(directory, "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", P("ca.key"), "-out", P("ca.crt"), "-days", "2", "-subj", "/CN=FRGM throwaway test CA");
        OpenSsl(directory, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", P("server.key"), "-out", P("server.csr"), "-subj", "/CN=localhost");
        OpenSsl(directory, "x509", "-req", "-in", P("server.csr"), "-CA", P("ca.crt"), "-CAkey", P("ca.key"), "-CAcreateserial",
            "-out", P("server.crt"), "-days", "2", "-extfile", P("server.ext"));
        return P("ca.crt");
    }

    /// <summary>redis-server's TLS arguments for the certificates in <paramref name="directory"/>, client certificates not required.</summary>
    public static IEnumerable<string> ServerArguments(string directory, int tlsPort) =>
    [
        "--port", "0", "--tls-port", tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--tls-cert-file", Path.Combine(directory, "server.crt"),
        "--tls-key-file", Path.Combine(directory, "server.key"),
        "--tls-ca-cert-file", Path.Combine(directory, "ca.crt"),
        "--tls-auth-clients", "no",
    ];

    private static void OpenSsl(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
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
