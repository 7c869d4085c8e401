using System.Globalization;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>One argument of a command: text (sent as UTF-8), raw bytes or an integer, without boxing or copying.</summary>
public readonly struct RedisArg : IEquatable<RedisArg>
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _integer;
    private readonly byte _kind; // 0 text, 1 bytes, 2 integer

    private RedisArg(string? text, ReadOnlyMemory<byte> bytes, long integer, byte kind)
    {
        _text = text;
        _bytes = bytes;
        _integer = integer;
        _kind = kind;
    }

    internal string? Text => _kind == 0 ? _text ?? string.Empty : null;

    internal ReadOnlyMemory<byte> Bytes => _bytes;

    internal bool IsBytes => _kind == 1;

    internal bool IsInteger => _kind == 2;

    internal long Integer => _integer;

    public static implicit operator RedisArg(string text) => FromString(text);

    public static implicit operator RedisArg(long value) => FromInt64(value);

    public static implicit operator RedisArg(byte[] bytes) => FromBytes(bytes);

    public static bool operator ==(RedisArg left, RedisArg right) => left.Equals(right);

    public static bool operator !=(RedisArg left, RedisArg right) => !left.Equals(right);

    public static RedisArg FromString(string text) => new(text, default, 0, 0);

    public static RedisArg FromInt64(long value) => new(null, default, value, 2);

    public static RedisArg FromBytes(ReadOnlyMemory<byte> bytes) => new(null, bytes, 0, 1);

    public override string ToString() => _kind switch
    {
        0 => _text ?? string.Empty,
        2 => _integer.ToString(CultureInfo.InvariantCulture),
        _ => $"<{_bytes.Length} bytes>",
    };

    public bool Equals(RedisArg other) =>
        _kind == other._kind && _integer == other._integer && string.Equals(_text, other._text, StringComparison.Ordinal)
        && _bytes.Span.SequenceEqual(other._bytes.Span);

    public override bool Equals(object? obj) => obj is RedisArg other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_kind, _integer, _text, _bytes.Length);
}

/// <summary>A command as the array of bulk strings RESP2 sends; the first argument is its name.</summary>
public sealed class RedisCommand
{
    public RedisCommand(params RedisArg[] arguments)
    {
        if (arguments.Length == 0 || arguments[0].Text is not { Length: > 0 })
        {
            throw new ArgumentException("a command needs its name as the first argument", nameof(arguments));
        }

        Arguments = arguments;
    }

    public IReadOnlyList<RedisArg> Arguments { get; }

    /// <summary>The command name, upper case, as used in error messages (never the arguments: they may hold secrets).</summary>
    public string Name => Arguments[0].Text!.ToUpperInvariant();

    public override string ToString() => Name;
}
