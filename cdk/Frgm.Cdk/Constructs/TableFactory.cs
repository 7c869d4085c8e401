using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Constructs;
using Frgm.Cdk.Config;

namespace Frgm.Cdk.Constructs;

/// <summary>
/// The one table shape every FRGM table shares (the storage adapters and TABLES.md rely on it):
/// on-demand, PITR, KMS, <c>pk</c>/<c>sk</c> strings, and GSI <c>gsi1</c> on <c>gsi1pk</c>/<c>gsi1sk</c> projecting ALL.
/// </summary>
public static class TableFactory
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string IndexName = "gsi1";
    public const string IndexPartitionKey = "gsi1pk";
    public const string IndexSortKey = "gsi1sk";
    public const string HistoryTtlAttribute = "expires_at";

    public static Table Create(Construct scope, string id, string tableName, IKey key, EnvironmentConfig config, string? ttlAttribute = null, StreamViewType? stream = null)
    {
        var table = new Table(scope, id, new TableProps
        {
            TableName = tableName,
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = PartitionKey, Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = SortKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.CUSTOMER_MANAGED,
            EncryptionKey = key,
            TimeToLiveAttribute = ttlAttribute,
            Stream = stream,
            DeletionProtection = config.RetainData,
            RemovalPolicy = Removal.For(config),
        });
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = IndexName,
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = IndexPartitionKey, Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = IndexSortKey, Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });
        return table;
    }
}
