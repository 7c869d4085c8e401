using Frgm.Application.Composition;
using Frgm.Application.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Storage.Aws;

/// <summary>AWS mode's half of the composition: <see cref="FrgmServices.AddFrgm"/> plus the settings and the connected adapter set.</summary>
public static class AwsServices
{
    /// <param name="storage">Connected beforehand with <see cref="AwsStorageFactory.CreateAsync"/> (asynchronously); the container disposes it.</param>
    public static IServiceCollection AddFrgmAws(this IServiceCollection services, IConfiguration configuration, IngestionRole role, AwsSettings settings, StorageSet storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.AddFrgm(configuration, role);
        services.AddSingleton(settings);

        // A factory, not an instance: the container disposes what its factories made, so the Redis connection closes at shutdown.
        services.AddSingleton(_ => storage);
        return services;
    }
}
