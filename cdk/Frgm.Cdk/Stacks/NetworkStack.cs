using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Frgm.Cdk.Config;
using Frgm.Cdk.Constructs;

namespace Frgm.Cdk.Stacks;

/// <summary>
/// VPC over two zones (public, private-with-egress, isolated), NAT per environment, S3/DynamoDB gateway
/// endpoints, encrypted flow logs, and the security groups of the compute that talks to MemoryDB
/// (created here so the data stack can open MemoryDB to them without a dependency cycle).
/// </summary>
public sealed class NetworkStack : Stack
{
    public NetworkStack(Construct scope, string id, EnvironmentConfig config, IStackProps props)
        : base(scope, id, props)
    {
        var removal = Removal.For(config);

        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr("10.40.0.0/16"),
            AvailabilityZones = [.. config.AvailabilityZones.Take(2)],
            NatGateways = config.NatGateways,
            SubnetConfiguration =
            [
                // Nothing in the public subnets needs an automatic public IP: NAT gateways, the ALB and the SFTP endpoint use Elastic IPs.
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24, MapPublicIpOnLaunch = false },
                new SubnetConfiguration { Name = "private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
                new SubnetConfiguration { Name = "isolated", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
            RestrictDefaultSecurityGroup = false,
            GatewayEndpoints = new Dictionary<string, IGatewayVpcEndpointOptions>
            {
                ["S3"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 },
                ["DynamoDb"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB },
            },
        });

        var flowLogKey = Keys.Create(this, "FlowLogKey", $"alias/frgm-{config.Name}-flow-logs", $"FRGM {config.Name}: VPC flow logs", removal);
        Keys.AllowCloudWatchLogs(flowLogKey, this);
        var flowLogGroup = new LogGroup(this, "FlowLogGroup", new LogGroupProps
        {
            LogGroupName = $"/frgm/{config.Name}/vpc-flow-logs",
            EncryptionKey = flowLogKey,
            Retention = Removal.LogRetention(config),
            RemovalPolicy = removal,
        });
        Vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = FlowLogDestination.ToCloudWatchLogs(flowLogGroup),
            TrafficType = FlowLogTrafficType.ALL,
        });

        LambdaSecurityGroup = new SecurityGroup(this, "LambdaSg", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = $"FRGM {config.Name} Lambda functions (no inbound; outbound to MemoryDB, AWS APIs, TT)",
            AllowAllOutbound = true,
        });
        DashboardSecurityGroup = new SecurityGroup(this, "DashboardSg", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = $"FRGM {config.Name} dashboard tasks (inbound from the ALB only)",
            AllowAllOutbound = true,
        });
    }

    public Vpc Vpc { get; }

    public SecurityGroup LambdaSecurityGroup { get; }

    public SecurityGroup DashboardSecurityGroup { get; }
}
