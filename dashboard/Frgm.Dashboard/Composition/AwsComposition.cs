using Frgm.Storage;
using Frgm.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Composition;

/// <summary>
/// <c>Frgm:Mode=Aws</c>: the StorageSet comes from the AWS adapters (MemoryDB, DynamoDB, S3), settings from
/// <c>Frgm:Aws</c>. Ingestion runs in the Lambdas; the dashboard only reads and follows the change feed.
/// </summary>
public static class AwsComposition
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var aws = configuration.GetSection(AwsSettings.Section).Get<AwsSettings>() ?? new AwsSettings();
        services.AddSingleton(aws);

        // The dashboard follows the change feed (subscribe: true) to forward it over SSE.
        services.AddSingleton(sp => AwsStorageFactory.Create(
            aws, aws.RedisPassword, sp.GetRequiredService<ILoggerFactory>(), subscribe: true));
    }
}
