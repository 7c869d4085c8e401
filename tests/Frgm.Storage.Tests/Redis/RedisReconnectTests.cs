using System.Globalization;
using Frgm.Storage.Aws.Redis;
using StackExchange.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>Kills and restarts its own redis-server, so it has a class of its own.</summary>
[Trait("Needs", "servers")]
public class RedisReconnectTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Server_killed_mid_stream_fails_commands_as_connection_errors_naming_the_endpoint_then_the_library_reconnects()
    {
        await using var adapters = await redis.ConnectAsync("reconnect", TimeSpan.FromSeconds(1));
        var db = adapters.Multiplexer.GetDatabase();
        await db.StringSetAsync("before", "1");

        // A steady stream of commands from another task: whatever fails, fails as a connection or timeout error.
        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var succeeded = 0;
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => db.StringIncrementAsync("counter")));
                    Interlocked.Increment(ref succeeded);
                }
                catch (RedisException ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
                catch (TimeoutException ex)
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

        redis.Server.Kill();
        var down = await Assert.ThrowsAnyAsync<Exception>(() => db.StringGetAsync("before"));
        Assert.True(down is RedisConnectionException or RedisTimeoutException, down.GetType().Name);
        Assert.Contains(redis.Server.Port.ToString(CultureInfo.InvariantCulture), down.Message, StringComparison.Ordinal);

        redis.Server.Restart();
        await RedisConnectionTests.RetryAsync(() => db.PingAsync());
        await stop.CancelAsync();
        await load;

        Assert.All(failures, f => Assert.True(f is RedisConnectionException or RedisTimeoutException, f.ToString()));

        // The restarted server is empty; the same multiplexer writes and reads it.
        Assert.True((await db.StringGetAsync("before")).IsNull);
        await db.StringSetAsync("after", "2");
        Assert.Equal("2", (string?)await db.StringGetAsync("after"));
    }

    [Fact]
    public async Task Store_runs_its_scripts_again_after_a_restart_emptied_the_script_cache()
    {
        await using var adapters = await redis.ConnectAsync("reload", TimeSpan.FromSeconds(1));
        var store = adapters.Latest;
        var at = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, await store.UpsertPricesAsync([new("ESZ5", 100m, null, null, null, at)], CancellationToken.None));

        redis.Server.Restart();
        var stored = await RedisConnectionTests.RetryAsync(() =>
            store.UpsertPricesAsync([new("ESZ5", 101m, null, null, null, at.AddSeconds(1))], CancellationToken.None));

        Assert.Equal(1, stored);
        Assert.Equal(101m, (await store.GetPricesAsync(CancellationToken.None))["ESZ5"].Price);
    }
}
