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
