using System.Buffers.Text;
using System.Text;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>
/// Incremental RESP2 parser. It consumes only whole elements (a line, or a complete bulk string) and keeps the
/// arrays it is inside on a stack between calls, so a large reply arriving in many reads is scanned once, and a
/// reply split anywhere (even one byte at a time) parses the same as one that arrives whole.
/// </summary>
internal sealed class RespParser
{
    private readonly Stack<Frame> _open = new();

    /// <summary>True while a reply has been started but not finished.</summary>
    public bool InProgress => _open.Count > 0;

    /// <summary>
    /// Parses from <paramref name="data"/>, advancing <paramref name="consumed"/> past whatever it used.
    /// Returns true with a reply when one completes; false when more bytes are needed (call again with them
    /// appended to the bytes after <paramref name="consumed"/>).
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> data, ref int consumed, out RedisReply reply)
    {
        while (true)
        {
            if (!TryReadElement(data, ref consumed, out var element, out var arrayLength))
            {
                reply = null!;
                return false;
            }

            if (element is null)
            {
                _open.Push(new Frame(new RedisReply[arrayLength]));
                continue;
            }

            // Attach the element to the array it belongs to, closing every array it completes.
            while (_open.Count > 0)
            {
                var frame = _open.Peek();
                frame.Items[frame.Filled++] = element;
                if (frame.Filled < frame.Items.Length)
                {
                    break;
                }

                _open.Pop();
                element = new RedisArray(frame.Items);
            }

            if (_open.Count == 0)
            {
                reply = element;
                return true;
            }
        }
    }

    /// <summary>Reads one element; a non-empty array header yields null and its length.</summary>
    private static bool TryReadElement(ReadOnlySpan<byte> data, ref int consumed, out RedisReply? element, out int arrayLength)
    {
        element = null;
        arrayLength = 0;
        var rest = data[consumed..];
        var lineEnd = rest.IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return false;
        }

        if (lineEnd == 0)
        {
            throw new RedisProtocolException("empty RESP line");
        }

        var line = rest[1..lineEnd];
        var headerLength = lineEnd + 2;
        switch (rest[0])
        {
            case (byte)'+':
                element = new RedisSimpleString(Encoding.UTF8.GetString(line));
                break;
            case (byte)'-':
                element = new RedisError(Encoding.UTF8.GetString(line));
                break;
            case (byte)':':
                element = new RedisInteger(ParseLong(line, "integer"));
                break;
            case (byte)'$':
                var length = ParseLong(line, "bulk length");
                if (length == -1)
                {
                    element = RedisNull.Bulk;
                    break;
                }

                if (length < 0 || length > int.MaxValue - 2)
                {
                    throw new RedisProtocolException($"invalid bulk length {length}");
                }

                if (rest.Length < headerLength + length + 2)
                {
                    return false;
                }

                if (rest[headerLength + (int)length] != '\r' || rest[headerLength + (int)length + 1] != '\n')
                {
                    throw new RedisProtocolException("bulk string not terminated by CRLF");
                }

                element = new RedisBulkString(rest.Slice(headerLength, (int)length).ToArray());
                headerLength += (int)length + 2;
                break;
            case (byte)'*':
                var count = ParseLong(line, "array length");
                if (count == -1)
                {
                    element = RedisNull.Array;
                }
                else if (count == 0)
                {
                    element = new RedisArray([]);
                }
                else if (count < 0 || count > int.MaxValue)
                {
                    throw new RedisProtocolException($"invalid array length {count}");
                }
                else
                {
                    arrayLength = (int)count;
                }

                break;
            default:
                throw new RedisProtocolException($"unknown RESP type byte 0x{rest[0]:X2}");
        }

        consumed += headerLength;
        return true;
    }

    private static long ParseLong(ReadOnlySpan<byte> text, string what) =>
        Utf8Parser.TryParse(text, out long value, out var used) && used == text.Length
            ? value
            : throw new RedisProtocolException($"invalid RESP {what} '{Encoding.UTF8.GetString(text)}'");

    private sealed class Frame(RedisReply[] items)
    {
        public RedisReply[] Items { get; } = items;

        public int Filled { get; set; }
    }
}
