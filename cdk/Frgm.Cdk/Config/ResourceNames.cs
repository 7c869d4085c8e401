using Amazon.CDK;

namespace Frgm.Cdk.Config;

/// <summary>
/// Physical names fixed by environment, account and region. Consumers build exact IAM resource ARNs from
/// these instead of cross-stack exports, so a policy reads as the bucket or table it grants, and the
/// data stack's resources are not pinned by exports.
/// </summary>
public sealed class ResourceNames(EnvironmentConfig config)
{
    public string Bucket(string role) => $"frgm-{config.Name}-{role}-{config.Account}-{config.Region}";

    public string AccessLogBucket => Bucket("access-logs");

    public string HistoryTable => $"frgm-{config.Name}-history";

    public string AlarmsTable => $"frgm-{config.Name}-alarms";

    public string LedgerTable => $"frgm-{config.Name}-ledger";

    public static string BucketArn(string bucketName) => $"arn:{Aws.PARTITION}:s3:::{bucketName}";

    public static string ObjectsArn(string bucketName, string prefix = "") => $"{BucketArn(bucketName)}/{prefix}*";

    public string TableArn(string tableName) => $"arn:{Aws.PARTITION}:dynamodb:{config.Region}:{config.Account}:table/{tableName}";

    /// <summary>The table and its indexes (queries on gsi1 are authorised on the index ARN).</summary>
    public IEnumerable<string> TableAndIndexArns(string tableName) => [TableArn(tableName), TableArn(tableName) + "/index/*"];
}
