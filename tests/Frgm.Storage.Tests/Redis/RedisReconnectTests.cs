using Frgm.Storage.Aws.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>Kills and restarts its own redis-server, so it has a class of its own.</summary>
[Trait("Needs", "servers")]
public class RedisReconnectTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Server_killed_mid_stream_fails_commands_clearly_then_the_client_reconnects()
    {
        await using var client = await redis.ConnectAsync(TimeSpan.FromSeconds(1));
        await client.ExecuteAsync(new RedisCommand("SET", "before", "1"), CancellationToken.None);

        // A steady stream of commands from another task: whatever fails, fails as a connection error.
        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var succeeded = 0;
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await client.ExecuteBatchAsync([.. Enumerable.Range(0, 50).Select(_ => new RedisCommand("INCR", "counter"))], CancellationToken.None);
                    Interlocked.Increment(ref succeeded);
                }
                catch (RedisException ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
            }
        });
        while (Volatile.Read(ref succeeded) < 20)
        {
            await Task.Delay(10);
        }

        // One command certainly in flight: a BLPOP the server reports as blocked.
        await using var blocker = await redis.ConnectAsync(TimeSpan.FromSeconds(10));
        var inFlight = blocker.ExecuteAsync(new RedisCommand("BLPOP", "never", 30L), CancellationToken.None);
        while (!(await client.ExecuteAsync(new RedisCommand("INFO", "clients"), CancellationToken.None)).AsString("INFO")!.Contains("blocked_clients:1", StringComparison.Ordinal))
        {
            await Task.Delay(10);
        }

        redis.Server.Kill();
        var lost = await Assert.ThrowsAsync<RedisConnectionException>(() => inFlight);
        Assert.Contains("BLPOP in flight", lost.Message, StringComparison.Ordinal);
        var down = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            client.ExecuteAsync(new RedisCommand("GET", "before"), CancellationToken.None));
        Assert.Contains(redis.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), down.Message, StringComparison.Ordinal);

        redis.Server.Restart();
        var pong = await RedisClientTests.RetryAsync(() => client.ExecuteAsync(new RedisCommand("PING"), CancellationToken.None));
        await stop.CancelAsync();
        await load;

        Assert.Equal("PONG", pong.AsString("PING"));
        Assert.All(failures, f => Assert.IsType<RedisConnectionException>(f));

        // The restarted server is empty; the reconnected client writes and reads it.
        Assert.Null((await client.ExecuteAsync(new RedisCommand("GET", "before"), CancellationToken.None)).AsString("GET"));
        await client.ExecuteAsync(new RedisCommand("SET", "after", "2"), CancellationToken.None);
        Assert.Equal("2", (await client.ExecuteAsync(new RedisCommand("GET", "after"), CancellationToken.None)).AsString("GET"));
    }

    [Fact]
    public async Task Store_reloads_its_scripts_after_a_restart_emptied_the_script_cache()
    {
        await using var client = await redis.ConnectAsync(TimeSpan.FromSeconds(1));
        var store = new RedisLatestStateStore(client, "reload");
        var at = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await store.UpsertPricesAsync([new("ESZ5", 100m, null, null, null, at)], CancellationToken.None));

        redis.Server.Restart();
        var stored = await RedisClientTests.RetryAsync(() =>
            store.UpsertPricesAsync([new("ESZ5", 101m, null, null, null, at.AddSeconds(1))], CancellationToken.None));

        Assert.Equal(1, stored);
        Assert.Equal(101m, (await store.GetPricesAsync(CancellationToken.None))["ESZ5"].Price);
    }
}
