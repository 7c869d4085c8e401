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

        var headers = text[..split];
        var body = text[(split + 4)..];
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), headers, IsChunked(headers) ? Dechunk(body) : body);
    }

    private static bool IsChunked(string headers) => headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var size = Convert.ToInt32(body[at..end].Trim(), 16);
            if (size == 0)
            {
                break;
            }

            result.Append(body, end + 2, Math.Min(size, body.Length - end - 2));
            at = end + 2 + size + 2;
        }

        return result.ToString();
    }

    private static bool Complete(MemoryStream received)
    {
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        if (IsChunked(text[..split]))
        {
            return text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        }

        var length = text[..split].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null && Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
