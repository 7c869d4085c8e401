using StackExchange.Redis;

namespace Frgm.Storage.Aws.Redis;

/// <summary>
/// MemoryDB (or the local redis-server standing in for it) could not be connected to; the message says why and what
/// to check, and never contains the password.
/// </summary>
public sealed class MemoryDbConnectionException : Exception
{
    public MemoryDbConnectionException()
    {
    }

    public MemoryDbConnectionException(string message)
        : base(message)
    {
    }

    public MemoryDbConnectionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    internal static MemoryDbConnectionException From(RedisOptions options, string? certificateFailure, RedisConnectionException error)
    {
        var where = $"MemoryDB (Redis) at {options.Endpoint}";
        var text = error.ToString();
        if (certificateFailure is not null)
        {
            return new MemoryDbConnectionException(
                $"{where}: its TLS certificate is not trusted ({certificateFailure}). On AWS the issuer must be in the system "
                + "trust store; for a local server set Frgm__Aws__RedisCaCertificatePath to its CA.", error);
        }

        if (text.Contains("WRONGPASS", StringComparison.Ordinal) || text.Contains("NOAUTH", StringComparison.Ordinal)
            || error.FailureType == ConnectionFailureType.AuthenticationFailure)
        {
            return new MemoryDbConnectionException(
                $"{where} refused the credentials of ACL user '{options.User ?? "default"}' (wrong or missing password): "
                + "check the user's password in the MemoryDB secret.", error);
        }

        return new MemoryDbConnectionException($"{where} is unreachable ({error.FailureType}): {error.Message}", error);
    }
}
