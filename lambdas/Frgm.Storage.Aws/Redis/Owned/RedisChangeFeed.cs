using System.Runtime.CompilerServices;
using System.Text.Json;
using Frgm.Application.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// Change notifications over Redis pub/sub: ChangeEvent JSON on channel <c>frgm:{env}:changes</c>. Publishers
/// (the functions) need only a <see cref="RedisClient"/>; a subscriber (the dashboard) is created with
/// <see cref="CreateSubscribedAsync"/>, which subscribes the server connection up front, so every
/// <see cref="SubscribeAsync"/> call sees every change published after it.
/// </summary>
public sealed class RedisChangeFeed : IChangeFeed
{
    private readonly RedisClient _publisher;
    private readonly RedisSubscriber? _subscriber;
    private readonly ILogger _logger;

    /// <summary>A publish-only feed; <see cref="SubscribeAsync"/> throws.</summary>
    public RedisChangeFeed(RedisClient publisher, string environment, ILogger? logger = null)
        : this(publisher, null, new RedisKeys(environment), logger)
    {
    }

    private RedisChangeFeed(RedisClient publisher, RedisSubscriber? subscriber, RedisKeys keys, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        _publisher = publisher;
        _subscriber = subscriber;
        Channel = keys.Changes;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Channel { get; }

    /// <summary>A feed that can also subscribe; waits until the server has confirmed the channel subscription.</summary>
    public static async Task<RedisChangeFeed> CreateSubscribedAsync(
        RedisClient publisher, RedisSubscriber subscriber, string environment, ILogger? logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var feed = new RedisChangeFeed(publisher, subscriber, new RedisKeys(environment), logger);
        await subscriber.SubscribeAsync(feed.Channel, ct);
        return feed;
    }

    public async Task PublishAsync(ChangeEvent change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var json = JsonSerializer.SerializeToUtf8Bytes(change, RedisJsonContext.Default.ChangeEvent);
        await _publisher.ExecuteAsync(new RedisCommand("PUBLISH", Channel, json), ct);
    }

    /// <summary>Listens from the moment of the call (not of the first MoveNextAsync); ends quietly when cancelled.</summary>
    public IAsyncEnumerable<ChangeEvent> SubscribeAsync(CancellationToken ct)
    {
        var subscriber = _subscriber
            ?? throw new InvalidOperationException("this RedisChangeFeed is publish-only; create it with CreateSubscribedAsync");
        return ReadAsync(subscriber.Listen(Channel), ct);
    }

    private async IAsyncEnumerable<ChangeEvent> ReadAsync(RedisSubscription subscription, [EnumeratorCancellation] CancellationToken ct)
    {
        using (subscription)
        {
            while (await WaitAsync(subscription, ct))
            {
                while (subscription.Messages.TryRead(out var message))
                {
                    var change = Parse(message);
                    if (change is not null)
                    {
                        yield return change;
                    }
                }
            }
        }
    }

    private static async Task<bool> WaitAsync(RedisSubscription subscription, CancellationToken ct)
    {
        try
        {
            return await subscription.Messages.WaitToReadAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A malformed message is logged and skipped; the stream goes on.</summary>
    private ChangeEvent? Parse(RedisMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Payload, RedisJsonContext.Default.ChangeEvent)
                ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            _logger.LogWarning("Redis channel {Channel}: skipped a message that is not ChangeEvent JSON: {Error}", message.Channel, ex.Message);
            return null;
        }
    }
}
