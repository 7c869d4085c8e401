using Amazon.CDK.Assertions;

namespace Frgm.Cdk.Tests;

/// <summary>Issue 14 item 1: Frgm-&lt;env&gt;-Deploy, GitHub OIDC only, roles that can only assume the CDK bootstrap roles.</summary>
[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class DeployStackTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Deploy_role_trusts_only_this_repository_branch_and_environment(string env)
    {
        var t = synth.Template(env, "Deploy");
        t.ResourceCountIs("AWS::IAM::OIDCProvider", 1);
        t.HasResourceProperties("AWS::IAM::OIDCProvider", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Url"] = "https://token.actions.githubusercontent.com",
            ["ClientIdList"] = new[] { "sts.amazonaws.com" },
        }));

        using var doc = synth.TemplateJson(env, "Deploy");
        var role = doc.Resources("AWS::IAM::Role").Single(r => r.Id.StartsWith("DeployRole", StringComparison.Ordinal)).Resource.Props();
        var trust = role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray().Single();
        Assert.Equal("sts:AssumeRoleWithWebIdentity", trust.Str("Action"));
        var equals = trust.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("sts.amazonaws.com", equals.GetProperty("token.actions.githubusercontent.com:aud").GetString());
        Assert.Equal($"repo:example-org/frgm:environment:{env}:ref:refs/heads/main", equals.GetProperty("token.actions.githubusercontent.com:sub").GetString());
        Assert.False(trust.GetProperty("Condition").TryGetProperty("StringLike", out _), "no wildcard subjects");
    }

    [Fact]
    public void Github_roles_may_only_assume_the_cdk_bootstrap_roles_and_have_no_managed_policies()
    {
        using var doc = synth.TemplateJson("prod", "Deploy");
        var roles = doc.Resources("AWS::IAM::Role").Where(r => !r.Id.StartsWith("SmokeRole", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, roles.Count);
        Assert.All(roles, r => Assert.False(r.Resource.Props().TryGetProperty("ManagedPolicyArns", out _), r.Id));

        var policies = doc.Resources("AWS::IAM::Policy").Where(p => !p.Id.StartsWith("SmokeRole", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, policies.Count);
        foreach (var (id, policy) in policies)
        {
            var statements = policy.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
            // Besides the bootstrap roles the deploy role may assume only the smoke test's canary role.
            var smoke = statements.Where(s => s.Str("Sid") == "AssumeSmokeTestRole").ToList();
            Assert.Equal(id.StartsWith("DeployRole", StringComparison.Ordinal) ? 1 : 0, smoke.Count);
            var statement = statements.Single(s => s.Str("Sid") == "AssumeCdkBootstrapRolesOnly");
            Assert.Equal(["sts:AssumeRole", "sts:TagSession"], statement.GetProperty("Action").Items().Select(a => a.GetString()!).Order());
            var resources = statement.GetProperty("Resource").Items().Select(r => r.GetRawText()).ToList();
            Assert.All(resources, r => Assert.Matches(":iam::333333333333:role/cdk-hnb659fds-(deploy|file-publishing|image-publishing|lookup)-role-333333333333-us-east-1", r));
            if (id.StartsWith("DiffRole", StringComparison.Ordinal))
            {
                Assert.Single(resources, r => r.Contains("lookup-role", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Pull_request_role_is_separate_and_named_for_pull_requests()
    {
        using var doc = synth.TemplateJson("prod", "Deploy");
        var role = doc.Resources("AWS::IAM::Role").Single(r => r.Id.StartsWith("DiffRole", StringComparison.Ordinal)).Resource.Props();
        var sub = role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray().Single()
            .GetProperty("Condition").GetProperty("StringEquals").GetProperty("token.actions.githubusercontent.com:sub").GetString();
        Assert.Equal("repo:example-org/frgm:pull_request", sub);
    }

    [Fact]
    public void Smoke_canary_role_touches_only_canary_objects_and_their_ledger_entries()
    {
        using var doc = synth.TemplateJson("prod", "Deploy");
        var role = doc.Resources("AWS::IAM::Role").Single(r => r.Id.StartsWith("SmokeRole", StringComparison.Ordinal)).Resource.Props();
        Assert.Contains("frgm-prod-github-deploy", role.GetProperty("AssumeRolePolicyDocument").GetRawText(), StringComparison.Ordinal);
        var statements = doc.Resources("AWS::IAM::Policy").Single(p => p.Id.StartsWith("SmokeRole", StringComparison.Ordinal)).Resource.Props()
            .GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        var objects = statements.Single(s => s.Str("Sid") == "CanaryObjects").GetProperty("Resource").GetRawText();
        Assert.Contains("frgm-prod-actant-333333333333-us-east-1/canary/*", objects, StringComparison.Ordinal);
        var ledger = statements.Single(s => s.Str("Sid") == "CanaryLedgerEntries");
        Assert.Equal("FILE#actant#canary/*", ledger.GetProperty("Condition").GetProperty("ForAllValues:StringLike").GetProperty("dynamodb:LeadingKeys").Items().Single().GetString());
    }
}
