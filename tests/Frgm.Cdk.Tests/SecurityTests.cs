using System.Text.Json;
using Frgm.Cdk.Constructs;

namespace Frgm.Cdk.Tests;

/// <summary>Whole-app checks over every template of every environment.</summary>
[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class SecurityTests(SynthFixture synth)
{
    private static readonly string[] Concerns = ["Network", "Data", "Dashboard", "Ingest", "Alerting"];

    /// <summary>Actions AWS authorises only on "*" (no resource-level permissions).</summary>
    private static readonly HashSet<string> StarOnlyActions = [.. FrgmFunction.VpcNetworkInterfaceActions, "ecr:GetAuthorizationToken"];

    public static TheoryData<string> Envs => new(SynthFixture.Environments);

    [Theory]
    [MemberData(nameof(Envs))]
    public void No_iam_statement_grants_a_data_action_on_every_resource(string env)
    {
        var offenders = new List<string>();
        foreach (var concern in Concerns)
        {
            using var doc = synth.TemplateJson(env, concern);
            foreach (var (id, policy) in doc.Resources("AWS::IAM::Policy"))
            {
                foreach (var statement in policy.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
                {
                    var star = statement.GetProperty("Resource").Items().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == "*");
                    var actions = statement.GetProperty("Action").Items().Select(a => a.GetString()!).ToList();
                    if (star && actions.Any(a => !StarOnlyActions.Contains(a)))
                    {
                        offenders.Add($"{concern}/{id}: {string.Join(", ", actions)}");
                    }
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void No_role_uses_a_managed_policy(string env)
    {
        foreach (var concern in Concerns)
        {
            using var doc = synth.TemplateJson(env, concern);
            Assert.All(doc.Resources("AWS::IAM::Role"), r => Assert.False(r.Resource.Props().TryGetProperty("ManagedPolicyArns", out _), $"{concern}/{r.Id}"));
        }
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void No_secret_value_appears_in_any_template(string env)
    {
        foreach (var concern in Concerns)
        {
            using var doc = synth.TemplateJson(env, concern);
            var text = doc.RootElement.GetRawText();
            // Generated secrets carry only generator settings; placeholders carry field names, never values.
            Assert.DoesNotContain("\"SecretString\":", text, StringComparison.Ordinal);
            foreach (var (id, secret) in doc.Resources("AWS::SecretsManager::Secret"))
            {
                Assert.True(secret.Props().TryGetProperty("GenerateSecretString", out _), $"{concern}/{id} is not generated");
            }

            foreach (var (id, fn) in doc.Resources("AWS::Lambda::Function"))
            {
                foreach (var v in fn.Props().GetProperty("Environment").GetProperty("Variables").EnumerateObject())
                {
                    Assert.False(v.Name.Contains("Password", StringComparison.OrdinalIgnoreCase) && !v.Name.EndsWith("SecretArn", StringComparison.Ordinal), $"{id} {v.Name}");
                    Assert.False(v.Name.Contains("ApiKey", StringComparison.OrdinalIgnoreCase), $"{id} {v.Name}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void Stacks_are_named_for_the_environment_and_tagged(string env)
    {
        foreach (var concern in Concerns)
        {
            var stack = synth.Stacks(env).All.Single(s => s.StackName == $"Frgm-{env}-{concern}");
            Assert.Equal("us-east-1", stack.Region);
            Assert.Equal(synth.Stacks(env).Config.Account, stack.Account);
            using var doc = synth.TemplateJson(env, concern);
            var tagged = doc.RootElement.GetProperty("Resources").EnumerateObject()
                .Where(r => r.Value.TryGetProperty("Properties", out var p) && p.TryGetProperty("Tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
                .ToList();
            Assert.NotEmpty(tagged);
            Assert.All(tagged, r =>
            {
                var tags = r.Value.GetProperty("Properties").GetProperty("Tags").EnumerateArray().ToDictionary(t => t.Str("Key")!, t => t.GetProperty("Value").ToString());
                Assert.Equal("FRGM", tags["Project"]);
                Assert.Equal(env, tags["Environment"]);
            });
        }
    }

    [Fact]
    public void Retained_environments_keep_data_and_dev_cleans_up()
    {
        foreach (var (env, policy) in new[] { ("dev", "Delete"), ("prod", "Retain") })
        {
            using var doc = synth.TemplateJson(env, "Data");
            foreach (var type in new[] { "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::MemoryDB::Cluster", "AWS::SecretsManager::Secret" })
            {
                Assert.All(doc.Resources(type), r => Assert.Equal(policy, r.Resource.Str("DeletionPolicy")));
            }
        }
    }
}
