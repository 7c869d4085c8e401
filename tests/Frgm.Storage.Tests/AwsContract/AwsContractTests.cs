using Frgm.Storage.Tests.Contract;

namespace Frgm.Storage.Tests.AwsContract;

// The contract suites against the AWS adapters: redis-server (TLS + ACL) for latest state and the change feed,
// DynamoDB Local for history, alarms and the ledger, s3rver for objects.
[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsHistoryStoreContractTests(AwsStorageFixture fixture) : HistoryStoreContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsAlarmStoreContractTests(AwsStorageFixture fixture) : AlarmStoreContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsAlarmLifecycleContractTests(AwsStorageFixture fixture) : AlarmLifecycleContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsFileLedgerContractTests(AwsStorageFixture fixture) : FileLedgerContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsLatestStateContractTests(AwsStorageFixture fixture) : LatestStateContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsObjectStoreContractTests(AwsStorageFixture fixture) : ObjectStoreContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsChangeFeedContractTests(AwsStorageFixture fixture) : ChangeFeedContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsIngestionContractTests(AwsStorageFixture fixture) : IngestionContract(fixture);

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsOrderIndependenceTests(AwsStorageFixture fixture) : OrderIndependenceContract(fixture)
{
    protected override int SequentialOrders => 3;

    protected override int ConcurrentOrders => 1;
}

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsPnlHistoryContractTests(AwsStorageFixture fixture) : PnlHistoryContract(fixture);

// The suites that touch latest state and the change feed again, on a 3-master TLS Redis cluster (MemoryDB with
// shards > 1): each set's environment hashes to its own slot, so the sets land on different masters.
[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsClusterLatestStateContractTests(AwsStorageFixture fixture) : LatestStateContract(new AwsClusterStorage(fixture));

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsClusterChangeFeedContractTests(AwsStorageFixture fixture) : ChangeFeedContract(new AwsClusterStorage(fixture));

[Collection(AwsContractCollection.Name)]
[Trait("Needs", "servers")]
public sealed class AwsClusterIngestionContractTests(AwsStorageFixture fixture) : IngestionContract(new AwsClusterStorage(fixture));
