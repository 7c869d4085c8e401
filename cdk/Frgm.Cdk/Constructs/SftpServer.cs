using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Transfer;
using CfnUser = Amazon.CDK.AWS.Transfer.CfnUser;
using CfnUserProps = Amazon.CDK.AWS.Transfer.CfnUserProps;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// AWS Transfer Family SFTP server for the feed senders. A VPC endpoint in the public subnets with one Elastic IP
/// per zone and a security group admitting only <c>sftp.allowedCidrs</c> on port 22: a PUBLIC endpoint cannot be
/// restricted by address, leaving the SSH key as the only guard. Users are service-managed and write-only: the
/// trades user under <c>trades/</c> of the trades bucket (an upload of <c>2026/11/20/x.csv</c> lands as
/// <c>trades/2026/11/20/x.csv</c>), the optional Actant user under its three actant folders.
/// </summary>
public sealed class SftpServer : Construct
{
    public const string Prefix = "trades/";

    public SftpServer(Construct scope, string id, EnvironmentConfig config, IVpc vpc, string tradesBucketName, string actantBucketName, string dataKeyArn)
        : base(scope, id)
    {
        var loggingRole = new Role(this, "LoggingRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("transfer.amazonaws.com"),
            Description = $"FRGM {config.Name} Transfer Family: write this server's log group",
        });

        SecurityGroup = new SecurityGroup(this, "EndpointSg", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = $"FRGM {config.Name} SFTP endpoint: port 22 from the configured sender CIDRs only",
            AllowAllOutbound = false,
        });
        foreach (var cidr in config.Sftp.AllowedCidrs)
        {
            SecurityGroup.AddIngressRule(Peer.Ipv4(cidr), Port.Tcp(22), "SFTP from sender " + cidr);
        }

        var subnets = vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PUBLIC }).Subnets;
        var addresses = subnets.Select((_, i) => new CfnEIP(this, $"Address{i + 1}", new CfnEIPProps
        {
            Domain = "vpc",
            Tags = [new CfnTag { Key = "Name", Value = $"frgm-{config.Name}-sftp-{i + 1}" }],
        })).ToArray();

        Server = new CfnServer(this, "Server", new CfnServerProps
        {
            Domain = "S3",
            EndpointType = "VPC",
            EndpointDetails = new CfnServer.EndpointDetailsProperty
            {
                VpcId = vpc.VpcId,
                SubnetIds = subnets.Select(s => s.SubnetId).ToArray(),
                AddressAllocationIds = addresses.Select(a => a.AttrAllocationId).ToArray(),
                SecurityGroupIds = [SecurityGroup.SecurityGroupId],
            },
            IdentityProviderType = "SERVICE_MANAGED",
            Protocols = ["SFTP"],
            SecurityPolicyName = "TransferSecurityPolicy-2024-01",
            LoggingRole = loggingRole.RoleArn,
            Tags = [new CfnTag { Key = "Name", Value = $"frgm-{config.Name}-sftp" }],
        });
        PublicAddresses = addresses.Select(a => a.Ref).ToArray();
        for (var i = 0; i < addresses.Length; i++)
        {
            new CfnOutput(this, $"Address{i + 1}Ip", new CfnOutputProps { Value = addresses[i].Ref, Description = "SFTP endpoint address for senders (cdk/README.md, Sender identities)" });
        }

        // Transfer writes to /aws/transfer/<server-id>; created here to set its retention. The role's policy is a
        // separate resource, so it can name this group although the server depends on the role.
        var logGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = "/aws/transfer/" + Server.AttrServerId,
            Retention = Removal.LogRetention(config),
            RemovalPolicy = Removal.For(config),
        });
        loggingRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resources = [logGroup.LogGroupArn],
        }));

        User = AddWriteOnlyUser("User", config, config.Sftp.UserName, config.Sftp.SshPublicKey!, tradesBucketName, [Prefix], dataKeyArn);
        if (config.Actant.Sftp is { Enabled: true } actant)
        {
            ActantUser = AddWriteOnlyUser("ActantUser", config, actant.UserName, actant.SshPublicKey!, actantBucketName, ActantSenderRole.Prefixes, dataKeyArn);
        }
    }

    public CfnServer Server { get; }

    public SecurityGroup SecurityGroup { get; }

    /// <summary>The Elastic IPs senders connect to (and may allow-list on their side).</summary>
    public IReadOnlyList<string> PublicAddresses { get; }

    public CfnUser User { get; }

    public CfnUser? ActantUser { get; }

    /// <summary>
    /// A user whose role may only s3:PutObject under the given prefixes: no list, no read, no delete. The logical home
    /// maps each prefix to a top-level folder, so the sender puts <c>2026/11/20/x.csv</c> into <c>/trades</c>
    /// (or <c>/market-data</c>, ...). Overwrites are PutObject too; versioned buckets (staging, prod) keep the earlier
    /// version, and the ingestion ledger treats changed content as a new version.
    /// </summary>
    private CfnUser AddWriteOnlyUser(string id, EnvironmentConfig config, string userName, string sshKey, string bucketName, IReadOnlyList<string> prefixes, string dataKeyArn)
    {
        var role = new Role(this, id + "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("transfer.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = config.Account },
                },
            }),
            Description = $"FRGM {config.Name} SFTP user {userName}: put objects under {string.Join(", ", prefixes)} of {bucketName} only",
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PutFeedFilesOnly",
            Actions = ["s3:PutObject"],
            Resources = prefixes.Select(p => ResourceNames.ObjectsArn(bucketName, p)).ToArray(),
        }));
        role.AddToPolicy(DataKeyForS3Uploads(config, dataKeyArn, bucketName));
        NagSuppressions.Add(role.Node.FindChild("DefaultPolicy"), new NagSuppression(
            "AwsSolutions-IAM5",
            $"s3:PutObject on keys under {string.Join(", ", prefixes)} of the one {bucketName} bucket: uploaded file names are chosen by the sender.",
            prefixes.Select(p => "Resource::arn:<AWS::Partition>:s3:::" + bucketName + "/" + p + "*").ToArray()));

        return new CfnUser(this, id, new CfnUserProps
        {
            ServerId = Server.AttrServerId,
            UserName = userName,
            Role = role.RoleArn,
            HomeDirectoryType = "LOGICAL",
            HomeDirectoryMappings = prefixes.Select(p => (object)new CfnUser.HomeDirectoryMapEntryProperty
            {
                Entry = "/" + p.TrimEnd('/'),
                Target = $"/{bucketName}/{p.TrimEnd('/')}",
            }).ToArray(),
            SshPublicKeys = [sshKey],
        });
    }

    /// <summary>
    /// SSE-KMS uploads need the data key: GenerateDataKey for each object, Decrypt to complete a multipart upload. Only
    /// through S3 and only for objects of this bucket (the encryption context S3 sets).
    /// </summary>
    public static PolicyStatement DataKeyForS3Uploads(EnvironmentConfig config, string dataKeyArn, string bucketName) => new(new PolicyStatementProps
    {
        Sid = "UseDataKeyForUploads",
        Actions = ["kms:GenerateDataKey", "kms:Decrypt"],
        Resources = [dataKeyArn],
        Conditions = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{config.Region}.amazonaws.com" },
            ["StringLike"] = new Dictionary<string, object> { ["kms:EncryptionContext:aws:s3:arn"] = ResourceNames.BucketArn(bucketName) + "*" },
        },
    });
}
