using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Frgm.Storage.Aws.Redis;

/// <summary>
/// Change notifications over Redis pub/sub: ChangeEvent JSON on channel <c>frgm:{env}:changes</c>. Publishers
/// (the functions) only PUBLISH; a subscribed feed (the dashboard, <see cref="CreateSubscribedAsync"/>) holds one
/// server subscription, re-made by the library after a reconnect, and fans each message out to every
/// <see cref="SubscribeAsync"/> caller, in order. Changes published while disconnected are lost (pub/sub has no
/// replay). A listener that stops reading drops its oldest messages beyond <see cref="ListenerCapacity"/>.
/// On a cluster the channel is key-routed: publishes and the subscription all go to the master that serves the
/// environment's slot (the <c>{env}</c> hash tag), as its keys do. A freely routed channel put the subscription on
/// a random node and every publish on the first endpoint (measured), so changes crossed the cluster bus, and a
/// reconnect could move either end.
/// </summary>
public sealed class RedisChangeFeed : IChangeFeed, IAsyncDisposable
{
    public const int ListenerCapacity = 10_000;

    private readonly ISubscriber _pubsub;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private ChannelMessageQueue? _queue;
    private Task? _pump;
    private Channel<ChangeEvent>[] _listeners = [];

    /// <summary>A publish-only feed; <see cref="SubscribeAsync"/> throws.</summary>
    public RedisChangeFeed(IConnectionMultiplexer redis, string environment, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _pubsub = redis.GetSubscriber();
        Channel = new RedisKeys(environment).Changes;
        _channel = RedisChannel.Literal(Channel).WithKeyRouting();
        _logger = logger ?? NullLogger.Instance;
    }

    public string Channel { get; }

    /// <summary>A feed that can also subscribe; returns once the server has confirmed the subscription.</summary>
    public static async Task<RedisChangeFeed> CreateSubscribedAsync(
        IConnectionMultiplexer redis, string environment, ILogger? logger, CancellationToken ct)
    {
        var feed = new RedisChangeFeed(redis, environment, logger);
        // The queue (not a handler callback) keeps messages in publish order.
        feed._queue = await feed._pubsub.SubscribeAsync(feed._channel).WaitAsync(ct);
        feed._pump = Task.Run(feed.PumpAsync, CancellationToken.None);
        return feed;
    }

    public async Task PublishAsync(ChangeEvent change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var json = JsonSerializer.SerializeToUtf8Bytes(change, RedisJsonContext.Default.ChangeEvent);
        await _pubsub.PublishAsync(_channel, json).WaitAsync(ct);
    }

    /// <summary>Listens from the moment of the call (not of the first MoveNextAsync); ends quietly when cancelled.</summary>
    public IAsyncEnumerable<ChangeEvent> SubscribeAsync(CancellationToken ct)
    {
        if (_queue is null)
        {
            throw new InvalidOperationException("this RedisChangeFeed is publish-only; create it with CreateSubscribedAsync");
        }

        var listener = System.Threading.Channels.Channel.CreateBounded<ChangeEvent>(
            new BoundedChannelOptions(ListenerCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return ReadAsync(listener, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }

        if (_pump is not null)
        {
            await _pump;
        }
    }

    private async IAsyncEnumerable<ChangeEvent> ReadAsync(Channel<ChangeEvent> listener, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            while (await WaitAsync(listener, ct))
            {
                while (listener.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, listener))];
            }
        }
    }

    private static async Task<bool> WaitAsync(Channel<ChangeEvent> listener, CancellationToken ct)
    {
        try
        {
            return await listener.Reader.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _queue!)
            {
                var change = Parse(message.Message);
                if (change is null)
                {
                    continue;
                }

                foreach (var listener in Volatile.Read(ref _listeners))
                {
                    listener.Writer.TryWrite(change);
                }
            }
        }
        catch (ChannelClosedException)
        {
            // unsubscribed on dispose
        }
        finally
        {
            foreach (var listener in Volatile.Read(ref _listeners))
            {
                listener.Writer.TryComplete();
            }
        }
    }

    /// <summary>A malformed message is logged and skipped; the stream goes on.</summary>
    private ChangeEvent? Parse(RedisValue payload)
    {
        try
        {
            return JsonSerializer.Deserialize((byte[])payload!, RedisJsonContext.Default.ChangeEvent)
                ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("Redis channel {Channel}: skipped a message that is not ChangeEvent JSON: {Error}", Channel, ex.Message);
            return null;
        }
    }
}
