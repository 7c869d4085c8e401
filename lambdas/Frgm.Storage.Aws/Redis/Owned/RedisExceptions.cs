namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>Base of every error the RESP client raises.</summary>
public class RedisException : Exception
{
    public RedisException()
    {
    }

    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// The connection could not be opened, dropped while the command was in flight, or is still being re-established.
/// The command may or may not have run: callers retry (every FRGM write is idempotent).
/// </summary>
public class RedisConnectionException : RedisException
{
    public RedisConnectionException()
    {
    }

    public RedisConnectionException(string message)
        : base(message)
    {
    }

    public RedisConnectionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The server refused the credentials (WRONGPASS) or requires AUTH that was not configured (NOAUTH).</summary>
public sealed class RedisAuthenticationException : RedisConnectionException
{
    public RedisAuthenticationException()
    {
    }

    public RedisAuthenticationException(string message)
        : base(message)
    {
    }

    public RedisAuthenticationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>No reply within the command timeout. The connection is reset, so later commands are not stuck behind it.</summary>
public sealed class RedisTimeoutException : RedisException
{
    public RedisTimeoutException()
    {
    }

    public RedisTimeoutException(string message)
        : base(message)
    {
    }

    public RedisTimeoutException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The server answered with an error reply (<c>-ERR ...</c>).</summary>
public sealed class RedisServerException : RedisException
{
    public RedisServerException()
    {
    }

    public RedisServerException(string message)
        : base(message)
    {
    }

    public RedisServerException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RedisServerException(string command, string serverMessage)
        : base($"Redis {command} failed: {serverMessage}")
    {
        Command = command;
        ServerMessage = serverMessage;
    }

    public string? Command { get; }

    public string? ServerMessage { get; }
}

/// <summary>The bytes from the server are not valid RESP2.</summary>
public sealed class RedisProtocolException : RedisException
{
    public RedisProtocolException()
    {
    }

    public RedisProtocolException(string message)
        : base(message)
    {
    }

    public RedisProtocolException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
