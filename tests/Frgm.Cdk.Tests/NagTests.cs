using System.Diagnostics;
using System.Text.Json;
using Frgm.TestSupport;

namespace Frgm.Cdk.Tests;

/// <summary>cdk-nag AwsSolutionsChecks over every environment's templates, via cdk/nag/check.js.</summary>
[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class NagTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void AwsSolutions_checks_have_no_unsuppressed_findings(string env)
    {
        var (exit, report, stderr) = RunNag(synth.AssemblyDir(env));

        using var doc = JsonDocument.Parse(report);
        var root = doc.RootElement;
        Assert.True(exit == 0, $"cdk-nag exit {exit}: {root.GetProperty("summary").GetString()}\n{Describe(root.GetProperty("findings"))}{Describe(root.GetProperty("errors"))}{stderr}");
        Assert.Equal(6, root.GetProperty("templates").GetArrayLength());
        Assert.Equal(0, root.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Every_suppression_carries_a_reason_a_reviewer_can_read()
    {
        var (_, report, _) = RunNag(synth.AssemblyDir("prod"));
        using var doc = JsonDocument.Parse(report);
        var suppressed = doc.RootElement.GetProperty("suppressed").EnumerateArray().ToList();

        Assert.NotEmpty(suppressed);
        Assert.All(suppressed, s => Assert.True(s.GetProperty("reason").GetString()!.Length >= 40, s.ToString()));
        // Managed policies are written out instead of suppressed.
        Assert.DoesNotContain(suppressed, s => s.GetProperty("rule").GetString() == "AwsSolutions-IAM4");
    }

    [Fact]
    public void The_checker_fails_on_a_template_with_findings()
    {
        var dir = Directory.CreateTempSubdirectory("frgm-nag-bad-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "Bad.template.json"), """
                {"Resources": {"OpenBucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
                """);
            var (exit, report, _) = RunNag(dir);
            using var doc = JsonDocument.Parse(report);

            Assert.Equal(1, exit);
            Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "AwsSolutions-S10");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Exit, string Stdout, string Stderr) RunNag(string dir)
    {
        var info = new ProcessStartInfo(RepoPaths.Node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "cdk", "nag", "check.js"));
        info.ArgumentList.Add(dir);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Describe(JsonElement items) =>
        string.Concat(items.EnumerateArray().Select(f => $"  {f.GetProperty("template").GetString()} {f.GetProperty("resource").GetString()} {f.GetProperty("rule").GetString()} {(f.TryGetProperty("finding", out var id) ? id.GetString() : "")} {(f.TryGetProperty("error", out var e) ? e.GetString() : "")}\n"));
}
