using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// Opens one authenticated stream: TCP, then TLS (SNI = host, normal validation), then <c>AUTH</c> and a
/// <c>PING</c> that proves the session works. Run on every connect and reconnect.
/// </summary>
internal static class RedisTransport
{
    public static async Task<(Stream Stream, RespStreamReader Reader)> OpenAsync(RedisOptions options, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ConnectTimeout);
        Stream? stream = null;
        try
        {
            stream = await ConnectAsync(options, timeout.Token);
            var reader = new RespStreamReader(stream);
            await HandshakeAsync(options, stream, reader, timeout.Token);
            return (stream, reader);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(stream);
            throw new RedisConnectionException(
                $"connecting to Redis at {options.Endpoint} did not finish within {options.ConnectTimeout.TotalSeconds:0.###} s");
        }
        catch
        {
            await DisposeQuietlyAsync(stream);
            throw;
        }
    }

    private static async Task<Stream> ConnectAsync(RedisOptions options, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, ct);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new RedisConnectionException($"cannot connect to Redis at {options.Endpoint}: {ex.Message}", ex);
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!options.Tls)
        {
            return network;
        }

        var validator = new RedisCertificateValidator(options.CaCertificatePath);
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = options.Host,
                    RemoteCertificateValidationCallback = validator.Validate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                },
                ct);
            return tls;
        }
        catch (AuthenticationException ex)
        {
            await tls.DisposeAsync();
            throw new RedisConnectionException(
                $"TLS handshake with Redis at {options.Endpoint} failed: {validator.LastFailure ?? ex.Message}", ex);
        }
        catch (IOException ex)
        {
            await tls.DisposeAsync();
            throw new RedisConnectionException($"TLS handshake with Redis at {options.Endpoint} failed: {ex.Message}", ex);
        }
    }

    private static async Task HandshakeAsync(RedisOptions options, Stream stream, RespStreamReader reader, CancellationToken ct)
    {
        var commands = new List<RedisCommand>(2);
        if (options.Password is not null)
        {
            commands.Add(options.User is null
                ? new RedisCommand("AUTH", options.Password)
                : new RedisCommand("AUTH", options.User, options.Password));
        }

        commands.Add(new RedisCommand("PING"));
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var command in commands)
        {
            RespWriter.Write(buffer, command);
        }

        try
        {
            await stream.WriteAsync(buffer.WrittenMemory, ct);
            await stream.FlushAsync(ct);
            foreach (var command in commands)
            {
                var reply = await reader.ReadAsync(ct);
                if (reply is RedisError error)
                {
                    throw AuthenticationFailure(options, command.Name, error);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException)
        {
            throw new RedisConnectionException($"Redis at {options.Endpoint} dropped the connection during AUTH: {ex.Message}", ex);
        }
    }

    private static RedisException AuthenticationFailure(RedisOptions options, string command, RedisError error) => error.Code switch
    {
        "WRONGPASS" => new RedisAuthenticationException(
            $"Redis at {options.Endpoint} refused AUTH as user '{options.User ?? "default"}': {error.Message}"),
        "NOAUTH" => new RedisAuthenticationException(
            $"Redis at {options.Endpoint} requires AUTH but no password is configured: {error.Message}"),
        _ => new RedisServerException(command, error.Message),
    };

    private static async ValueTask DisposeQuietlyAsync(Stream? stream)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }
    }
}
