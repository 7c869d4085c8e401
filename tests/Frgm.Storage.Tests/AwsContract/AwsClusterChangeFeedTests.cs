using Frgm.Application.Ports;
using Frgm.Storage.Aws.Redis;

namespace Frgm.Storage.Tests.AwsContract;

/// <summary>
/// The change feed on the 3-master cluster. Cluster PUBLISH reaches a subscriber on another node over the cluster
/// bus, so one publisher's changes keep their order only if every one goes through the same node.
/// </summary>
[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsClusterChangeFeedTests(AwsStorageFixture aws)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_feed_subscribes_and_publishes_only_on_the_master_that_serves_the_environment_slot()
    {
        // Three environments, their slots on masters at random: a feed that subscribes on any node passes 1 run in
        // 27, one that publishes through one fixed node 1 run in 9.
        for (var e = 0; e < 3; e++)
        {
            var settings = await aws.NewResourcesAsync(aws.Cluster);
            await using var storage = await AwsStorageFixture.ConnectAsync(settings);
            var channel = new RedisKeys(settings.Environment).Changes;
            var owner = aws.Cluster.MasterPortFor(channel);
            var before = aws.Cluster.NodePorts.ToDictionary(p => p, p => aws.Cluster.CommandCalls(p, "publish"));

            for (var i = 0; i < 30; i++)
            {
                await storage.Changes.PublishAsync(new ChangeEvent(ChangeTopic.Files, T0, "detail-" + i), default);
            }

            var subscribers = aws.Cluster.NodePorts.ToDictionary(p => p, p => aws.Cluster.Subscribers(p, channel));
            var published = aws.Cluster.NodePorts.ToDictionary(p => p, p => aws.Cluster.CommandCalls(p, "publish") - before[p]);
            Assert.Equal(aws.Cluster.NodePorts.ToDictionary(p => p, p => p == owner ? 1 : 0), subscribers);
            Assert.Equal(aws.Cluster.NodePorts.ToDictionary(p => p, p => p == owner ? 30L : 0L), published);
        }
    }
}
