using Frgm.Storage.Aws.Redis;
using StackExchange.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>The connection path (TLS, ACL user, certificate checks) against a real redis-server with the default user off.</summary>
[Trait("Needs", "servers")]
public class RedisConnectionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Connects_over_tls_as_the_acl_user_and_round_trips()
    {
        await using var adapters = await redis.ConnectAsync("conn");
        var db = adapters.Multiplexer.GetDatabase();
        await db.StringSetAsync("client:roundtrip", "värde");
        Assert.Equal("värde", (string?)await db.StringGetAsync("client:roundtrip"));
        Assert.Equal(redis.Server.User, (string?)await db.ExecuteAsync("ACL", "WHOAMI"));
        Assert.EndsWith(":" + redis.Server.Port, (await db.IdentifyEndpointAsync())!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_fails_with_a_clear_message_naming_memorydb_and_the_user()
    {
        var options = redis.Options() with { Password = "not-the-password" };
        var error = await Assert.ThrowsAsync<MemoryDbConnectionException>(
            () => RedisAdapters.ConnectAsync(options, "conn", subscribe: false, null, Ct));
        Assert.StartsWith($"MemoryDB (Redis) at {options.Endpoint} refused the credentials of ACL user '{redis.Server.User}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_password_against_an_acl_server_fails_naming_memorydb()
    {
        var options = redis.Options() with { User = null, Password = null };
        var error = await Assert.ThrowsAsync<MemoryDbConnectionException>(
            () => RedisAdapters.ConnectAsync(options, "conn", subscribe: false, null, Ct));
        Assert.Contains("MemoryDB (Redis) at " + options.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("refused the credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untrusted_certificate_fails_with_a_clear_message_naming_memorydb()
    {
        var options = redis.Options() with { CaCertificatePath = null };
        var error = await Assert.ThrowsAsync<MemoryDbConnectionException>(
            () => RedisAdapters.ConnectAsync(options, "conn", subscribe: false, null, Ct));
        Assert.StartsWith($"MemoryDB (Redis) at {options.Endpoint}: its TLS certificate is not trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains("RedisCaCertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_name_mismatch_is_refused_even_when_the_ca_is_trusted()
    {
        var validator = new RedisCertificateValidator(redis.Server.CaCertPath);
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(redis.Server.CaCertPath!);
        Assert.False(validator.Validate(this, certificate, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(validator.Validate(this, certificate, null,
            System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch | System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("RemoteCertificateNameMismatch", validator.LastFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_string_never_shows_the_password()
    {
        var options = redis.Options();
        Assert.DoesNotContain(options.Password!, options.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Retries only the connection errors a restart produces, up to a generous bound.</summary>
    internal static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
