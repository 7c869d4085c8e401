using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using Frgm.Cdk.Config;
using Frgm.Cdk.Constructs;

namespace Frgm.Cdk.Stacks;

/// <summary>
/// Everything that holds data: the feed buckets (actant, tt, trades) and their access-log bucket, the
/// OBJECT_CREATED queues with DLQs, the three DynamoDB tables, and MemoryDB. One KMS key encrypts the
/// buckets, tables and MemoryDB so consumers need exactly one key grant.
/// </summary>
public sealed class DataStack : Stack
{
    public DataStack(Construct scope, string id, EnvironmentConfig config, NetworkStack network, IStackProps props)
        : base(scope, id, props)
    {
        var removal = Removal.For(config);
        DataKey = Keys.Create(this, "DataKey", $"alias/frgm-{config.Name}-data", $"FRGM {config.Name}: feed buckets, tables, MemoryDB", removal);

        string NameOf(string role) => $"frgm-{config.Name}-{role}-{config.Account}-{config.Region}";

        AccessLogBucketName = NameOf("access-logs");
        AccessLogBucket = BucketFactory.AccessLogBucket(this, "AccessLogBucket", AccessLogBucketName, config);

        var visibility = Duration.Seconds(FunctionLimits.FeedQueueVisibilitySeconds);
        foreach (var role in FeedRoles)
        {
            var name = NameOf(role);
            var id2 = char.ToUpperInvariant(role[0]) + role[1..];
            var bucket = BucketFactory.DataBucket(this, id2 + "Bucket", name, DataKey, AccessLogBucket, config);
            Buckets[role] = bucket;
            FeedQueues[role] = new FeedQueue(this, id2 + "Feed", role, bucket, name, visibility);
        }

        HistoryTable = TableFactory.Create(this, "HistoryTable", $"frgm-{config.Name}-history", DataKey, config, ttlAttribute: TableFactory.HistoryTtlAttribute);
        AlarmsTable = TableFactory.Create(this, "AlarmsTable", $"frgm-{config.Name}-alarms", DataKey, config, stream: StreamViewType.NEW_AND_OLD_IMAGES);
        LedgerTable = TableFactory.Create(this, "LedgerTable", $"frgm-{config.Name}-ledger", DataKey, config);

        MemoryDb = new MemoryDbCluster(this, "MemoryDb", config, network.Vpc, DataKey, [network.LambdaSecurityGroup, network.DashboardSecurityGroup]);
    }

    /// <summary>Bucket roles as FORMATS.md names them (WireNames.Of(BucketRole)).</summary>
    public static readonly IReadOnlyList<string> FeedRoles = ["actant", "tt", "trades"];

    public Key DataKey { get; }

    public string AccessLogBucketName { get; }

    public Bucket AccessLogBucket { get; }

    public Dictionary<string, Bucket> Buckets { get; } = [];

    public Dictionary<string, FeedQueue> FeedQueues { get; } = [];

    public Table HistoryTable { get; }

    public Table AlarmsTable { get; }

    public Table LedgerTable { get; }

    public MemoryDbCluster MemoryDb { get; }

    public IEnumerable<Table> Tables => [HistoryTable, AlarmsTable, LedgerTable];
}
