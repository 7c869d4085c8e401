using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The identity Actant writes with: a role only <c>actant.senderPrincipal</c> may assume, and only with
/// <c>actant.externalId</c>; it may put objects under market-data/, eod/ and sod/ of the actant bucket and use the
/// data key for those uploads, nothing else (no list, read, delete, or other prefixes).
/// </summary>
public sealed class ActantSenderRole : Construct
{
    public static readonly IReadOnlyList<string> Prefixes = ["market-data/", "eod/", "sod/"];

    public ActantSenderRole(Construct scope, string id, EnvironmentConfig config, string actantBucketName, string dataKeyArn)
        : base(scope, id)
    {
        var principal = config.Actant.SenderPrincipal.Length == 12
            ? (IPrincipal)new AccountPrincipal(config.Actant.SenderPrincipal)
            : new ArnPrincipal(config.Actant.SenderPrincipal);
        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = $"frgm-{config.Name}-actant-sender",
            AssumedBy = principal,
            ExternalIds = [config.Actant.ExternalId],
            MaxSessionDuration = Duration.Hours(1),
            Description = $"FRGM {config.Name}: Actant puts market data, EOD and SOD files into {actantBucketName}",
        });
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PutActantFeedFiles",
            Actions = ["s3:PutObject"],
            Resources = Prefixes.Select(p => ResourceNames.ObjectsArn(actantBucketName, p)).ToArray(),
        }));
        Role.AddToPolicy(SftpServer.DataKeyForS3Uploads(config, dataKeyArn, actantBucketName));
        NagSuppressions.Add(Role.Node.FindChild("DefaultPolicy"), new NagSuppression(
            "AwsSolutions-IAM5",
            "s3:PutObject on keys under market-data/, eod/ and sod/ of the one actant bucket: Actant names its files (FORMATS.md key layout).",
            Prefixes.Select(p => "Resource::arn:<AWS::Partition>:s3:::" + actantBucketName + "/" + p + "*").ToArray()));

        new CfnOutput(this, "RoleArn", new CfnOutputProps
        {
            Value = Role.RoleArn,
            Description = "Give Actant this role ARN and the external ID (cdk/README.md, Sender identities)",
        });
    }

    public Role Role { get; }
}
