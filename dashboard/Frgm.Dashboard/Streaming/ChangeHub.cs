using System.Collections.Concurrent;
using System.Threading.Channels;
using Frgm.Dashboard.Core;
using Frgm.Storage.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Streaming;

/// <summary>
/// The dashboard's one subscription to <see cref="IChangeFeed"/> (Redis pub/sub in AWS, in-process embedded):
/// each change bumps the cache version and is fanned out to every open SSE stream. A slow client loses its oldest
/// events rather than slowing the others; a dropped subscription is re-established with backoff.
/// </summary>
public sealed class ChangeHub : BackgroundService
{
    private readonly IChangeFeed _feed;
    private readonly ChangeVersion _version;
    private readonly ILogger<ChangeHub> _logger;
    private readonly ConcurrentDictionary<Channel<ChangeEvent>, byte> _subscribers = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<ChangeEvent>(new BoundedChannelOptions(256)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers[channel] = 0;
        return new Subscription(channel.Reader, () => _subscribers.TryRemove(channel, out _));
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

    private void Publish(ChangeEvent change)
    {
        _version.Bump();
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(change);
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly Action _unsubscribe;

        internal Subscription(ChannelReader<ChangeEvent> reader, Action unsubscribe)
        {
            Reader = reader;
            _unsubscribe = unsubscribe;
        }

        public ChannelReader<ChangeEvent> Reader { get; }

        public void Dispose() => _unsubscribe();
    }
}
