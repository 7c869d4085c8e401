using System.Text.RegularExpressions;
using Frgm.TestSupport;

namespace Frgm.Cdk.Tests;

/// <summary>
/// Issue 14 item 1: the GitHub workflows validate against the Actions schemas (npm @action-validator/cli 0.6.0) and
/// keep the promotion rules: test first, dev then staging then prod, each in its GitHub environment, OIDC only.
/// </summary>
[Trait("Needs", "servers")]
public sealed class WorkflowTests
{
    private static readonly string Dir = Path.Combine(RepoPaths.Root, ".github", "workflows");

    public static TheoryData<string> Workflows() => new(Directory.GetFiles(Path.Combine(RepoPaths.Root, ".github", "workflows"), "*.yml").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_passes_action_validator(string file)
    {
        var (exit, stdout, stderr) = NodeTool.Run(NodeTool.Bin("action-validator"), Path.Combine(Dir, file));
        Assert.True(exit == 0, $"{file}: action-validator exit {exit}\n{stdout}{stderr}");
    }

    [Fact]
    public void Action_validator_rejects_a_broken_workflow()
    {
        var bad = Path.Combine(Directory.CreateTempSubdirectory("frgm-wf-").FullName, "bad.yml");
        File.WriteAllText(bad, "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        runs: 3\n");
        var (exit, stdout, stderr) = NodeTool.Run(NodeTool.Bin("action-validator"), bad);
        Assert.NotEqual(0, exit);
        Assert.Contains("Additional property 'runs' is not allowed", stdout + stderr, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(bad)!, recursive: true);
    }

    [Fact]
    public void Main_promotes_dev_then_staging_then_prod_after_the_tests()
    {
        var deploy = File.ReadAllText(Path.Combine(Dir, "deploy.yml"));
        Assert.Matches(@"(?m)^  push:\s*\n    branches: \[main\]", deploy);
        Assert.Matches(@"(?ms)^  dev:\s*\n    needs: test\s*\n    uses: ./.github/workflows/deploy-environment.yml\s*\n    with:\s*\n      env: dev", deploy);
        Assert.Matches(@"(?ms)^  staging:\s*\n    needs: dev\s*\n.*?env: staging", deploy);
        Assert.Matches(@"(?ms)^  prod:\s*\n    needs: staging\s*\n.*?env: prod", deploy);
        Assert.Contains("run: ./test.sh", deploy, StringComparison.Ordinal);

        var environment = File.ReadAllText(Path.Combine(Dir, "deploy-environment.yml"));
        Assert.Matches(@"(?m)^    environment:\s*\n      name: \$\{\{ inputs.env \}\}", environment);
        // The smoke test follows the deploy in the same job: a failure fails the job, and the next environment needs it.
        Assert.True(environment.IndexOf("cdk deploy", StringComparison.Ordinal) < environment.IndexOf("-- smoke", StringComparison.Ordinal));
        Assert.Contains("--project tests/Frgm.Smoke", environment, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "tests", "Frgm.Smoke", "Frgm.Smoke.csproj")));
    }

    [Fact]
    public void Pull_requests_run_the_test_command_synth_and_both_checks_for_every_environment()
    {
        var pr = File.ReadAllText(Path.Combine(Dir, "pull-request.yml"));
        Assert.Contains("run: ./test.sh", pr, StringComparison.Ordinal);
        Assert.Contains("env: [dev, staging, prod]", pr, StringComparison.Ordinal);
        foreach (var step in new[] { "cdk synth", "node cdk/nag/check.js", "node cdk/guard/check.js", "cdk diff" })
        {
            Assert.Contains(step, pr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Aws_credentials_come_only_from_oidc(string file)
    {
        var text = File.ReadAllText(Path.Combine(Dir, file));
        Assert.DoesNotMatch(new Regex("aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID", RegexOptions.IgnoreCase), text);
        if (text.Contains("configure-aws-credentials", StringComparison.Ordinal))
        {
            Assert.Contains("id-token: write", text, StringComparison.Ordinal);
            Assert.Contains("role-to-assume:", text, StringComparison.Ordinal);
        }
    }
}
