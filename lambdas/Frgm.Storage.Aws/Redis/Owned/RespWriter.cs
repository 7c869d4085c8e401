using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Frgm.Storage.Aws.Redis.Owned;

/// <summary>Encodes commands as RESP2 arrays of bulk strings straight into a buffer (no intermediate strings).</summary>
internal static class RespWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    public static void Write(IBufferWriter<byte> output, RedisCommand command)
    {
        WriteHeader(output, (byte)'*', command.Arguments.Count);
        foreach (var argument in command.Arguments)
        {
            WriteArgument(output, argument);
        }
    }

    private static void WriteArgument(IBufferWriter<byte> output, RedisArg argument)
    {
        if (argument.IsBytes)
        {
            WriteHeader(output, (byte)'$', argument.Bytes.Length);
            output.Write(argument.Bytes.Span);
        }
        else if (argument.IsInteger)
        {
            Span<byte> digits = stackalloc byte[20];
            Utf8Formatter.TryFormat(argument.Integer, digits, out var written);
            WriteHeader(output, (byte)'$', written);
            output.Write(digits[..written]);
        }
        else
        {
            var text = argument.Text!;
            var length = Encoding.UTF8.GetByteCount(text);
            WriteHeader(output, (byte)'$', length);
            var span = output.GetSpan(length);
            Encoding.UTF8.GetBytes(text, span);
            output.Advance(length);
        }

        output.Write(Crlf);
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte prefix, int length)
    {
        var span = output.GetSpan(16);
        span[0] = prefix;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(3 + written);
    }
}
