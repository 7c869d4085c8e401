using System.Text;
using System.Threading.Channels;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>One pub/sub message as delivered by the server.</summary>
public sealed record RedisMessage(string Channel, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>A local listener on a subscribed channel. Dispose to stop receiving; the reader then completes.</summary>
public sealed class RedisSubscription : IDisposable
{
    private readonly Channel<RedisMessage> _queue;
    private readonly Action<RedisSubscription> _remove;

    internal RedisSubscription(string channel, int capacity, Action<RedisSubscription> remove)
    {
        Channel = channel;
        _remove = remove;

        // A listener that stops reading loses its oldest messages rather than growing without bound.
        _queue = System.Threading.Channels.Channel.CreateBounded<RedisMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    }

    public string Channel { get; }

    public ChannelReader<RedisMessage> Messages => _queue.Reader;

    public void Dispose()
    {
        _remove(this);
        _queue.Writer.TryComplete();
    }

    internal void Deliver(RedisMessage message) => _queue.Writer.TryWrite(message);
}
