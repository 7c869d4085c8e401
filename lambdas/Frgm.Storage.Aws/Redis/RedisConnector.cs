using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Frgm.Storage.Aws.Redis;

/// <summary>
/// Opens the process's one StackExchange.Redis multiplexer: TLS validated against the system roots (plus the
/// configured CA for local tests), the ACL user and password, cluster topology discovered from the endpoint.
/// Reconnecting and re-subscribing are the library's. A connection that cannot be made fails at once with a
/// <see cref="MemoryDbConnectionException"/> that says why (refused credentials, untrusted certificate, no answer).
/// </summary>
internal static class RedisConnector
{
    public static async Task<IConnectionMultiplexer> ConnectAsync(RedisOptions options, ILogger? logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ct.ThrowIfCancellationRequested();
        var validator = options.Tls ? new RedisCertificateValidator(options.CaCertificatePath) : null;
        var configuration = new ConfigurationOptions
        {
            EndPoints = { { options.Host, options.Port } },
            Ssl = options.Tls,
            User = options.User,
            Password = options.Password,
            // Redis 7.0 (and MemoryDB's engine) answer CLIENT SETINFO with an error the library would log on every connect.
            SetClientLibrary = false,
            ClientName = "frgm",
            AbortOnConnectFail = true,
            ConnectRetry = 1,
            ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds,
            SyncTimeout = (int)options.CommandTimeout.TotalMilliseconds,
            AsyncTimeout = (int)options.CommandTimeout.TotalMilliseconds,
            LoggerFactory = null,
        };
        if (validator is not null)
        {
            configuration.CertificateValidation += validator.Validate;
        }

        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(ct);
            logger?.LogInformation("MemoryDB connected at {Endpoint} ({Nodes} node(s))", options, multiplexer.GetEndPoints().Length);
            return multiplexer;
        }
        catch (RedisConnectionException ex)
        {
            throw MemoryDbConnectionException.From(options, validator?.LastFailure, ex);
        }
    }
}
