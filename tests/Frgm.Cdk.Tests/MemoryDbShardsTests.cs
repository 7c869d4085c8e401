using Amazon.CDK;
using Amazon.CDK.Assertions;
using Frgm.TestSupport;

namespace Frgm.Cdk.Tests;

/// <summary>
/// MemoryDB cluster mode: an environment with <c>memoryDb.shards: 2</c> synthesizes (the Redis client follows cluster
/// redirects), with a CPU and a memory alarm on every node of both shards. One synth of its own (~5 s): the shared
/// fixture's environments keep the committed one shard.
/// </summary>
[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class MemoryDbShardsTests(SynthFixture synth)
{
    [Fact]
    public void Two_shards_synthesize_with_alarms_on_every_node_of_both()
    {
        var context = SynthFixture.WithEnvironment(SynthFixture.CdkJsonContext(), "dev");
        var environments = (Dictionary<string, object>)context["environments"];
        var dev = new Dictionary<string, object>((Dictionary<string, object>)environments["dev"]);
        dev["memoryDb"] = new Dictionary<string, object>((Dictionary<string, object>)dev["memoryDb"]) { ["shards"] = 2.0, ["replicasPerShard"] = 1.0 };
        context["environments"] = new Dictionary<string, object>(environments) { ["dev"] = dev };
        var outDir = Path.Combine(synth.OutDir, "dev-2-shards");

        var app = new App(new AppProps { Outdir = outDir, Context = context });
        var stacks = FrgmApp.Build(app, RepoPaths.Root, synth.Image);
        app.Synth();

        Assert.Equal(2, stacks.Config.MemoryDb.Shards);
        Template.FromStack(stacks.Data).HasResourceProperties("AWS::MemoryDB::Cluster", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ClusterName"] = "frgm-dev",
            ["NumShards"] = 2,
            ["NumReplicasPerShard"] = 1,
            ["TLSEnabled"] = true,
        }));
        var alerting = File.ReadAllText(Path.Combine(outDir, "Frgm-dev-Alerting.template.json"));
        foreach (var node in new[] { "0001-001", "0001-002", "0002-001", "0002-002" })
        {
            Assert.Contains($"frgm-dev-{node}", alerting, StringComparison.Ordinal);
        }
    }
}
