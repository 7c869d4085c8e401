using System.Text;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>One RESP2 reply. The subtypes are the protocol's reply kinds; <see cref="RedisNull"/> covers both nulls.</summary>
public abstract record RedisReply
{
    /// <summary>The text of a simple or bulk string, null for a null reply; anything else is an unexpected reply.</summary>
    public string? AsString(string command) => this switch
    {
        RedisSimpleString s => s.Value,
        RedisBulkString b => b.Text,
        RedisNull => null,
        _ => throw Unexpected(command, "a string"),
    };

    public long AsInteger(string command) => this switch
    {
        RedisInteger i => i.Value,
        _ => throw Unexpected(command, "an integer"),
    };

    /// <summary>The items of an array reply, null for a null array (e.g. EXEC after a WATCH conflict).</summary>
    public IReadOnlyList<RedisReply>? AsArray(string command) => this switch
    {
        RedisArray a => a.Items,
        RedisNull => null,
        _ => throw Unexpected(command, "an array"),
    };

    /// <summary>Throws <see cref="RedisServerException"/> when this is an error reply; returns this otherwise.</summary>
    public RedisReply ThrowIfError(string command) =>
        this is RedisError e ? throw new RedisServerException(command, e.Message) : this;

    private Exception Unexpected(string command, string expected) => this is RedisError e
        ? new RedisServerException(command, e.Message)
        : new RedisProtocolException($"{command}: expected {expected} reply, got {GetType().Name}");
}

/// <summary><c>+OK</c></summary>
public sealed record RedisSimpleString(string Value) : RedisReply;

/// <summary><c>-ERR message</c>. Code is the first word (ERR, WRONGPASS, NOSCRIPT, ...).</summary>
public sealed record RedisError(string Message) : RedisReply
{
    public string Code => Message.Split(' ', 2)[0];
}

/// <summary><c>:42</c></summary>
public sealed record RedisInteger(long Value) : RedisReply;

/// <summary><c>$5\r\nhello</c>: binary-safe bytes; <see cref="Text"/> decodes them as UTF-8.</summary>
public sealed record RedisBulkString(byte[] Value) : RedisReply
{
    public string Text => Encoding.UTF8.GetString(Value);
}

/// <summary><c>*2\r\n...</c></summary>
public sealed record RedisArray(IReadOnlyList<RedisReply> Items) : RedisReply;

/// <summary><c>$-1</c> (null bulk string) or <c>*-1</c> (null array).</summary>
public sealed record RedisNull(bool IsArray) : RedisReply
{
    public static readonly RedisNull Bulk = new(false);
    public static readonly RedisNull Array = new(true);
}
