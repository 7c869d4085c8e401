namespace Frgm.TestSupport;

/// <summary>What a client needs to reach a local single-node server or cluster: where, TLS, and the ACL user.</summary>
public interface IRedisTarget
{
    /// <summary>The host name the server certificates are issued for.</summary>
    string Host { get; }

    /// <summary>The port to connect to (for a cluster: one node, the rest are discovered).</summary>
    int Port { get; }

    bool Tls { get; }

    /// <summary>PEM of the throwaway CA that signed the server certificates; null without TLS.</summary>
    string? CaCertPath { get; }

    string? User { get; }

    string? Password { get; }
}
