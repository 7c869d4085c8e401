using System.Collections.Concurrent;
using System.Threading.Channels;
using Frgm.Dashboard.Core;
using Frgm.Application.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Streaming;

/// <summary>
/// The dashboard's one subscription to <see cref="IChangeFeed"/> (Redis pub/sub in AWS, in-process embedded):
/// each change bumps the cache version and is fanned out to every open SSE stream. A slow client loses its oldest
/// events rather than slowing the others; a dropped subscription is re-established with backoff. The last
/// <see cref="ReplayCapacity"/> changes are kept so a client that reconnects with Last-Event-ID gets what it missed.
/// </summary>
public sealed class ChangeHub : BackgroundService
{
    private readonly IChangeFeed _feed;
    private readonly ChangeVersion _version;
    private readonly ILogger<ChangeHub> _logger;
    private readonly ConcurrentDictionary<Channel<ChangeEvent>, byte> _subscribers = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LinkedList<(string Id, ChangeEvent Change)> _recent = new();
    private readonly Lock _gate = new();

    /// <summary>Changes kept for Last-Event-ID replay: minutes of a busy market, a bounded few hundred KB.</summary>
    public const int ReplayCapacity = 1024;

    public ChangeHub(IChangeFeed feed, ChangeVersion version, ILogger<ChangeHub> logger)
    {
        _feed = feed;
        _version = version;
        _logger = logger;
    }

    /// <summary>Completes once the first subscription is open (tests wait on it before dropping files).</summary>
    public Task Subscribed => _subscribed.Task;

    public int SubscriberCount => _subscribers.Count;

    /// <summary>A reader of every change from now until the returned lease is disposed.</summary>
    public Subscription Subscribe() => Subscribe(null);

    /// <summary>
    /// As <see cref="Subscribe()"/>, first replaying the changes after <paramref name="lastEventId"/>. When that id is
    /// not in the replay buffer (too old, or never seen here) the subscription says so with <see cref="Subscription.Missed"/>:
    /// the client must reload rather than trust an incomplete stream.
    /// </summary>
    public Subscription Subscribe(string? lastEventId)
    {
        var channel = Channel.CreateBounded<ChangeEvent>(new BoundedChannelOptions(256 + ReplayCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var missed = false;
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(lastEventId))
            {
                var node = _recent.Last;
                while (node is not null && node.Value.Id != lastEventId)
                {
                    node = node.Previous;
                }

                missed = node is null;
                for (node = node?.Next; node is not null; node = node.Next)
                {
                    channel.Writer.TryWrite(node.Value.Change);
                }
            }

            // Registered under the same lock as Publish appends, so nothing falls between replay and live.
            _subscribers[channel] = 0;
        }

        return new Subscription(channel.Reader, () => _subscribers.TryRemove(channel, out _), missed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var changes = _feed.SubscribeAsync(stoppingToken);
                await using var enumerator = changes.GetAsyncEnumerator(stoppingToken);
                var moving = enumerator.MoveNextAsync();
                _subscribed.TrySetResult();
                while (await moving)
                {
                    delay = TimeSpan.FromMilliseconds(250);
                    Publish(enumerator.Current);
                    moving = enumerator.MoveNextAsync();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a broken subscription must never stop the dashboard: log, back off, resubscribe
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "change feed subscription failed; resubscribing in {DelayMs} ms", delay.TotalMilliseconds);
            }

            // Anything may have changed while we were not listening.
            _version.Bump();
            await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
        }
    }

    /// <summary>Fans a change out; internal so tests can feed the hub without a change feed.</summary>
    internal void Publish(ChangeEvent change)
    {
        _version.Bump();
        lock (_gate)
        {
            _recent.AddLast((ChangeEventIds.Of(change), change));
            if (_recent.Count > ReplayCapacity)
            {
                _recent.RemoveFirst();
            }

            foreach (var subscriber in _subscribers.Keys)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly Action _unsubscribe;

        internal Subscription(ChannelReader<ChangeEvent> reader, Action unsubscribe, bool missed = false)
        {
            Reader = reader;
            _unsubscribe = unsubscribe;
            Missed = missed;
        }

        public ChannelReader<ChangeEvent> Reader { get; }

        /// <summary>The client's Last-Event-ID was not in the replay buffer: events may be lost.</summary>
        public bool Missed { get; }

        public void Dispose() => _unsubscribe();
    }
}
