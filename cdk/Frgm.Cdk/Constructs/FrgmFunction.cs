using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>What differs between the four functions.</summary>
public sealed record FunctionSpec(string Name, string HandlerType, string Description, int MemoryMiB, int TimeoutSeconds, int? ReservedConcurrency = null, int? EphemeralStorageMiB = null)
{
    public string Handler => $"Frgm.Functions::Frgm.Functions.Handlers.{HandlerType}::HandleAsync";
}

/// <summary>What the four functions share.</summary>
public sealed record FunctionShared(EnvironmentConfig Config, Code Code, IVpc Vpc, ISecurityGroup SecurityGroup, IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// One FRGM Lambda: managed dotnet10 on arm64 in the private subnets, its own log group with retention, and
/// its own role that starts with only log-writing and VPC networking; callers add exactly what it needs.
/// The role is written here instead of CDK's default managed policies (AWSLambdaBasicExecutionRole,
/// AWSLambdaVPCAccessExecutionRole), which grant logs on every log group.
/// </summary>
public sealed class FrgmFunction : Construct
{
    /// <summary>CDK 2.160 has no constant for the managed .NET 10 runtime.</summary>
    public static readonly Runtime Dotnet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    /// <summary>ENI actions Lambda needs to join a VPC; AWS offers no resource-level scope for the Describe calls.</summary>
    public static readonly string[] VpcNetworkInterfaceActions =
    [
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    ];

    public FrgmFunction(Construct scope, string id, FunctionSpec spec, FunctionShared shared)
        : base(scope, id)
    {
        var config = shared.Config;
        var functionName = $"frgm-{config.Name}-{spec.Name}";
        ShortName = spec.Name;
        PhysicalName = functionName;

        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = "/aws/lambda/" + functionName,
            Retention = Removal.LogRetention(config),
            RemovalPolicy = Removal.For(config),
        });

        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"FRGM {config.Name} {spec.Name} function: least privilege",
        });
        Allow(["logs:CreateLogStream", "logs:PutLogEvents"], LogGroup.LogGroupArn);
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "LambdaVpcNetworkInterfaces",
            Actions = VpcNetworkInterfaceActions,
            Resources = ["*"],
        }));
        NagSuppressions.Add(Role.Node.FindChild("DefaultPolicy"), new NagSuppression(
            "AwsSolutions-IAM5",
            "Lambda VPC networking: ec2:Describe* and the ENI calls Lambda makes for a VPC function support no resource-level permissions.",
            "Resource::*"));

        Function = new Function(this, "Function", new FunctionProps
        {
            FunctionName = functionName,
            Description = spec.Description,
            Runtime = Dotnet10,
            Architecture = Architecture.ARM_64,
            Handler = spec.Handler,
            Code = shared.Code,
            MemorySize = spec.MemoryMiB,
            Timeout = Duration.Seconds(spec.TimeoutSeconds),
            ReservedConcurrentExecutions = spec.ReservedConcurrency,
            EphemeralStorageSize = spec.EphemeralStorageMiB is { } tmp ? Size.Mebibytes(tmp) : null,
            Role = Role,
            LogGroup = LogGroup,
            LoggingFormat = LoggingFormat.TEXT,
            Vpc = shared.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroups = [shared.SecurityGroup],
            ParamsAndSecrets = ParamsAndSecretsLayerVersion.FromVersionArn(config.ParametersSecretsExtensionLayerArn, new ParamsAndSecretsOptions
            {
                HttpPort = RuntimeSettings.SecretsExtensionPort,
                CacheEnabled = true,
                SecretsManagerTtl = Duration.Minutes(5),
            }),
            Environment = shared.Environment.ToDictionary(kv => kv.Key, kv => kv.Value),
        });
        NagSuppressions.Add(Function, new NagSuppression(
            "AwsSolutions-L1",
            "dotnet10 is the newest managed .NET runtime; CDK 2.160 and cdk-nag 2.28 predate it, so the rule's runtime table cannot recognise it as latest."));
    }

    /// <summary>ingest, tt-poller, alarm-sweep, slack-notifier.</summary>
    public string ShortName { get; }

    /// <summary>frgm-&lt;env&gt;-&lt;short name&gt;: the function and its /aws/lambda log group.</summary>
    public string PhysicalName { get; }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    /// <summary>Adds one statement to this function's own policy.</summary>
    public void Allow(IEnumerable<string> actions, params string[] resources) =>
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = [.. actions], Resources = resources }));
}
