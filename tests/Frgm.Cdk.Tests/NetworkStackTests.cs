using Amazon.CDK.Assertions;

namespace Frgm.Cdk.Tests;

[Collection(SynthCollection.Name)]
[Trait("Needs", "servers")]
public sealed class NetworkStackTests(SynthFixture synth)
{
    [Theory]
    [InlineData("dev", 1)]
    [InlineData("staging", 1)]
    [InlineData("prod", 2)]
    public void Nat_gateways_follow_the_environment(string env, int nats)
    {
        var t = synth.Template(env, "Network");
        t.ResourceCountIs("AWS::EC2::NatGateway", nats);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Vpc_spans_two_zones_with_public_private_and_isolated_subnets(string env)
    {
        var t = synth.Template(env, "Network");
        t.ResourceCountIs("AWS::EC2::VPC", 1);
        t.ResourceCountIs("AWS::EC2::Subnet", 6);
        foreach (var type in new[] { "Public", "Private", "Isolated" })
        {
            t.ResourcePropertiesCountIs("AWS::EC2::Subnet", Match.ObjectLike(new Dictionary<string, object>
            {
                ["Tags"] = Match.ArrayWith([new Dictionary<string, object> { ["Key"] = "aws-cdk:subnet-type", ["Value"] = type }]),
            }), 2);
        }

        var zones = new Capture();
        t.HasResourceProperties("AWS::EC2::Subnet", new Dictionary<string, object> { ["AvailabilityZone"] = zones });
        var seen = new HashSet<string> { zones.AsString() };
        while (zones.Next())
        {
            seen.Add(zones.AsString());
        }

        Assert.Equal(["us-east-1a", "us-east-1b"], seen.Order());
    }

    [Fact]
    public void Gateway_endpoints_for_s3_and_dynamodb()
    {
        var t = synth.Template("dev", "Network");
        t.ResourcePropertiesCountIs("AWS::EC2::VPCEndpoint", new Dictionary<string, object> { ["VpcEndpointType"] = "Gateway" }, 2);
        foreach (var service in new[] { "s3", "dynamodb" })
        {
            t.HasResourceProperties("AWS::EC2::VPCEndpoint", Match.ObjectLike(new Dictionary<string, object>
            {
                ["ServiceName"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Fn::Join"] = Match.ArrayWith([Match.ArrayWith([Match.StringLikeRegexp("\\." + service + "$")])]),
                }),
            }));
        }
    }

    [Theory]
    [InlineData("dev", 14)]
    [InlineData("prod", 90)]
    public void Flow_logs_go_to_a_kms_encrypted_log_group_with_retention(string env, int days)
    {
        var t = synth.Template(env, "Network");
        t.HasResourceProperties("AWS::EC2::FlowLog", new Dictionary<string, object> { ["TrafficType"] = "ALL", ["LogDestinationType"] = "cloud-watch-logs" });
        t.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object>
        {
            ["LogGroupName"] = $"/frgm/{env}/vpc-flow-logs",
            ["RetentionInDays"] = days,
            ["KmsKeyId"] = Match.ObjectLike(new Dictionary<string, object> { ["Fn::GetAtt"] = Match.AnyValue() }),
        });
        t.HasResourceProperties("AWS::KMS::Key", new Dictionary<string, object> { ["EnableKeyRotation"] = true });
    }
}
