using System.Net.Sockets;
using System.Text;

namespace Frgm.Dashboard.Tests.Requests;

/// <summary>A request written byte by byte over a socket, for what HttpClient will not send (a body that stalls).</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> and <paramref name="bodyStart"/>, then nothing more; returns what the server answers before it closes.</summary>
    public static async Task<(int Status, string Headers, string Body)> StallAsync(string baseUrl, string head, string bodyStart, TimeSpan timeout)
    {
        var uri = new Uri(baseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n" + bodyStart));
        await stream.FlushAsync();

        using var cts = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (!Complete(received))
            {
                var n = await stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                {
                    break;
                }

                received.Write(buffer, 0, n);
            }
        }
        catch (OperationCanceledException)
        {
            // Whatever arrived is the answer; an empty one fails the caller's assertions with the text below.
        }
        catch (IOException)
        {
            // The server reset the connection after answering.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0 || !text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
        {
            return (0, text, string.Empty);
        }

        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text[..split], text[(split + 4)..]);
    }

    private static bool Complete(MemoryStream received)
    {
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        var length = text[..split].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null && Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
