using System.Threading.Channels;
using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>
/// <see cref="IChangeFeed"/> inside one process: every subscriber has its own bounded channel, so a slow
/// subscriber drops its own oldest events (like a lagging pub/sub client) and never slows the publisher.
/// </summary>
public sealed class InProcessChangeFeed : IChangeFeed
{
    private readonly Lock _sync = new();
    private readonly List<Channel<ChangeEvent>> _subscribers = [];
    private readonly int _capacity;

    public InProcessChangeFeed(int capacityPerSubscriber = 1024)
    {
        _capacity = capacityPerSubscriber;
    }

    public int SubscriberCount
    {
        get
        {
            lock (_sync)
            {
                return _subscribers.Count;
            }
        }
    }

    public Task PublishAsync(ChangeEvent change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        Channel<ChangeEvent>[] targets;
        lock (_sync)
        {
            targets = [.. _subscribers];
        }

        foreach (var target in targets)
        {
            target.Writer.TryWrite(change);
        }

        return Task.CompletedTask;
    }

    /// <summary>Registers at the call (not at the first MoveNext), so nothing published after the call is missed.</summary>
    public IAsyncEnumerable<ChangeEvent> SubscribeAsync(CancellationToken ct)
    {
        var channel = Channel.CreateBounded<ChangeEvent>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_sync)
        {
            _subscribers.Add(channel);
        }

        var registration = ct.Register(() => Remove(channel));
        return Read(channel, registration, ct);
    }

    private async IAsyncEnumerable<ChangeEvent> Read(Channel<ChangeEvent> channel, CancellationTokenRegistration registration, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                while (channel.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            await registration.DisposeAsync();
            Remove(channel);
        }
    }

    private void Remove(Channel<ChangeEvent> channel)
    {
        lock (_sync)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }
}
