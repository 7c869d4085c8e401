namespace Frgm.Cdk.Tests;

[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class SmokeTests(SynthFixture synth)
{
    [Fact]
    public void Every_environment_has_five_stacks_and_its_deploy_stack()
    {
        foreach (var env in SynthFixture.Environments)
        {
            Assert.Equal(6, synth.Stacks(env).All.Count());
        }
    }
}
