using System.Reflection;
using Frgm.Functions.Handlers;

namespace Frgm.Functions.Tests.Hosting;

public sealed class HandlerCatalogTests
{
    [Fact]
    public void Every_handler_string_resolves_to_a_public_Stream_handler_on_the_built_assembly()
    {
        Assert.Equal(4, HandlerCatalog.All.Count);
        foreach (var handler in HandlerCatalog.All)
        {
            var parts = handler.Split("::");
            Assert.Equal(3, parts.Length);

            // Load the built file the way the Lambda runtime does: by assembly name from the package folder.
            var path = Path.Combine(AppContext.BaseDirectory, parts[0] + ".dll");
            var assembly = Assembly.LoadFrom(path);
            Assert.Equal(parts[0], assembly.GetName().Name);
            var type = assembly.GetType(parts[1], throwOnError: false);
            Assert.NotNull(type);
            Assert.True(type.IsPublic && type.IsClass && !type.IsAbstract, $"{handler}: type must be a public concrete class");
            Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
            var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
            Assert.NotNull(method);
            Assert.Equal(typeof(Task<Stream>), method.ReturnType);
        }
    }

    [Fact]
    public void The_catalog_holds_the_strings_the_CDK_app_uses()
    {
        Assert.Equal(
            [
                "Frgm.Functions::Frgm.Functions.Handlers.IngestFunction::HandleAsync",
                "Frgm.Functions::Frgm.Functions.Handlers.TtPollerFunction::HandleAsync",
                "Frgm.Functions::Frgm.Functions.Handlers.AlarmSweepFunction::HandleAsync",
                "Frgm.Functions::Frgm.Functions.Handlers.SlackNotifierFunction::HandleAsync",
            ],
            HandlerCatalog.All);
    }
}
