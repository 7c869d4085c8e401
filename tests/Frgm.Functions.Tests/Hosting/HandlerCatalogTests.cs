using Frgm.Functions.Handlers;
using Frgm.Functions.Hosting;
using Frgm.Functions.Tests.Fakes;
using Frgm.Functions.Tests.Runtime;
using Frgm.Storage.Embedded;

namespace Frgm.Functions.Tests.Hosting;

/// <summary>The custom runtime dispatches on <c>_HANDLER</c>: the CDK's handler names must be exactly the catalog's.</summary>
public sealed class HandlerCatalogTests
{
    [Fact]
    [Trait("Needs", "servers")]
    public void The_synthesized_functions_use_the_catalog_short_names_on_provided_al2023_arm64()
    {
        var functions = CdkFunctionTemplate.ByHandler;

        Assert.Equal(HandlerCatalog.All.Order(StringComparer.Ordinal), functions.Keys.Order(StringComparer.Ordinal));
        Assert.All(functions.Values, fn => Assert.Equal(("provided.al2023", "arm64"), (fn.Runtime, fn.Architecture)));
    }

    [Fact]
    public void Every_catalog_name_creates_its_own_handler_and_any_other_name_none()
    {
        var dir = Directory.CreateTempSubdirectory("frgm-catalog-").FullName;
        try
        {
            var host = new FunctionHost(_ => null, new CapturedOutput().Writer, (_, _) => Task.FromResult(EmbeddedStorage.Create(dir)));
            var types = HandlerCatalog.All.Select(name => HandlerCatalog.Create(name, host)?.GetType()).ToList();

            Assert.Equal([typeof(IngestFunction), typeof(TtPollerFunction), typeof(AlarmSweepFunction), typeof(SlackNotifierFunction)], types);
            Assert.Null(HandlerCatalog.Create("IngestFunction", host));
            Assert.Null(HandlerCatalog.Create("Frgm.Functions::Frgm.Functions.Handlers.IngestFunction::HandleAsync", host));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
