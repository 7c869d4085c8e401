using Frgm.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

        // LEAD: wire this when Frgm.Storage.AwsStorageFactory is on main (it is not yet):
        //   services.AddSingleton(sp => Frgm.Storage.AwsStorageFactory.Create(
        //       aws, aws.RedisPassword, sp.GetRequiredService<ILoggerFactory>()));
        // and delete the throwing registration below. Nothing else in the dashboard depends on the mode.
        services.AddSingleton<Frgm.Storage.Ports.StorageSet>(_ => throw new InvalidOperationException(
            "Frgm:Mode=Aws needs Frgm.Storage.AwsStorageFactory, which this build does not contain yet."));
    }
}
