using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace Frgm.Cdk.Constructs;

/// <summary>Customer-managed KMS keys: rotation on, removal per environment.</summary>
public static class Keys
{
    public static Key Create(Construct scope, string id, string alias, string description, RemovalPolicy removal) =>
        new(scope, id, new KeyProps
        {
            Alias = alias,
            Description = description,
            EnableKeyRotation = true,
            RemovalPolicy = removal,
            PendingWindow = Duration.Days(removal == RemovalPolicy.DESTROY ? 7 : 30),
        });

    /// <summary>Lets CloudWatch Logs use the key, only for log groups of this account and region.</summary>
    public static void AllowCloudWatchLogs(Key key, Stack stack)
    {
        key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowCloudWatchLogsOfThisAccount",
            Principals = [new ServicePrincipal($"logs.{stack.Region}.amazonaws.com")],
            Actions = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["kms:EncryptionContext:aws:logs:arn"] = $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:*",
                },
            },
        }));
    }
}
