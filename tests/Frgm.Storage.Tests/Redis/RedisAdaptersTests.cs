using Frgm.Storage.Aws;
using Frgm.Application.Ports;
using Frgm.Storage.Aws.Redis;

namespace Frgm.Storage.Tests.Redis;

[Trait("Needs", "servers")]
public class RedisAdaptersTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Connects_from_aws_settings_environment_variables_and_wires_store_and_feed()
    {
        var variables = new Dictionary<string, string>
        {
            ["Frgm__Aws__Environment"] = "staging",
            ["Frgm__Aws__RedisHost"] = redis.Server.Host,
            ["Frgm__Aws__RedisPort"] = redis.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Frgm__Aws__RedisUser"] = redis.Server.User!,
            ["Frgm__Aws__RedisCaCertificatePath"] = redis.Server.CaCertPath!,
        };
        var settings = AwsSettings.FromVariables(name => variables.GetValueOrDefault(name));
        await using var adapters = await RedisAdapters.ConnectAsync(settings, redis.Server.Password, subscribe: true, null, CancellationToken.None);

        Assert.True(adapters.Multiplexer.IsConnected);
        await adapters.Latest.PingAsync(CancellationToken.None);
        Assert.Equal("frgm:{staging}:changes", adapters.Changes.Channel);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var changes = adapters.Changes.SubscribeAsync(cts.Token);
        await adapters.Changes.PublishAsync(new ChangeEvent(ChangeTopic.Files, DateTimeOffset.UnixEpoch, "k"), CancellationToken.None);
        await foreach (var change in changes)
        {
            Assert.Equal(new ChangeEvent(ChangeTopic.Files, DateTimeOffset.UnixEpoch, "k"), change);
            break;
        }
    }

    [Fact]
    public async Task Publish_only_adapters_cannot_subscribe_but_publish()
    {
        await using var adapters = await RedisAdapters.ConnectAsync(redis.Options(), "dev", subscribe: false, null, CancellationToken.None);
        Assert.Throws<InvalidOperationException>(() => adapters.Changes.SubscribeAsync(CancellationToken.None));
        await adapters.Changes.PublishAsync(new ChangeEvent(ChangeTopic.Alarms, DateTimeOffset.UnixEpoch, null), CancellationToken.None);
    }
}
