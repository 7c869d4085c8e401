using Frgm.Application.Composition;
using Frgm.Application.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Embedded mode's half of the composition: <see cref="FrgmServices.AddFrgm"/> over SQLite and the bucket folders.
/// It lives here, not in the core, so the Lambda package (which never calls it) carries no SQLite.
/// </summary>
public static class EmbeddedServices
{
    /// <param name="store">Opened beforehand (<see cref="EmbeddedStorage.Open"/>), so an unusable database is reported at start-up.</param>
    /// <param name="role">Embedded (the dashboard) unless the local runner runs the Lambda handlers over it.</param>
    public static IServiceCollection AddFrgmEmbedded(this IServiceCollection services, IConfiguration configuration, EmbeddedStore store, IngestionRole role = IngestionRole.Embedded)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.AddFrgm(configuration, role);
        services.AddSingleton(store);
        services.AddSingleton<StorageSet>(_ => store.Set);
        return services;
    }
}
