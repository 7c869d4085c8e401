using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Stacks;

/// <summary>
/// Frgm-&lt;env&gt;-Deploy: what GitHub Actions needs to deploy this environment without long-lived keys. GitHub's
/// OIDC provider, a deploy role trusted only for tokens of this repository's <c>deploy.branch</c> running in the
/// GitHub environment named like this one, and a read-only diff role for pull requests. Both may do nothing but
/// assume the CDK bootstrap roles (qualifier hnb659fds) of this account and region; CloudFormation does the rest
/// with the bootstrap execution role. Deployed once per account by an engineer (cdk/README.md).
/// </summary>
public sealed class DeployStack : Stack
{
    public const string Issuer = "token.actions.githubusercontent.com";
    public const string BootstrapQualifier = "hnb659fds";

    /// <summary>The ledger partitions of canary files (LedgerItems.Partition of the actant bucket's canary/ keys).</summary>
    private static readonly string[] CanaryLedgerKeys = ["FILE#actant#canary/*"];

    public DeployStack(Construct scope, string id, EnvironmentConfig config, IStackProps props)
        : base(scope, id, props)
    {
        // L1: the L2 OpenIdConnectProvider is a custom resource backed by a Lambda, for one static provider.
        var provider = new CfnOIDCProvider(this, "GitHubOidc", new CfnOIDCProviderProps
        {
            Url = "https://" + Issuer,
            ClientIdList = ["sts.amazonaws.com"],
            // IAM no longer checks thumbprints for GitHub's issuer (its certificate chain is trusted); the field is
            // still required by the API.
            ThumbprintList = ["6938fd4d98bab03faadb97b34396831e3780aea1"],
        });

        // The repository's OIDC subject template carries the branch (cdk/README.md: include_claim_keys
        // repo, context, ref), so the subject names repository, environment and branch at once.
        DeploySubject = $"repo:{config.Deploy.GitHubRepository}:environment:{config.Name}:ref:refs/heads/{config.Deploy.Branch}";
        DiffSubject = $"repo:{config.Deploy.GitHubRepository}:pull_request";

        DeployRole = GitHubRole("DeployRole", config, provider, DeploySubject, $"frgm-{config.Name}-github-deploy",
            $"GitHub Actions deploys FRGM {config.Name} from {config.Deploy.GitHubRepository}@{config.Deploy.Branch}: assume the CDK bootstrap roles only",
            ["deploy", "file-publishing", "image-publishing", "lookup"]);
        DiffRole = GitHubRole("DiffRole", config, provider, DiffSubject, $"frgm-{config.Name}-github-diff",
            $"GitHub Actions pull requests of {config.Deploy.GitHubRepository}: cdk diff against FRGM {config.Name} through the read-only lookup role",
            ["lookup"]);

        SmokeRole = CanaryRole(config);
        DeployRole.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AssumeSmokeTestRole",
            Actions = ["sts:AssumeRole"],
            Resources = [SmokeRole.RoleArn],
        }));

        new CfnOutput(this, "DeployRoleArn", new CfnOutputProps { Value = DeployRole.RoleArn, Description = "GitHub environment variable AWS_DEPLOY_ROLE_ARN" });
        new CfnOutput(this, "DiffRoleArn", new CfnOutputProps { Value = DiffRole.RoleArn, Description = "GitHub repository variable AWS_DIFF_ROLE_ARN_" + config.Name.ToUpperInvariant() });
    }

    public string DeploySubject { get; }

    public string DiffSubject { get; }

    public Role DeployRole { get; }

    public Role DiffRole { get; }

    /// <summary>What the post-deploy smoke test's canary may touch: canary/ of the actant bucket and its ledger entries.</summary>
    public Role SmokeRole { get; }

    private Role CanaryRole(EnvironmentConfig config)
    {
        var names = new ResourceNames(config);
        var bucket = names.Bucket("actant");
        var role = new Role(this, "SmokeRole", new RoleProps
        {
            RoleName = $"frgm-{config.Name}-smoke-canary",
            Description = $"FRGM {config.Name} smoke test: put and remove canary/ files of the actant bucket and their ledger entries",
            MaxSessionDuration = Duration.Hours(1),
            AssumedBy = new ArnPrincipal($"arn:{Aws.PARTITION}:iam::{config.Account}:role/frgm-{config.Name}-github-deploy"),
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CanaryObjects",
            Actions = ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:ListBucketVersions"],
            Resources = [ResourceNames.ObjectsArn(bucket, "canary/"), ResourceNames.BucketArn(bucket)],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CanaryLedgerEntries",
            Actions = ["dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
            Resources = [$"arn:{Aws.PARTITION}:dynamodb:{config.Region}:{config.Account}:table/frgm-{config.Name}-ledger"],
            Conditions = new Dictionary<string, object>
            {
                ["ForAllValues:StringLike"] = new Dictionary<string, object> { ["dynamodb:LeadingKeys"] = CanaryLedgerKeys },
            },
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DataKeyForCanaryUpload",
            Actions = ["kms:GenerateDataKey"],
            Resources = [$"arn:{Aws.PARTITION}:kms:{config.Region}:{config.Account}:key/*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{config.Region}.amazonaws.com" },
                ["ForAnyValue:StringEquals"] = new Dictionary<string, object> { ["kms:ResourceAliases"] = $"alias/frgm-{config.Name}-data" },
            },
        }));
        Frgm.Cdk.Constructs.NagSuppressions.Add(role.Node.FindChild("DefaultPolicy"), new Frgm.Cdk.Constructs.NagSuppression(
            "AwsSolutions-IAM5",
            "Canary objects are named per run under canary/ only; the data key is created in another stack, so it is named by its alias condition (kms:ResourceAliases) and S3 as the only caller.",
            "Regex::^Resource::.*(canary/\\*|:key/\\*)$"));
        return role;
    }

    private Role GitHubRole(string id, EnvironmentConfig config, CfnOIDCProvider provider, string subject, string name, string description, string[] bootstrapRoles)
    {
        var role = new Role(this, id, new RoleProps
        {
            RoleName = name,
            Description = description,
            MaxSessionDuration = Duration.Hours(1),
            AssumedBy = new FederatedPrincipal(provider.AttrArn, new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    [Issuer + ":aud"] = "sts.amazonaws.com",
                    [Issuer + ":sub"] = subject,
                },
            }, "sts:AssumeRoleWithWebIdentity"),
        });
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AssumeCdkBootstrapRolesOnly",
            Actions = ["sts:AssumeRole", "sts:TagSession"],
            Resources = bootstrapRoles.Select(r => $"arn:{Aws.PARTITION}:iam::{config.Account}:role/cdk-{BootstrapQualifier}-{r}-role-{config.Account}-{config.Region}").ToArray(),
        }));
        return role;
    }
}
