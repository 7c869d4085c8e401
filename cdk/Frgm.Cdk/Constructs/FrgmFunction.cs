using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>What differs between the four functions.</summary>
public sealed record FunctionSpec(string Name, string Description, int MemoryMiB, int TimeoutSeconds, int? ReservedConcurrency = null, int? EphemeralStorageMiB = null)
{
    /// <summary>The custom runtime's bootstrap dispatches on <c>_HANDLER</c>: the short name (Frgm.Functions.Handlers.HandlerCatalog).</summary>
    public string Handler => Name;
}

/// <summary>What the four functions share.</summary>
public sealed record FunctionShared(EnvironmentConfig Config, Code Code, IVpc Vpc, ISecurityGroup SecurityGroup, IReadOnlyDictionary<string, string> Environment);

/// <summary>
/// One FRGM Lambda: the custom runtime provided.al2023 on arm64 (one Native AOT <c>bootstrap</c> for all four,
/// see <see cref="FunctionsCode"/>) in the private subnets, its own log group with retention, and
/// its own role that starts with only log-writing and VPC networking; callers add exactly what it needs.
/// The role is written here instead of CDK's default managed policies (AWSLambdaBasicExecutionRole,
/// AWSLambdaVPCAccessExecutionRole), which grant logs on every log group.
/// </summary>
public sealed class FrgmFunction : Construct
{
    /// <summary>
    /// An OS-only runtime: the managed dotnet10 runtime's bootstrap needs Amazon.Lambda.Core in the function's
    /// deps.json, a package this project cannot get, so the function ships its own Runtime API loop.
    /// </summary>
    public static readonly Runtime Runtime = Amazon.CDK.AWS.Lambda.Runtime.PROVIDED_AL2023;

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
            Runtime = Runtime,
            Architecture = Architecture.ARM_64,
            Handler = spec.Handler,
            Code = shared.Code,
            MemorySize = spec.MemoryMiB,
            Timeout = Duration.Seconds(spec.TimeoutSeconds),
            ReservedConcurrentExecutions = spec.ReservedConcurrency,
            EphemeralStorageSize = spec.EphemeralStorageMiB is { } tmp ? Size.Mebibytes(tmp) : null,
            Role = Role,
            LogGroup = LogGroup,
            // TEXT: the function writes its own JSON log lines and EMF metric lines. With a custom runtime
            // stdout reaches CloudWatch unprefixed (the managed .NET runtime would prepend time, request id and
            // level), so each line stays one JSON object for Logs Insights and the EMF metric extraction.
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

        // No AwsSolutions-L1 suppression: the rule does not apply to OS-only (provided.*) runtimes, and
        // provided.al2023 is the newest of them.
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
