using Microsoft.Extensions.Logging;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// The Redis side of a StorageSet, connected from <see cref="AwsSettings"/>: the shared client, the latest-state
/// store (also the "redis" probe) and the change feed. Functions publish only; the dashboard passes
/// <c>subscribe: true</c> to also get a subscriber connection. Dispose closes every connection.
/// </summary>
public sealed class RedisAdapters : IAsyncDisposable
{
    private RedisAdapters(RedisClient client, RedisSubscriber? subscriber, RedisLatestStateStore latest, RedisChangeFeed changes)
    {
        Client = client;
        Subscriber = subscriber;
        Latest = latest;
        Changes = changes;
    }

    public RedisClient Client { get; }

    public RedisSubscriber? Subscriber { get; }

    public RedisLatestStateStore Latest { get; }

    public RedisChangeFeed Changes { get; }

    /// <param name="password">From the secret (ECS secret or Parameters and Secrets extension); falls back to settings.</param>
    public static Task<RedisAdapters> ConnectAsync(AwsSettings settings, string? password, bool subscribe, ILogger? logger, CancellationToken ct) =>
        ConnectAsync(RedisOptions.FromSettings(settings, password), settings.Environment, subscribe, logger, ct);

    public static async Task<RedisAdapters> ConnectAsync(RedisOptions options, string environment, bool subscribe, ILogger? logger, CancellationToken ct)
    {
        var client = await RedisClient.ConnectAsync(options, logger, ct);
        RedisSubscriber? subscriber = null;
        try
        {
            RedisChangeFeed changes;
            if (subscribe)
            {
                subscriber = await RedisSubscriber.ConnectAsync(options, logger, ct);
                changes = await RedisChangeFeed.CreateSubscribedAsync(client, subscriber, environment, logger, ct);
            }
            else
            {
                changes = new RedisChangeFeed(client, environment, logger);
            }

            return new RedisAdapters(client, subscriber, new RedisLatestStateStore(client, environment), changes);
        }
        catch
        {
            if (subscriber is not null)
            {
                await subscriber.DisposeAsync();
            }

            await client.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Subscriber is not null)
        {
            await Subscriber.DisposeAsync();
        }

        await Client.DisposeAsync();
    }
}
