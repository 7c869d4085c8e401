using System.Text.Json;

namespace Frgm.Cdk.Tests;

/// <summary>Issue 14 item 5: cfn-guard 3.1.1 with the Control Tower rules over every environment, via cdk/guard/check.js.</summary>
[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class GuardTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Control_tower_rules_have_no_unsuppressed_findings(string env)
    {
        var (exit, stdout, stderr) = NodeTool.Script("cdk/guard/check.js", synth.AssemblyDir(env));
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var findings = string.Concat(root.GetProperty("findings").EnumerateArray().Select(f => $"  {f.GetProperty("template").GetString()} {f.GetProperty("resource")} {f.GetProperty("rule").GetString()}\n"));
        Assert.True(exit == 0, $"cfn-guard exit {exit}: {root.GetProperty("summary").GetString()}\n{findings}{stderr}");
        Assert.Equal(6, root.GetProperty("templates").GetArrayLength());
        Assert.NotEmpty(root.GetProperty("suppressed").EnumerateArray());
    }

    [Fact]
    public void Every_suppression_names_its_reason()
    {
        var (_, stdout, _) = NodeTool.Script("cdk/guard/check.js", synth.AssemblyDir("prod"));
        using var doc = JsonDocument.Parse(stdout);
        Assert.Empty(doc.RootElement.GetProperty("weakSuppressions").EnumerateArray());
        Assert.All(doc.RootElement.GetProperty("suppressed").EnumerateArray(), s => Assert.True(s.GetProperty("reason").GetString()!.Length >= 40, s.ToString()));
    }

    [Fact]
    public void The_checker_fails_on_a_template_with_findings()
    {
        var dir = Directory.CreateTempSubdirectory("frgm-guard-bad-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "Bad.template.json"), """
                {"Resources": {"OpenBucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
                """);
            var (exit, stdout, _) = NodeTool.Script("cdk/guard/check.js", dir);
            using var doc = JsonDocument.Parse(stdout);

            Assert.Equal(1, exit);
            Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "s3_bucket_level_public_access_prohibited_check");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
