using Frgm.Domain.Model;
using Frgm.Storage.Aws;

namespace Frgm.Functions.Handlers;

internal static class BucketRoles
{
    /// <summary>The role whose configured bucket name is <paramref name="bucketName"/>, or null.</summary>
    public static BucketRole? Resolve(AwsSettings aws, string bucketName)
    {
        foreach (var role in Enum.GetValues<BucketRole>())
        {
            if (string.Equals(aws.BucketName(role), bucketName, StringComparison.Ordinal))
            {
                return role;
            }
        }

        return null;
    }
}
