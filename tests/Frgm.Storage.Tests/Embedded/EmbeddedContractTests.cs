using Frgm.Storage.Tests.Contract;

namespace Frgm.Storage.Tests.Embedded;

// The contract suites run against the embedded adapters (SQLite + folders + in-process feed).
public sealed class EmbeddedHistoryStoreContractTests(EmbeddedStorageFixture fixture)
    : HistoryStoreContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedAlarmStoreContractTests(EmbeddedStorageFixture fixture)
    : AlarmStoreContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedAlarmLifecycleContractTests(EmbeddedStorageFixture fixture)
    : AlarmLifecycleContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedFileLedgerContractTests(EmbeddedStorageFixture fixture)
    : FileLedgerContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedLatestStateContractTests(EmbeddedStorageFixture fixture)
    : LatestStateContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedObjectStoreContractTests(EmbeddedStorageFixture fixture)
    : ObjectStoreContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedChangeFeedContractTests(EmbeddedStorageFixture fixture)
    : ChangeFeedContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedPnlHistoryContractTests(EmbeddedStorageFixture fixture)
    : PnlHistoryContract(fixture), IClassFixture<EmbeddedStorageFixture>;
