using Frgm.Application.Ports;
using Frgm.Storage.Aws.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>Pub/sub and the change feed; restarts its own server.</summary>
[Trait("Needs", "servers")]
public class RedisPubSubTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly DateTimeOffset At = new(2025, 3, 3, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Change_feed_delivers_published_changes_in_order_and_skips_malformed_messages()
    {
        await using var publisher = await redis.ConnectAsync();
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Options());
        var feed = await RedisChangeFeed.CreateSubscribedAsync(publisher, subscriber, "feedtest", null, CancellationToken.None);
        var publishOnly = new RedisChangeFeed(publisher, "feedtest");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Listening starts at the call, so changes published before the first MoveNextAsync still arrive.
        var changes = feed.SubscribeAsync(cts.Token);
        await publishOnly.PublishAsync(new ChangeEvent(ChangeTopic.Positions, At, "2025-03-03"), CancellationToken.None);
        await publisher.ExecuteAsync(new RedisCommand("PUBLISH", feed.Channel, "{not json"), CancellationToken.None);
        await publishOnly.PublishAsync(new ChangeEvent(ChangeTopic.Market, At.AddSeconds(1), null), CancellationToken.None);
        await publishOnly.PublishAsync(new ChangeEvent(ChangeTopic.Orders, At.AddSeconds(2), "snapshot"), CancellationToken.None);

        var received = new List<ChangeEvent>();
        await foreach (var change in changes)
        {
            received.Add(change);
            if (received.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(
            [new ChangeEvent(ChangeTopic.Positions, At, "2025-03-03"), new ChangeEvent(ChangeTopic.Market, At.AddSeconds(1), null), new ChangeEvent(ChangeTopic.Orders, At.AddSeconds(2), "snapshot")],
            received);
        Assert.Equal("frgm:{feedtest}:changes", feed.Channel);
        Assert.Throws<InvalidOperationException>(() => publishOnly.SubscribeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Subscription_ends_quietly_when_cancelled()
    {
        await using var publisher = await redis.ConnectAsync();
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Options());
        var feed = await RedisChangeFeed.CreateSubscribedAsync(publisher, subscriber, "cancel", null, CancellationToken.None);
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
    public async Task Subscriber_resubscribes_after_the_server_restarts()
    {
        await using var publisher = await redis.ConnectAsync(TimeSpan.FromSeconds(1));
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Options());
        await subscriber.SubscribeAsync("resub", CancellationToken.None);
        using var listener = subscriber.Listen("resub");

        await publisher.ExecuteAsync(new RedisCommand("PUBLISH", "resub", "before"), CancellationToken.None);
        Assert.Equal("before", (await ReadAsync(listener)).Text);

        redis.Server.Restart();

        // Publish until a message gets through: it must be the re-subscribed connection receiving it.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var next = listener.Messages.ReadAsync(cts.Token).AsTask();
        var receivers = 0L;
        while (!next.IsCompleted && !cts.IsCancellationRequested)
        {
            try
            {
                receivers = (await publisher.ExecuteAsync(new RedisCommand("PUBLISH", "resub", "after"), CancellationToken.None)).AsInteger("PUBLISH");
            }
            catch (RedisConnectionException)
            {
                // publisher still reconnecting
            }

            await Task.WhenAny(next, Task.Delay(100, CancellationToken.None));
        }

        var message = await next;
        Assert.Equal("after", message.Text);
        Assert.Equal("resub", message.Channel);
        Assert.Equal(1, receivers);
        Assert.True(subscriber.ConnectionCount >= 2);
    }

    private static async Task<RedisMessage> ReadAsync(RedisSubscription listener)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await listener.Messages.ReadAsync(cts.Token);
    }
}
