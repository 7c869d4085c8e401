using Amazon.CDK;
using Constructs;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// One accepted cdk-nag finding: rule id, why it is acceptable, and optionally the findings it covers
/// (exact finding ids, or <c>Regex::pattern</c> for a family such as object-prefix wildcards).
/// </summary>
public sealed record NagSuppression(string Id, string Reason, params string[] AppliesTo);

/// <summary>
/// Writes cdk-nag suppressions as <c>cdk_nag.rules_to_suppress</c> resource metadata, the format cdk-nag reads;
/// cdk-nag itself is npm-only here, so the node checker (cdk/nag/check.js) reads them back from the template.
/// </summary>
public static class NagSuppressions
{
    public const string RegexPrefix = "Regex::";

    public static void Add(IConstruct construct, params NagSuppression[] suppressions)
    {
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{construct.Node.Path} has no CloudFormation resource to carry cdk-nag metadata", nameof(construct));
        var existing = resource.GetMetadata("cdk_nag") is IDictionary<string, object> old && old.TryGetValue("rules_to_suppress", out var list) && list is object[] items
            ? items.ToList()
            : [];
        foreach (var s in suppressions)
        {
            var entry = new Dictionary<string, object> { ["id"] = s.Id, ["reason"] = s.Reason };
            if (s.AppliesTo.Length > 0)
            {
                entry["applies_to"] = s.AppliesTo
                    .Select(a => a.StartsWith(RegexPrefix, StringComparison.Ordinal)
                        ? new Dictionary<string, object> { ["regex"] = "/" + a[RegexPrefix.Length..] + "/" }
                        : (object)a)
                    .ToArray();
            }

            existing.Add(entry);
        }

        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = existing.ToArray() });
    }

    /// <summary>Suppresses on every CloudFormation resource below <paramref name="scope"/> of the given type.</summary>
    public static void AddToType(IConstruct scope, string cfnType, params NagSuppression[] suppressions)
    {
        foreach (var child in scope.Node.FindAll())
        {
            if (child is CfnResource r && r.CfnResourceType == cfnType)
            {
                Add(r, suppressions);
            }
        }
    }
}
