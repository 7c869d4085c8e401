using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Tests;

/// <summary>Issue 14 item 2: the Actant sender role, the SFTP VPC endpoint and write-only users, real keys outside dev.</summary>
[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class SenderIdentityTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Actant_role_is_assumable_only_by_the_configured_principal_with_the_external_id(string env)
    {
        var config = synth.Stacks(env).Config;
        using var doc = synth.TemplateJson(env, "Ingest");
        var role = doc.Resources("AWS::IAM::Role").Single(r => r.Id.StartsWith("ActantSender", StringComparison.Ordinal)).Resource.Props();
        var trust = role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray().Single();

        Assert.Equal("sts:AssumeRole", trust.Str("Action"));
        Assert.Equal(config.Actant.SenderPrincipal, trust.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(config.Actant.ExternalId, trust.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId").GetString());
        Assert.Equal($"frgm-{env}-actant-sender", role.Str("RoleName"));
    }

    [Fact]
    public void Actant_role_may_only_put_objects_under_its_three_prefixes_and_use_the_data_key_through_s3()
    {
        using var doc = synth.TemplateJson("prod", "Ingest");
        var statements = doc.Resources("AWS::IAM::Policy").Single(p => p.Id.StartsWith("ActantSender", StringComparison.Ordinal))
            .Resource.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(2, statements.Count);

        var put = statements.Single(s => s.Str("Sid") == "PutActantFeedFiles");
        Assert.Equal("s3:PutObject", put.Str("Action"));
        var resources = put.GetProperty("Resource").Items().Select(r => r.GetRawText()).ToList();
        Assert.Equal(3, resources.Count);
        foreach (var prefix in new[] { "market-data/", "eod/", "sod/" })
        {
            Assert.Single(resources, r => r.Contains($":s3:::frgm-prod-actant-333333333333-us-east-1/{prefix}*", StringComparison.Ordinal));
        }

        var kms = statements.Single(s => s.Str("Sid") == "UseDataKeyForUploads");
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey"], kms.GetProperty("Action").Items().Select(a => a.GetString()!).Order());
        Assert.Equal("s3.us-east-1.amazonaws.com", kms.GetProperty("Condition").GetProperty("StringEquals").GetProperty("kms:ViaService").GetString());
    }

    [Fact]
    public void Sftp_endpoint_is_a_vpc_endpoint_with_elastic_ips_and_a_sender_only_security_group()
    {
        var t = synth.Template("prod", "Ingest");
        t.HasResourceProperties("AWS::Transfer::Server", Match.ObjectLike(new Dictionary<string, object>
        {
            ["EndpointType"] = "VPC",
            ["EndpointDetails"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["AddressAllocationIds"] = Match.AnyValue(),
                ["SecurityGroupIds"] = Match.AnyValue(),
                ["SubnetIds"] = Match.AnyValue(),
            }),
        }));
        t.ResourceCountIs("AWS::EC2::EIP", 2);

        using var doc = synth.TemplateJson("prod", "Ingest");
        var group = doc.Resources("AWS::EC2::SecurityGroup").Single(g => g.Id.StartsWith("SftpEndpointSg", StringComparison.Ordinal)).Resource.Props();
        var ingress = group.GetProperty("SecurityGroupIngress").EnumerateArray().ToList();
        Assert.Equal(["198.51.100.0/24", "203.0.113.0/24"], ingress.Select(i => i.Str("CidrIp")!).Order());
        Assert.All(ingress, i => Assert.Equal(22, i.GetProperty("FromPort").GetInt32()));
        Assert.All(ingress, i => Assert.Equal(22, i.GetProperty("ToPort").GetInt32()));
    }

    [Fact]
    public void Actant_sftp_user_writes_only_under_the_actant_folders()
    {
        using var doc = synth.TemplateJson("staging", "Ingest");
        var user = doc.Resources("AWS::Transfer::User").Single(u => u.Id.StartsWith("SftpActantUser", StringComparison.Ordinal) && !u.Id.Contains("Role", StringComparison.Ordinal)).Resource.Props();
        Assert.Equal("actant-upload", user.Str("UserName"));
        Assert.Equal(["/eod", "/market-data", "/sod"], user.GetProperty("HomeDirectoryMappings").EnumerateArray().Select(m => m.Str("Entry")!).Order());

        var statements = doc.Resources("AWS::IAM::Policy").Single(p => p.Id.StartsWith("SftpActantUserRole", StringComparison.Ordinal))
            .Resource.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(["s3:PutObject"], statements.SelectMany(s => s.GetProperty("Action").Items().Select(a => a.GetString()!)).Where(a => a.StartsWith("s3:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void A_placeholder_ssh_key_fails_synth_outside_dev(string env)
    {
        var config = EnvironmentWithKey(env, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRHTWxhY2Vob2xkZXJwcm9kdWN0aW9ua2V5MDEyMzQ1 prod-trades-sender");
        var ex = Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Parse(env, config));
        Assert.Contains($"environments.{env}.sftp.sshPublicKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("placeholder", ex.Message, StringComparison.Ordinal);

        Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Parse(env, EnvironmentWithKey(env, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBdPYZbh2T2l7e6b+MjuMHKZq5mbr/gSX3ldtInDntF3 PLACEHOLDER")));
        Assert.Equal(env, EnvironmentConfigReader.Parse(env, EnvironmentWithKey(env, synth.Stacks(env).Config.Sftp.SshPublicKey!)).Name);
    }

    [Fact]
    public void Dev_accepts_a_placeholder_key_and_sftp_needs_sender_cidrs()
    {
        var dev = JsonNode.Parse(EnvironmentWithKey("dev", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRHTWxhY2Vob2xkZXJwcm9kdWN0aW9ua2V5MDEyMzQ1 x"))!.AsObject();
        dev["sftp"]!["allowedCidrs"] = new JsonArray("192.0.2.0/24");
        Assert.Equal("dev", EnvironmentConfigReader.Parse("dev", dev.ToJsonString()).Name);

        dev["sftp"]!["allowedCidrs"] = new JsonArray();
        var ex = Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Parse("dev", dev.ToJsonString()));
        Assert.Contains("environments.dev.sftp.allowedCidrs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Actant_principal_and_external_id_are_validated()
    {
        var dev = Environment("dev");
        dev["actant"]!["senderPrincipal"] = "*";
        Assert.Contains("actant.senderPrincipal", Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Parse("dev", dev.ToJsonString())).Message, StringComparison.Ordinal);
        dev = Environment("dev");
        dev["actant"]!["externalId"] = "short";
        Assert.Contains("actant.externalId", Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Parse("dev", dev.ToJsonString())).Message, StringComparison.Ordinal);
    }

    private static JsonObject Environment(string env)
    {
        var context = JsonNode.Parse(File.ReadAllText(Path.Combine(Frgm.TestSupport.RepoPaths.Root, "cdk.json")))!["context"]!;
        return context["environments"]![env]!.DeepClone().AsObject();
    }

    private static string EnvironmentWithKey(string env, string key)
    {
        var e = Environment(env);
        e["sftp"]!["enabled"] = true;
        e["sftp"]!["sshPublicKey"] = key;
        return e.ToJsonString();
    }
}
