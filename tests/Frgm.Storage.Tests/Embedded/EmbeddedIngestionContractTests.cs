using Frgm.Storage.Tests.Contract;

namespace Frgm.Storage.Tests.Embedded;

public sealed class EmbeddedIngestionContractTests(EmbeddedStorageFixture fixture)
    : IngestionContract(fixture), IClassFixture<EmbeddedStorageFixture>;

public sealed class EmbeddedOrderIndependenceTests(EmbeddedStorageFixture fixture)
    : OrderIndependenceContract(fixture), IClassFixture<EmbeddedStorageFixture>
{
    protected override int SequentialOrders => 16;

    protected override int ConcurrentOrders => 6;
}
