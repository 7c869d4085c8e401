using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// Pub/sub on its own connection (a subscribed RESP2 connection can run no other commands). Server-side
/// subscriptions are made once per channel and fanned out to any number of local <see cref="RedisSubscription"/>s.
/// When the connection drops it reconnects with backoff and re-subscribes every channel; messages published while
/// it was down are lost (pub/sub has no replay), so readers should re-read state after a gap.
/// </summary>
public sealed class RedisSubscriber : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);
    private Stream? _stream;
    private Task? _loop;

    private RedisSubscriber(RedisOptions options, ILogger? logger)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How many times the connection has been (re)established; 1 after connecting.</summary>
    public int ConnectionCount { get; private set; }

    public static async Task<RedisSubscriber> ConnectAsync(RedisOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var subscriber = new RedisSubscriber(options, logger);
        var (stream, reader) = await RedisTransport.OpenAsync(options, ct);
        subscriber._stream = stream;
        subscriber.ConnectionCount = 1;
        subscriber._loop = Task.Run(() => subscriber.RunAsync(reader), CancellationToken.None);
        return subscriber;
    }

    /// <summary>Subscribes the connection to <paramref name="channel"/> (once) and waits for the server to confirm.</summary>
    public async Task SubscribeAsync(string channel, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ChannelState state;
        Stream? stream;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
            if (!_channels.TryGetValue(channel, out state!))
            {
                state = new ChannelState();
                _channels.Add(channel, state);
            }

            stream = _stream;
        }

        // While disconnected the channel is already registered: the reconnect subscribes it.
        if (stream is not null)
        {
            await SendAsync(stream, ["SUBSCRIBE", channel]);
        }

        try
        {
            await state.Confirmed.Task.WaitAsync(_options.CommandTimeout, ct);
        }
        catch (TimeoutException)
        {
            throw new RedisTimeoutException(
                $"Redis SUBSCRIBE {channel} was not confirmed by {_options.Endpoint} within {_options.CommandTimeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>
    /// A local listener for a channel already subscribed with <see cref="SubscribeAsync"/>: it receives every
    /// message that arrives after this call. No server round trip.
    /// </summary>
    public RedisSubscription Listen(string channel, int capacity = 10_000)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var state))
            {
                throw new InvalidOperationException($"channel '{channel}' is not subscribed; call SubscribeAsync first");
            }

            var subscription = new RedisSubscription(channel, capacity, Remove);
            state.Listeners = [.. state.Listeners, subscription];
            return subscription;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stream? stream;
        lock (_gate)
        {
            if (_lifetime.IsCancellationRequested)
            {
                return;
            }

            _lifetime.Cancel();
            stream = _stream;
            _stream = null;
        }

        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        if (_loop is not null)
        {
            await _loop;
        }

        List<RedisSubscription> listeners;
        lock (_gate)
        {
            listeners = [.. _channels.Values.SelectMany(c => c.Listeners)];
        }

        foreach (var listener in listeners)
        {
            listener.Dispose();
        }

        _lifetime.Dispose();
        _writeLock.Dispose();
    }

    private void Remove(RedisSubscription subscription)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(subscription.Channel, out var state))
            {
                state.Listeners = [.. state.Listeners.Where(l => !ReferenceEquals(l, subscription))];
            }
        }
    }

    private async Task RunAsync(RespStreamReader reader)
    {
        var token = _lifetime.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                while (true)
                {
                    Dispatch(await reader.ReadAsync(token));
                }
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                _logger.LogWarning("Redis subscriber connection to {Endpoint} lost ({Reason}); reconnecting", _options.Endpoint, ex.Message);
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                return;
            }

            var next = await ReconnectAsync(token);
            if (next is null)
            {
                return;
            }

            reader = next;
        }
    }

    /// <summary>Reconnects with backoff and re-subscribes every channel; null when disposed meanwhile.</summary>
    private async Task<RespStreamReader?> ReconnectAsync(CancellationToken token)
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }

        for (var attempt = 0; !token.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.Delay(RedisBackoff.Delay(attempt, _options.ReconnectMinDelay, _options.ReconnectMaxDelay), token);
                var (stream, reader) = await RedisTransport.OpenAsync(_options, token);
                string[] channels;
                lock (_gate)
                {
                    if (token.IsCancellationRequested)
                    {
                        stream.Dispose();
                        return null;
                    }

                    _stream = stream;
                    ConnectionCount++;
                    channels = [.. _channels.Keys];
                }

                if (channels.Length > 0)
                {
                    await SendAsync(stream, ["SUBSCRIBE", .. channels]);
                }

                _logger.LogInformation("Redis subscriber reconnected to {Endpoint}; re-subscribed {Count} channel(s)", _options.Endpoint, channels.Length);
                return reader;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex) when (ex is RedisException or IOException or System.Net.Sockets.SocketException)
            {
                _logger.LogDebug("Redis subscriber reconnect attempt {Attempt} failed: {Error}", attempt + 1, ex.Message);
                lock (_gate)
                {
                    _stream?.Dispose();
                    _stream = null;
                }
            }
        }

        return null;
    }

    private async Task SendAsync(Stream stream, string[] command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.Write(buffer, new RedisCommand([.. command.Select(RedisArg.FromString)]));
        await _writeLock.WaitAsync(_lifetime.Token);
        try
        {
            await stream.WriteAsync(buffer.WrittenMemory, _lifetime.Token);
            await stream.FlushAsync(_lifetime.Token);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The read loop sees the same failure and re-subscribes after reconnecting.
            _logger.LogDebug("Redis SUBSCRIBE not sent: {Error}", ex.Message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Dispatch(RedisReply reply)
    {
        if (reply is not RedisArray { Items: [RedisBulkString kind, RedisBulkString channel, var payload] })
        {
            return;
        }

        ChannelState? state;
        lock (_gate)
        {
            _channels.TryGetValue(channel.Text, out state);
        }

        if (state is null)
        {
            return;
        }

        switch (kind.Text)
        {
            case "message" when payload is RedisBulkString body:
                var message = new RedisMessage(channel.Text, body.Value);
                foreach (var listener in state.Listeners)
                {
                    listener.Deliver(message);
                }

                break;
            case "subscribe":
                state.Confirmed.TrySetResult();
                break;
        }
    }

    private sealed class ChannelState
    {
        public TaskCompletionSource Confirmed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Copy-on-write so the read loop can iterate without the lock.</summary>
        public IReadOnlyList<RedisSubscription> Listeners { get; set; } = [];
    }
}
