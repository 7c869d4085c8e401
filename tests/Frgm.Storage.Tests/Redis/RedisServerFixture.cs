using Frgm.Storage.Aws.Redis;
using Frgm.TestSupport;

namespace Frgm.Storage.Tests.Redis;

/// <summary>One TLS + ACL redis-server per test class (xunit class fixture), and options to reach it.</summary>
public sealed class RedisServerFixture : IDisposable
{
    public RedisServer Server { get; } = new(tls: true);

    /// <summary>Trusts the throwaway CA and authenticates as the ACL user; short timeouts keep fault tests quick.</summary>
    public RedisOptions Options(TimeSpan? commandTimeout = null) => new()
    {
        Host = Server.Host,
        Port = Server.Port,
        Tls = true,
        User = Server.User,
        Password = Server.Password,
        CaCertificatePath = Server.CaCertPath,
        CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(5),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    public Task<RedisClient> ConnectAsync(TimeSpan? commandTimeout = null) =>
        RedisClient.ConnectAsync(Options(commandTimeout), ct: CancellationToken.None);

    public void Dispose() => Server.Dispose();
}
