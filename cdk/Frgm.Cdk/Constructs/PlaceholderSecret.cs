using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// A vendor-issued credential (TT app key, Slack webhook) that an engineer puts in after the first deploy
/// (cdk/README.md). The template holds only field names with REPLACE_ME and a generated nonce, never a value.
/// </summary>
public static class PlaceholderSecret
{
    public static Secret Create(Construct scope, string id, string name, string description, string[] fields, RemovalPolicy removal, string rotationReason)
    {
        var template = "{" + string.Join(",", fields.Select(f => $"\"{f}\":\"REPLACE_ME\"")) + "}";
        var secret = new Secret(scope, id, new SecretProps
        {
            SecretName = name,
            Description = description,
            GenerateSecretString = new SecretStringGenerator
            {
                SecretStringTemplate = template,
                GenerateStringKey = "placeholder_nonce",
                ExcludePunctuation = true,
            },
            RemovalPolicy = removal,
        });
        NagSuppressions.Add(secret, new NagSuppression("AwsSolutions-SMG4", rotationReason));
        return secret;
    }
}
