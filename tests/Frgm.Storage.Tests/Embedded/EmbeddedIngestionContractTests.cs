using Frgm.Storage.Tests.Contract;

namespace Frgm.Storage.Tests.Embedded;

public sealed class EmbeddedIngestionContractTests(EmbeddedStorageFixture fixture)
    : IngestionContract(fixture), IClassFixture<EmbeddedStorageFixture>;
