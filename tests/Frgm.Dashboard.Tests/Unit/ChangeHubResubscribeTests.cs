using System.Runtime.CompilerServices;
using Frgm.Application.Ports;
using Frgm.Dashboard.Core;
using Frgm.Dashboard.Streaming;
using Frgm.Storage.Embedded;

namespace Frgm.Dashboard.Tests.Unit;

/// <summary>
/// The hub's one subscription over the real in-process change feed, with subscription faults injected in front of it:
/// failures are retried with backoff, a drop after changes flowed is renewed, and no change published afterwards is lost.
/// </summary>
public sealed class ChangeHubResubscribeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Failing_subscriptions_are_retried_with_backoff_until_one_holds_and_then_changes_flow()
    {
        var feed = new FaultyFeed(new InProcessChangeFeed(), failFirst: 3, dropAfterFirstChange: false);
        var log = new ListLogger<ChangeHub>();
        var version = new ChangeVersion();
        using var hub = new ChangeHub(feed, version, log);
        using var client = hub.Subscribe();
        await hub.StartAsync(default);

        await Poll.UntilAsync(() => feed.Live, "a subscription that holds", Generous);
        await feed.PublishAsync(Change("after the faults"), default);

        using var timeout = new CancellationTokenSource(Generous);
        Assert.Equal("after the faults", (await client.Reader.ReadAsync(timeout.Token)).Detail);
        Assert.Equal(4, feed.Subscribes);
        var retries = log.Lines.Where(l => l.Contains("change feed subscription failed; resubscribing in", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, retries.Count);
        Assert.All(retries, l => Assert.Contains("subscribe refused (injected)", l, StringComparison.Ordinal));
        Assert.True(version.Current >= 3, "every failed spell bumps the cache version");
        await hub.StopAsync(default);
    }

    [Fact]
    public async Task A_subscription_that_drops_after_changes_flowed_is_renewed_and_later_changes_arrive()
    {
        var feed = new FaultyFeed(new InProcessChangeFeed(), failFirst: 0, dropAfterFirstChange: true);
        var log = new ListLogger<ChangeHub>();
        using var hub = new ChangeHub(feed, new ChangeVersion(), log);
        using var client = hub.Subscribe();
        await hub.StartAsync(default);
        using var timeout = new CancellationTokenSource(Generous);

        await Poll.UntilAsync(() => feed.Live, "the first subscription", Generous);
        await feed.PublishAsync(Change("before the drop"), default);
        Assert.Equal("before the drop", (await client.Reader.ReadAsync(timeout.Token)).Detail);

        await Poll.UntilAsync(() => feed.Subscribes == 2 && feed.Live, "the renewed subscription", Generous);
        await feed.PublishAsync(Change("after the drop"), default);
        Assert.Equal("after the drop", (await client.Reader.ReadAsync(timeout.Token)).Detail);
        Assert.Contains(log.Lines, l => l.Contains("change feed subscription dropped; resubscribing", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains("subscription failed", StringComparison.Ordinal));
        await hub.StopAsync(default);
    }

    private static ChangeEvent Change(string detail) => new(ChangeTopic.Market, DateTimeOffset.UtcNow, detail);

    /// <summary>The real feed behind injected faults: the first subscriptions refused, or the first one dropped after one change.</summary>
    private sealed class FaultyFeed(InProcessChangeFeed inner, int failFirst, bool dropAfterFirstChange) : IChangeFeed
    {
        private int _subscribes;
        private volatile bool _live;

        public int Subscribes => Volatile.Read(ref _subscribes);

        /// <summary>A subscription is registered with the real feed, so what is published now reaches it.</summary>
        public bool Live => _live && inner.SubscriberCount > 0;

        public Task PublishAsync(ChangeEvent change, CancellationToken ct) => inner.PublishAsync(change, ct);

        public async IAsyncEnumerable<ChangeEvent> SubscribeAsync([EnumeratorCancellation] CancellationToken ct)
        {
            var attempt = Interlocked.Increment(ref _subscribes);
            if (attempt <= failFirst)
            {
                throw new IOException("subscribe refused (injected)");
            }

            var changes = inner.SubscribeAsync(ct).GetAsyncEnumerator(ct);
            await using (changes.ConfigureAwait(false))
            {
                var moving = changes.MoveNextAsync();
                _live = true;
                while (await moving)
                {
                    yield return changes.Current;
                    if (dropAfterFirstChange && attempt == 1)
                    {
                        _live = false;
                        throw new IOException("connection reset (injected)");
                    }

                    moving = changes.MoveNextAsync();
                }
            }
        }
    }
}
