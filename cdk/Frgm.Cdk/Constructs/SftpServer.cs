using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Transfer;
using CfnUser = Amazon.CDK.AWS.Transfer.CfnUser;
using CfnUserProps = Amazon.CDK.AWS.Transfer.CfnUserProps;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// AWS Transfer Family SFTP endpoint for trade files: one service-managed user with an SSH key, chrooted to
/// <c>trades/</c> of the trades bucket, so an upload of <c>2026/11/20/x.csv</c> lands as
/// <c>trades/2026/11/20/x.csv</c> and triggers ingestion through the bucket's queue.
/// </summary>
public sealed class SftpServer : Construct
{
    public const string Prefix = "trades/";

    public SftpServer(Construct scope, string id, EnvironmentConfig config, string tradesBucketName, string dataKeyArn)
        : base(scope, id)
    {
        var loggingRole = new Role(this, "LoggingRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("transfer.amazonaws.com"),
            Description = $"FRGM {config.Name} Transfer Family: write this server's log group",
        });

        Server = new CfnServer(this, "Server", new CfnServerProps
        {
            Domain = "S3",
            EndpointType = "PUBLIC",
            IdentityProviderType = "SERVICE_MANAGED",
            Protocols = ["SFTP"],
            SecurityPolicyName = "TransferSecurityPolicy-2024-01",
            LoggingRole = loggingRole.RoleArn,
            Tags = [new CfnTag { Key = "Name", Value = $"frgm-{config.Name}-sftp" }],
        });

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

        var userRole = new Role(this, "UserRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("transfer.amazonaws.com"),
            Description = $"FRGM {config.Name} SFTP user {config.Sftp.UserName}: {Prefix} of the trades bucket only",
        });
        userRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ListTradesPrefix",
            Actions = ["s3:ListBucket"],
            Resources = [ResourceNames.BucketArn(tradesBucketName)],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { Prefix, Prefix + "*" } },
            },
        }));
        userRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadWriteTradeFiles",
            Actions = ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
            Resources = [ResourceNames.ObjectsArn(tradesBucketName, Prefix)],
        }));
        userRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "UseDataKeyForTradeFiles",
            Actions = ["kms:GenerateDataKey", "kms:Decrypt"],
            Resources = [dataKeyArn],
        }));
        NagSuppressions.Add(userRole.Node.FindChild("DefaultPolicy"), new NagSuppression(
            "AwsSolutions-IAM5",
            "Object actions on keys under trades/ of the one trades bucket: uploaded file names are chosen by the sender.",
            "Resource::arn:<AWS::Partition>:s3:::" + tradesBucketName + "/" + Prefix + "*"));

        User = new CfnUser(this, "User", new CfnUserProps
        {
            ServerId = Server.AttrServerId,
            UserName = config.Sftp.UserName,
            Role = userRole.RoleArn,
            HomeDirectoryType = "LOGICAL",
            HomeDirectoryMappings = new object[] { new CfnUser.HomeDirectoryMapEntryProperty { Entry = "/", Target = $"/{tradesBucketName}/{Prefix.TrimEnd('/')}" } },
            SshPublicKeys = [config.Sftp.SshPublicKey!],
        });
    }

    public CfnServer Server { get; }

    public CfnUser User { get; }
}
