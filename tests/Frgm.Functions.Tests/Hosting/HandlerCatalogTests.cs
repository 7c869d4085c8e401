using Frgm.Application.Composition;
using Frgm.Functions.Handlers;
using Frgm.Functions.Hosting;
using Frgm.Functions.Secrets;
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
    public async Task Every_catalog_name_creates_its_own_handler_and_any_other_name_none()
    {
        const string ttArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:frgm/test/tt-AbCdEf";
        var dir = Directory.CreateTempSubdirectory("frgm-catalog-").FullName;
        try
        {
            var configuration = LambdaConfiguration.FromVariables(new Dictionary<string, string>
            {
                ["Frgm__Tt__SecretArn"] = ttArn,
                [SecretsClient.LocalVariableName(ttArn)] = """{"app_key_id":"id","app_key_secret":"secret"}""",
            });
            await using var host = new FunctionHost(configuration, new CapturedOutput().Writer, (services, h, _) =>
            {
                services.AddFrgmEmbedded(h.Configuration, EmbeddedStorage.Open(dir), IngestionRole.LocalRunner);
                return Task.CompletedTask;
            });
            var types = new List<Type>();
            foreach (var name in HandlerCatalog.All)
            {
                types.Add((await HandlerCatalog.CreateAsync(name, host, default)).GetType());
            }

            Assert.Equal([typeof(IngestFunction), typeof(TtPollerFunction), typeof(AlarmSweepFunction), typeof(SlackNotifierFunction)], types);
            Assert.False(HandlerCatalog.Contains("IngestFunction"));
            await Assert.ThrowsAsync<ArgumentException>(() => HandlerCatalog.CreateAsync("Frgm.Functions::Frgm.Functions.Handlers.IngestFunction::HandleAsync", host, default));
        }
        finally
        {
            EmbeddedStorage.ReleaseConnections();
            Directory.Delete(dir, recursive: true);
        }
    }
}
