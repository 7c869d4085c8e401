using Frgm.Application.Ports;
using Frgm.Storage.Aws.Redis;
using StackExchange.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>Pub/sub and the change feed; restarts its own server.</summary>
[Trait("Needs", "servers")]
public class RedisPubSubTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly DateTimeOffset At = new(2025, 3, 3, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Change_feed_delivers_published_changes_in_order_and_skips_malformed_messages()
    {
        await using var subscribed = await redis.ConnectAsync("feedtest", subscribe: true);
        await using var publisher = await redis.ConnectAsync("feedtest");
        var feed = subscribed.Changes;
        var publishOnly = publisher.Changes;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Listening starts at the call, so changes published before the first MoveNextAsync still arrive.
        var changes = feed.SubscribeAsync(cts.Token);
        await publishOnly.PublishAsync(new ChangeEvent(ChangeTopic.Positions, At, "2025-03-03"), CancellationToken.None);
        await publisher.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(feed.Channel), "{not json");
        for (var i = 0; i < 200; i++)
        {
            await publishOnly.PublishAsync(new ChangeEvent(ChangeTopic.Market, At.AddSeconds(i), null), CancellationToken.None);
        }

        await publishOnly.PublishAsync(new ChangeEvent(ChangeTopic.Orders, At, "snapshot"), CancellationToken.None);

        var received = new List<ChangeEvent>();
        await foreach (var change in changes)
        {
            received.Add(change);
            if (received.Count == 202)
            {
                break;
            }
        }

        Assert.Equal(
            [new ChangeEvent(ChangeTopic.Positions, At, "2025-03-03"), .. Enumerable.Range(0, 200).Select(i => new ChangeEvent(ChangeTopic.Market, At.AddSeconds(i), null)), new ChangeEvent(ChangeTopic.Orders, At, "snapshot")],
            received);
        Assert.Equal("frgm:{feedtest}:changes", feed.Channel);
        Assert.Throws<InvalidOperationException>(() => publishOnly.SubscribeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Subscription_ends_quietly_when_cancelled()
    {
        await using var adapters = await redis.ConnectAsync("cancel", subscribe: true);
        var feed = adapters.Changes;
        using var cts = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in feed.SubscribeAsync(cts.Token))
            {
                count++;
            }

            return count;
        });
        await feed.PublishAsync(new ChangeEvent(ChangeTopic.Alarms, At, null), CancellationToken.None);
        await cts.CancelAsync();
        Assert.InRange(await reading, 0, 1);
    }

    [Fact]
    public async Task Change_feed_resubscribes_after_the_server_restarts()
    {
        await using var adapters = await redis.ConnectAsync("resub", TimeSpan.FromSeconds(1), subscribe: true);
        var feed = adapters.Changes;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var changes = feed.SubscribeAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        await feed.PublishAsync(new ChangeEvent(ChangeTopic.Positions, At, "before"), CancellationToken.None);
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal("before", changes.Current.Detail);

        redis.Server.Restart();

        // Publish until a change gets through: it must be the library's re-subscribed connection receiving it.
        var next = changes.MoveNextAsync().AsTask();
        while (!next.IsCompleted && !cts.IsCancellationRequested)
        {
            try
            {
                await feed.PublishAsync(new ChangeEvent(ChangeTopic.Positions, At, "after"), CancellationToken.None);
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
            {
                // still reconnecting
            }

            await Task.WhenAny(next, Task.Delay(100, CancellationToken.None));
        }

        Assert.True(await next);
        Assert.Equal("after", changes.Current.Detail);
    }
}
