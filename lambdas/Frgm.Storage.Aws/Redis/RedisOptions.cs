namespace Frgm.Storage.Aws.Redis;

/// <summary>Where and how to reach MemoryDB (or a local redis-server). TLS and certificate validation are on unless switched off.</summary>
public sealed record RedisOptions
{
    /// <summary>The cluster endpoint (MemoryDB) or one node; the other shards are discovered from it.</summary>
    public required string Host { get; init; }

    public required int Port { get; init; }

    public bool Tls { get; init; } = true;

    /// <summary>ACL user (MemoryDB). Null authenticates as the default user; a null password sends no AUTH at all.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>PEM file of an extra CA trusted for the server certificate, besides the system roots (local tests).</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>How long a command may wait for its reply, including while the library reconnects.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Options from the <c>Frgm:Aws</c> settings. The password is passed separately because it comes from a secret
    /// (ECS secret for the dashboard, the Parameters and Secrets extension for Lambdas), never from plain settings.
    /// </summary>
    public static RedisOptions FromSettings(AwsSettings settings, string? password)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RedisOptions
        {
            Host = settings.RedisHost,
            Port = settings.RedisPort,
            Tls = settings.RedisTls,
            User = settings.RedisUser,
            Password = password ?? settings.RedisPassword,
            CaCertificatePath = settings.RedisCaCertificatePath,
            ConnectTimeout = TimeSpan.FromSeconds(settings.RedisConnectTimeoutSeconds),
        };
    }

    /// <summary>host:port for messages; never includes credentials.</summary>
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>Omits the password so options can be logged.</summary>
    public override string ToString() => $"{Endpoint} tls={Tls} user={User ?? "(none)"}";
}
