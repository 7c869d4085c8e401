using System.Text.Json;
using System.Text.Json.Nodes;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Tests;

/// <summary>Bad cdk.json context fails synth with the context path of the field at fault.</summary>
public sealed class ConfigReaderTests
{
    private static JsonObject Dev()
    {
        var context = JsonNode.Parse(File.ReadAllText(Path.Combine(Frgm.TestSupport.RepoPaths.Root, "cdk.json")))!["context"]!;
        return context["environments"]!["dev"]!.DeepClone().AsObject();
    }

    private static ConfigException Fails(JsonObject env) =>
        Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Parse("dev", env.ToJsonString()));

    [Fact]
    public void The_committed_environments_parse()
    {
        var context = SynthFixture.CdkJsonContext();
        foreach (var env in SynthFixture.Environments)
        {
            var config = EnvironmentConfigReader.Read(env, context["environments"]);
            Assert.Equal(env, config.Name);
        }
    }

    [Fact]
    public void Alarm_overrides_become_the_one_binder_shape_every_process_reads()
    {
        var env = Dev();
        env["alarmOverrides"] = JsonNode.Parse("""{"MM1": {"PositionLimit": 200, "PositionLimits:ZN": 50.5}, "MM2": {"LossLimit": 1000}}""");

        var variables = Frgm.Cdk.Constructs.RuntimeSettings.AlarmOverrides(EnvironmentConfigReader.Parse("dev", env.ToJsonString()));

        Assert.Equal(
            [
                KeyValuePair.Create("Frgm__Alarms__Accounts__MM1__PositionLimit", "200"),
                KeyValuePair.Create("Frgm__Alarms__Accounts__MM1__PositionLimits__ZN", "50.5"),
                KeyValuePair.Create("Frgm__Alarms__Accounts__MM2__LossLimit", "1000"),
            ],
            variables);
    }

    [Theory]
    [InlineData("MM1", "PositionLimt", "alarmOverrides.MM1.PositionLimt")]
    [InlineData("MM1", "PositionLimits:Z.N", "alarmOverrides.MM1.PositionLimits:Z.N")]
    [InlineData("M__1", "LossLimit", "alarmOverrides.M__1")]
    public void A_bad_alarm_override_is_named(string account, string field, string path)
    {
        var env = Dev();
        env["alarmOverrides"] = new JsonObject { [account] = new JsonObject { [field] = 1 } };

        Assert.Contains(path, Fails(env).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_env_selection_says_how_to_choose()
    {
        var ex = Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Read(null, SynthFixture.CdkJsonContext()["environments"]));
        Assert.Contains("-c env=dev", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dev, staging, prod", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_env_is_named()
    {
        var ex = Assert.Throws<ConfigException>(() => EnvironmentConfigReader.Read("qa", SynthFixture.CdkJsonContext()["environments"]));
        Assert.Contains("environments.qa", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_names_the_json_path()
    {
        var env = Dev();
        env["memoryDb"]!["replicasPerShard"] = "one";
        var ex = Fails(env);
        Assert.Contains("environments.dev.memoryDb.replicasPerShard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_is_named()
    {
        var env = Dev();
        env.Remove("natGateways");
        var ex = Fails(env);
        Assert.Contains("natGateways", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelled_field_is_rejected_rather_than_ignored()
    {
        var env = Dev();
        env["natGateway"] = 1;
        var ex = Fails(env);
        Assert.Contains("natGateway", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("natGateways", "3", "environments.dev.natGateways")]
    [InlineData("account", "\"12345\"", "environments.dev.account")]
    [InlineData("logRetentionDays", "10", "environments.dev.logRetentionDays")]
    [InlineData("certificateArn", "\"arn:aws:acm:eu-west-1:111111111111:certificate/x\"", "environments.dev.certificateArn")]
    [InlineData("allowedCidrs", "[\"10.0.0.0/33\"]", "environments.dev.allowedCidrs[0]")]
    [InlineData("parametersSecretsExtensionLayerArn", "\"arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension:4\"", "environments.dev.parametersSecretsExtensionLayerArn")]
    public void Invalid_values_name_the_field(string field, string json, string path)
    {
        var env = Dev();
        env[field] = JsonNode.Parse(json);
        var ex = Fails(env);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void A_memorydb_shard_count_outside_1_to_500_is_refused(int shards)
    {
        var env = Dev();
        env["memoryDb"]!["shards"] = shards;
        var ex = Fails(env);
        Assert.Contains("environments.dev.memoryDb.shards", ex.Message, StringComparison.Ordinal);
        Assert.Contains("must be 1..500", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sftp_needs_a_public_key_and_slack_needs_its_ids()
    {
        var env = Dev();
        env["sftp"]!["enabled"] = true;
        Assert.Contains("sftp.sshPublicKey", Fails(env).Message, StringComparison.Ordinal);

        env = Dev();
        env["alerting"]!["slackEnabled"] = true;
        Assert.Contains("alerting.slackWorkspaceId", Fails(env).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oidc_without_certificate_is_refused()
    {
        var env = Dev();
        env["oidc"] = JsonNode.Parse("""{"issuer":"https://i","authorizationEndpoint":"https://i/a","tokenEndpoint":"https://i/t","userInfoEndpoint":"https://i/u","clientId":"c","clientSecretName":"s"}""");
        Assert.Contains("environments.dev.oidc", Fails(env).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_values_as_jsii_delivers_them_parse_like_json()
    {
        // jsii hands numbers over as doubles and arrays as object[].
        var env = (Dictionary<string, object>)SynthFixture.ToObject(JsonDocument.Parse(Dev().ToJsonString()).RootElement)!;
        var config = EnvironmentConfigReader.Read("dev", new Dictionary<string, object> { ["dev"] = env });
        Assert.Equal(1, config.NatGateways);
        Assert.Equal(["us-east-1a", "us-east-1b"], config.AvailabilityZones);
    }
}
