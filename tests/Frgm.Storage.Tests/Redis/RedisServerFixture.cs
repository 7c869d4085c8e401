using Frgm.Storage.Aws.Redis;
using Frgm.TestSupport;
using StackExchange.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>One TLS + ACL redis-server per test class (xunit class fixture), and options to reach it.</summary>
public sealed class RedisServerFixture : IDisposable
{
    public RedisServer Server { get; } = new(tls: true);

    /// <summary>Trusts the throwaway CA and authenticates as the ACL user; short timeouts keep fault tests quick.</summary>
    public RedisOptions Options(TimeSpan? commandTimeout = null) => For(Server, commandTimeout);

    public static RedisOptions For(IRedisTarget target, TimeSpan? commandTimeout = null) => new()
    {
        Host = target.Host,
        Port = target.Port,
        Tls = target.Tls,
        User = target.User,
        Password = target.Password,
        CaCertificatePath = target.CaCertPath,
        CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(5),
    };

    /// <summary>The production connection path (<see cref="RedisAdapters"/>), publish-only, on a fresh environment prefix.</summary>
    public Task<RedisAdapters> ConnectAsync(string environment, TimeSpan? commandTimeout = null, bool subscribe = false) =>
        RedisAdapters.ConnectAsync(Options(commandTimeout), environment, subscribe, null, CancellationToken.None);

    public void Dispose() => Server.Dispose();
}
