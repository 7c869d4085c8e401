using System.Text.Json;
using Amazon.CDK.Assertions;

namespace Frgm.Cdk.Tests;

[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class DashboardStackTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev", "512", "1024")]
    [InlineData("staging", "1024", "2048")]
    [InlineData("prod", "1024", "2048")]
    public void One_non_root_read_only_task_sized_per_environment(string env, string cpu, string memory)
    {
        var t = synth.Template(env, "Dashboard");
        t.HasResourceProperties("AWS::ECS::TaskDefinition", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Cpu"] = cpu,
            ["Memory"] = memory,
            ["ContainerDefinitions"] = new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["User"] = "1000:1000",
                    ["ReadonlyRootFilesystem"] = true,
                    ["PortMappings"] = new object[] { Match.ObjectLike(new Dictionary<string, object> { ["ContainerPort"] = 8080 }) },
                    ["MountPoints"] = Match.ArrayWith([
                        Match.ObjectLike(new Dictionary<string, object> { ["ContainerPath"] = "/data", ["ReadOnly"] = false }),
                        Match.ObjectLike(new Dictionary<string, object> { ["ContainerPath"] = "/tmp", ["ReadOnly"] = false }),
                    ]),
                    ["Secrets"] = Match.ArrayWith([
                        new Dictionary<string, object> { ["Name"] = "Frgm__ApiKey", ["ValueFrom"] = new Dictionary<string, object> { ["Ref"] = Match.StringLikeRegexp("^ApiKey") } },
                        new Dictionary<string, object> { ["Name"] = "Frgm__Aws__RedisPassword", ["ValueFrom"] = new Dictionary<string, object> { ["Fn::ImportValue"] = Match.AnyValue() } },
                    ]),
                }),
            },
            ["Volumes"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
            {
                ["Name"] = "data",
                ["EFSVolumeConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["TransitEncryption"] = "ENABLED",
                    ["AuthorizationConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["IAM"] = "ENABLED", ["AccessPointId"] = Match.AnyValue() }),
                }),
            })]),
        }));
        t.HasResourceProperties("AWS::ECS::Service", Match.ObjectLike(new Dictionary<string, object>
        {
            ["DesiredCount"] = env == "prod" ? 2 : 1,
            ["DeploymentConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["MaximumPercent"] = 200,
                ["MinimumHealthyPercent"] = env == "prod" ? 50 : 100,
                ["DeploymentCircuitBreaker"] = new Dictionary<string, object> { ["Enable"] = true, ["Rollback"] = true },
            }),
        }));
    }

    [Fact]
    public void The_oversize_worker_gets_ephemeral_storage_for_its_largest_spill_and_exactly_the_ingest_permissions()
    {
        using var doc = synth.TemplateJson("prod", "Dashboard");
        var (_, task) = Assert.Single(doc.Resources("AWS::ECS::TaskDefinition"));
        Assert.Equal(24, task.Props().GetProperty("EphemeralStorage").GetProperty("SizeInGiB").GetInt32());
        var container = Assert.Single(task.Props().GetProperty("ContainerDefinitions").EnumerateArray());
        var vars = container.GetProperty("Environment").EnumerateArray().ToDictionary(v => v.Str("Name")!, v => v.GetProperty("Value").GetRawText());
        Assert.Equal("\"16384\"", vars["Frgm__Ingest__WorkerMaxFileMb"]);

        var statements = doc.Resources("AWS::IAM::Policy")
            .Where(p => p.Id.StartsWith("TaskTaskRoleDefaultPolicy", StringComparison.Ordinal))
            .SelectMany(p => p.Resource.Props().GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            .Select(st => (Actions: st.GetProperty("Action").Items().Select(a => a.GetString()!).ToHashSet(), Resources: st.GetProperty("Resource").Items().Select(r => r.GetRawText()).ToList()))
            .ToList();
        var objects = Assert.Single(statements, st => st.Actions.Any(a => a.StartsWith("s3:", StringComparison.Ordinal)));
        Assert.Equal(["s3:GetObject", "s3:GetObjectVersion"], objects.Actions.Order());
        Assert.Equal(3, objects.Resources.Count);
        Assert.All(["actant", "tt", "trades"], role => Assert.Contains(objects.Resources, r => r.Contains($"frgm-prod-{role}-", StringComparison.Ordinal) && r.Contains("/*", StringComparison.Ordinal)));
        var tables = Assert.Single(statements, st => st.Actions.Contains("dynamodb:PutItem"));
        Assert.Contains("dynamodb:DeleteItem", tables.Actions);
        Assert.Equal(6, tables.Resources.Count);
        Assert.DoesNotContain(statements, st => st.Actions.Any(a => a is "s3:PutObject" or "s3:DeleteObject" or "dynamodb:DeleteTable" or "dynamodb:Scan"));
    }

    [Fact]
    public void Task_environment_names_every_setting_and_holds_no_secret()
    {
        using var doc = synth.TemplateJson("prod", "Dashboard");
        var (_, task) = Assert.Single(doc.Resources("AWS::ECS::TaskDefinition"));
        var container = Assert.Single(task.Props().GetProperty("ContainerDefinitions").EnumerateArray());
        var vars = container.GetProperty("Environment").EnumerateArray().ToDictionary(v => v.Str("Name")!, v => v.GetProperty("Value"));
        foreach (var name in IngestStackTests.CommonVariables)
        {
            Assert.True(vars.ContainsKey(name), name);
        }

        Assert.Equal("Aws", vars["Frgm__Mode"].GetString());
        Assert.Equal("/data/monitoring.db", vars["Frgm__MonitoringDb"].GetString());
        Assert.DoesNotContain(vars.Keys, k => k.Contains("Password", StringComparison.Ordinal) || k.Contains("ApiKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Efs_is_encrypted_with_an_access_point_for_uid_1000_at_frgm()
    {
        var t = synth.Template("dev", "Dashboard");
        t.HasResourceProperties("AWS::EFS::FileSystem", Match.ObjectLike(new Dictionary<string, object> { ["Encrypted"] = true }));
        t.HasResourceProperties("AWS::EFS::AccessPoint", Match.ObjectLike(new Dictionary<string, object>
        {
            ["PosixUser"] = new Dictionary<string, object> { ["Uid"] = "1000", ["Gid"] = "1000" },
            ["RootDirectory"] = Match.ObjectLike(new Dictionary<string, object> { ["Path"] = "/frgm" }),
        }));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Alb_drops_invalid_headers_logs_access_and_admits_only_allowed_cidrs(string env)
    {
        var t = synth.Template(env, "Dashboard");
        t.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Scheme"] = "internet-facing",
            ["LoadBalancerAttributes"] = Match.ArrayWith([
                new Dictionary<string, object> { ["Key"] = "routing.http.drop_invalid_header_fields.enabled", ["Value"] = "true" },
                new Dictionary<string, object> { ["Key"] = "access_logs.s3.enabled", ["Value"] = "true" },
                new Dictionary<string, object> { ["Key"] = "access_logs.s3.prefix", ["Value"] = "alb" },
            ]),
        }));
        t.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["HealthCheckPath"] = "/health",
            ["Port"] = 8080,
            ["TargetType"] = "ip",
        }));

        using var doc = synth.TemplateJson(env, "Dashboard");
        var albSg = doc.Resources("AWS::EC2::SecurityGroup").Single(s => s.Id.StartsWith("AlbSg", StringComparison.Ordinal)).Resource.Props();
        var cidrs = albSg.GetProperty("SecurityGroupIngress").EnumerateArray().Select(i => i.Str("CidrIp")).Distinct().Order().ToList();
        Assert.Equal(synth.Stacks(env).Config.AllowedCidrs.Order(), cidrs);
        Assert.DoesNotContain("0.0.0.0/0", cidrs);
    }

    [Fact]
    public void Dev_without_certificate_serves_http_only()
    {
        var t = synth.Template("dev", "Dashboard");
        t.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        t.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Port"] = 80,
            ["Protocol"] = "HTTP",
            ["DefaultActions"] = new object[] { Match.ObjectLike(new Dictionary<string, object> { ["Type"] = "forward" }) },
        }));
    }

    [Theory]
    [InlineData("staging", "authenticate-oidc")]
    [InlineData("prod", "authenticate-oidc")]
    public void With_certificate_https_plus_redirect_and_oidc(string env, string firstAction)
    {
        var t = synth.Template(env, "Dashboard");
        t.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
        t.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Port"] = 80,
            ["DefaultActions"] = new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Type"] = "redirect",
                    ["RedirectConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["Protocol"] = "HTTPS", ["Port"] = "443", ["StatusCode"] = "HTTP_301" }),
                }),
            },
        }));
        t.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Port"] = 443,
            ["Protocol"] = "HTTPS",
            ["Certificates"] = new object[] { new Dictionary<string, object> { ["CertificateArn"] = synth.Stacks(env).Config.CertificateArn! } },
            ["DefaultActions"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object> { ["Type"] = firstAction })]),
        }));
    }

    [Fact]
    public void Oidc_client_secret_is_a_dynamic_reference_and_the_api_bypasses_the_browser_login()
    {
        using var doc = synth.TemplateJson("prod", "Dashboard");
        var https = doc.Resources("AWS::ElasticLoadBalancingV2::Listener").Single(l => l.Resource.Props().GetProperty("Port").GetInt32() == 443).Resource.Props();
        var oidc = https.GetProperty("DefaultActions").EnumerateArray().Single(a => a.Str("Type") == "authenticate-oidc").GetProperty("AuthenticateOidcConfig");
        Assert.Equal("{{resolve:secretsmanager:frgm/prod/oidc-client-secret:SecretString:::}}", oidc.Str("ClientSecret"));

        var (_, rule) = Assert.Single(doc.Resources("AWS::ElasticLoadBalancingV2::ListenerRule"));
        Assert.Contains("/api/*", rule.Props().GetProperty("Conditions").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("forward", rule.Props().GetProperty("Actions")[0].Str("Type"));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Authenticated_environments_tell_the_dashboard_which_alb_signs_identities(string env)
    {
        using var doc = synth.TemplateJson(env, "Dashboard");
        var task = doc.Resources("AWS::ECS::TaskDefinition").Single().Resource.Props();
        var container = task.GetProperty("ContainerDefinitions").EnumerateArray().Single();
        var signer = container.GetProperty("Environment").EnumerateArray().Single(e => e.Str("Name") == "Frgm__AlbAuth__Signer");
        Assert.Contains("\"Ref\"", signer.GetProperty("Value").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(synth.Stacks(env).Config.Dashboard.MemoryMiB, container.GetProperty("Memory").GetInt32());
    }

    [Fact]
    public void Dev_without_a_certificate_has_no_signer()
    {
        using var doc = synth.TemplateJson("dev", "Dashboard");
        var container = doc.Resources("AWS::ECS::TaskDefinition").Single().Resource.Props().GetProperty("ContainerDefinitions").EnumerateArray().Single();
        Assert.DoesNotContain(container.GetProperty("Environment").EnumerateArray(), e => e.Str("Name") == "Frgm__AlbAuth__Signer");
    }
}
