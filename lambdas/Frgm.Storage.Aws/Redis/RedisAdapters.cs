using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Frgm.Storage.Aws.Redis;

/// <summary>
/// The Redis side of a StorageSet, connected from <see cref="AwsSettings"/>: the process's one multiplexer, the
/// latest-state store (also the "redis" probe) and the change feed. Functions publish only; the dashboard passes
/// <c>subscribe: true</c> to also follow the feed. Dispose closes the multiplexer.
/// </summary>
public sealed class RedisAdapters : IAsyncDisposable
{
    private RedisAdapters(IConnectionMultiplexer multiplexer, RedisLatestStateStore latest, RedisChangeFeed changes)
    {
        Multiplexer = multiplexer;
        Latest = latest;
        Changes = changes;
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public RedisLatestStateStore Latest { get; }

    public RedisChangeFeed Changes { get; }

    /// <param name="password">From the secret (ECS secret or Parameters and Secrets extension); falls back to settings.</param>
    public static Task<RedisAdapters> ConnectAsync(AwsSettings settings, string? password, bool subscribe, ILogger? logger, CancellationToken ct) =>
        ConnectAsync(RedisOptions.FromSettings(settings, password), settings.Environment, subscribe, logger, ct);

    public static async Task<RedisAdapters> ConnectAsync(RedisOptions options, string environment, bool subscribe, ILogger? logger, CancellationToken ct)
    {
        var multiplexer = await RedisConnector.ConnectAsync(options, logger, ct);
        try
        {
            var changes = subscribe
                ? await RedisChangeFeed.CreateSubscribedAsync(multiplexer, environment, logger, ct)
                : new RedisChangeFeed(multiplexer, environment, logger);
            return new RedisAdapters(multiplexer, new RedisLatestStateStore(multiplexer, environment), changes);
        }
        catch
        {
            await multiplexer.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Changes.DisposeAsync();
        await Multiplexer.CloseAsync();
        await Multiplexer.DisposeAsync();
    }
}
