using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Frgm.Dashboard.Hosting;

/// <summary>
/// Refuses to start on a port another process holds, before anything else happens: ASP.NET Core starts hosted
/// services (folder watcher, demo market) before Kestrel binds, so a second instance used to touch the first one's
/// data dir and then die with a long trace. One line and a non-zero exit instead.
/// </summary>
public static class PortCheck
{
    public const int ExitCode = 2;

    /// <summary>The line to print when a listen address is taken; null when every address is free.</summary>
    public static string? Taken(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build();
        var urls = config["urls"] is { Length: > 0 } configured ? configured : DashboardSettings.DefaultUrl;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Endpoint(url) is { } endpoint && !IsFree(endpoint))
            {
                return Message(url);
            }
        }

        return null;
    }

    /// <summary>Kestrel's bind failure (the port was taken between the check and the bind).</summary>
    public static bool IsAddressInUse(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
            {
                return true;
            }
        }

        return false;
    }

    public static string Message(string url) =>
        $"FRGM dashboard: cannot listen on {url}: the address is already in use (is another dashboard running?); stop it or pass another address with --urls.";

    private static IPEndPoint? Endpoint(string url)
    {
        // Kestrel's wildcard hosts (* and +) are not URIs as they stand.
        var text = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            return null;
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) => ip,
            _ => null,
        };
        return address is null ? null : new IPEndPoint(address, uri.Port);
    }

    private static bool IsFree(IPEndPoint endpoint)
    {
        var listener = new TcpListener(endpoint);
        try
        {
            // As Kestrel binds: a socket in TIME_WAIT is no obstacle, a listening one is.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not ours to judge (no such interface, no permission): Kestrel reports it in its own words.
            return true;
        }
        finally
        {
            listener.Stop();
        }
    }
}
