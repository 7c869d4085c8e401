using System.Globalization;
using Frgm.Storage.Aws.Redis;

namespace Frgm.Storage.Tests.Redis;

/// <summary>The RESP client against a real redis-server with TLS and an ACL user (the default user off).</summary>
[Trait("Needs", "servers")]
public class RedisClientTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Connects_over_tls_as_the_acl_user_and_round_trips()
    {
        await using var client = await redis.ConnectAsync();
        await client.ExecuteAsync(new RedisCommand("SET", "client:roundtrip", "värde"), Ct);
        var value = await client.ExecuteAsync(new RedisCommand("GET", "client:roundtrip"), Ct);
        Assert.Equal("värde", value.AsString("GET"));
        var who = await client.ExecuteAsync(new RedisCommand("ACL", "WHOAMI"), Ct);
        Assert.Equal(redis.Server.User, who.AsString("ACL WHOAMI"));
        Assert.Null((await client.ExecuteAsync(new RedisCommand("GET", "client:missing"), Ct)).AsString("GET"));
    }

    [Fact]
    public async Task Wrong_password_fails_with_a_clear_authentication_error()
    {
        var options = redis.Options() with { Password = "not-the-password" };
        var error = await Assert.ThrowsAsync<RedisAuthenticationException>(() => RedisClient.ConnectAsync(options, ct: Ct));
        Assert.Contains("WRONGPASS", error.Message, StringComparison.Ordinal);
        Assert.Contains(redis.Server.User!, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_password_against_an_acl_server_fails_with_noauth()
    {
        var options = redis.Options() with { User = null, Password = null };
        var error = await Assert.ThrowsAsync<RedisAuthenticationException>(() => RedisClient.ConnectAsync(options, ct: Ct));
        Assert.Contains("NOAUTH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untrusted_certificate_fails_when_no_ca_is_given()
    {
        var options = redis.Options() with { CaCertificatePath = null };
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync(options, ct: Ct));
        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
        Assert.Contains("not trusted", error.Message, StringComparison.Ordinal);
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
    public async Task Pipelining_10k_commands_returns_matched_replies_in_order()
    {
        await using var client = await redis.ConnectAsync();
        var tasks = Enumerable.Range(0, 10_000)
            .Select(i => client.ExecuteAsync(new RedisCommand("ECHO", "m" + i.ToString(CultureInfo.InvariantCulture)), Ct))
            .ToList();
        var replies = await Task.WhenAll(tasks);
        for (var i = 0; i < replies.Length; i++)
        {
            Assert.Equal("m" + i.ToString(CultureInfo.InvariantCulture), replies[i].AsString("ECHO"));
        }
    }

    [Fact]
    public async Task Batch_sends_many_commands_and_returns_errors_in_place()
    {
        await using var client = await redis.ConnectAsync();
        RedisCommand[] batch =
        [
            new("DEL", "client:batch"),
            new("RPUSH", "client:batch", "a", "b"),
            new("INCR", "client:batch"), // WRONGTYPE: returned, not thrown
            new("LRANGE", "client:batch", 0L, -1L),
        ];
        var replies = await client.ExecuteBatchAsync(batch, Ct);
        Assert.Equal(4, replies.Count);
        Assert.Equal(2, replies[1].AsInteger("RPUSH"));
        Assert.Equal("WRONGTYPE", Assert.IsType<RedisError>(replies[2]).Code);
        Assert.Equal(["a", "b"], replies[3].AsArray("LRANGE")!.Select(r => r.AsString("LRANGE")));
        var thrown = await Assert.ThrowsAsync<RedisServerException>(() => client.ExecuteAsync(new RedisCommand("INCR", "client:batch"), Ct));
        Assert.Equal("INCR", thrown.Command);
    }

    [Fact]
    public async Task Transaction_returns_exec_results_and_rejects_a_bad_command()
    {
        await using var client = await redis.ConnectAsync();
        var results = await client.ExecuteTransactionAsync(
            [new("SET", "client:tx", "1"), new("INCRBY", "client:tx", 41L), new("GET", "client:tx")], Ct);
        Assert.Equal(42, results[1].AsInteger("INCRBY"));
        Assert.Equal("42", results[2].AsString("GET"));

        var error = await Assert.ThrowsAsync<RedisServerException>(() =>
            client.ExecuteTransactionAsync([new("SET", "client:tx", "2"), new("NOSUCHCOMMAND")], Ct));
        Assert.Contains("NOSUCHCOMMAND", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("42", (await client.ExecuteAsync(new RedisCommand("GET", "client:tx"), Ct)).AsString("GET"));
    }

    [Fact]
    public async Task Blocked_command_times_out_naming_it_and_the_connection_recovers()
    {
        await using var client = await redis.ConnectAsync(TimeSpan.FromMilliseconds(200));
        var error = await Assert.ThrowsAsync<RedisTimeoutException>(() =>
            client.ExecuteAsync(new RedisCommand("BLPOP", "client:never-filled", 10L), Ct));
        Assert.Contains("BLPOP", error.Message, StringComparison.Ordinal);

        // The blocked connection was reset: a PING is answered now, not after BLPOP's 10 s.
        var pong = await RetryAsync(() => client.ExecuteAsync(new RedisCommand("PING"), Ct));
        Assert.Equal("PONG", pong.AsString("PING"));
    }

    [Fact]
    public async Task Large_values_round_trip()
    {
        await using var client = await redis.ConnectAsync();
        var big = new byte[3_000_000];
        new Random(1).NextBytes(big);
        await client.ExecuteAsync(new RedisCommand("SET", "client:big", big), Ct);
        var back = Assert.IsType<RedisBulkString>(await client.ExecuteAsync(new RedisCommand("GET", "client:big"), Ct));
        Assert.Equal(big, back.Value);
    }

    /// <summary>Retries only the connection errors the reconnect produces, up to a generous bound.</summary>
    internal static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
