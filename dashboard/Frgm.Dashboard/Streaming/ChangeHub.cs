using System.Collections.Concurrent;
using System.Threading.Channels;
using Frgm.Dashboard.Core;
using Frgm.Application.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Frgm.Dashboard.Streaming;

/// <summary>
/// The dashboard's one subscription to <see cref="IChangeFeed"/> (Redis pub/sub in AWS, in-process embedded):
/// each change bumps the cache version and is fanned out to every open SSE stream. A slow client loses its oldest
/// events rather than slowing the others; a dropped subscription is re-established, with backoff (Polly) while it keeps failing. The last
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
    private readonly ResiliencePipeline _resubscribe;

    /// <summary>Changes kept for Last-Event-ID replay: minutes of a busy market, a bounded few hundred KB.</summary>
    public const int ReplayCapacity = 1024;

    public ChangeHub(IChangeFeed feed, ChangeVersion version, ILogger<ChangeHub> logger)
    {
        _feed = feed;
        _version = version;
        _logger = logger;
        _resubscribe = ResubscribePipeline();
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One pipeline run per healthy spell, so the backoff starts over once changes have flowed.
                await _resubscribe.ExecuteAsync(ListenAsync, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // Anything may have changed while we were not listening.
            _version.Bump();
        }
    }

    /// <summary>
    /// Follows one subscription. Returns when it broke after changes had flowed (resubscribe at once); throws when it
    /// failed or ended before any, which the pipeline retries with backoff.
    /// </summary>
    private async ValueTask ListenAsync(CancellationToken ct)
    {
        var received = false;
        try
        {
            var changes = _feed.SubscribeAsync(ct);
            await using var enumerator = changes.GetAsyncEnumerator(ct);
            var moving = enumerator.MoveNextAsync();
            _subscribed.TrySetResult();
            while (await moving)
            {
                received = true;
                Publish(enumerator.Current);
                moving = enumerator.MoveNextAsync();
            }
        }
        catch (Exception ex) when (received && !ct.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "change feed subscription dropped; resubscribing");
            return;
        }

        if (!received)
        {
            throw new InvalidOperationException("the change feed subscription ended before it delivered anything");
        }
    }

    /// <summary>A subscription that fails: logged, the cache version bumped, tried again from 250 ms doubling to 10 s.</summary>
    private ResiliencePipeline ResubscribePipeline() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(10),
            OnRetry = args =>
            {
                _logger.LogWarning(args.Outcome.Exception, "change feed subscription failed; resubscribing in {DelayMs:0} ms", args.RetryDelay.TotalMilliseconds);
                _version.Bump();
                return ValueTask.CompletedTask;
            },
        })
        .Build();

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
