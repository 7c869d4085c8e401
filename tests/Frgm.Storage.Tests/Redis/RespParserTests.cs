using System.Buffers;
using System.Text;
using Frgm.Storage.Aws.Redis;

namespace Frgm.Storage.Tests.Redis;

public class RespParserTests
{
    [Fact]
    public void Parses_every_reply_type()
    {
        Assert.Equal("OK", Assert.IsType<RedisSimpleString>(ParseOne("+OK\r\n")).Value);
        Assert.Equal("WRONGTYPE bad", Assert.IsType<RedisError>(ParseOne("-WRONGTYPE bad\r\n")).Message);
        Assert.Equal("WRONGTYPE", Assert.IsType<RedisError>(ParseOne("-WRONGTYPE bad\r\n")).Code);
        Assert.Equal(-42, Assert.IsType<RedisInteger>(ParseOne(":-42\r\n")).Value);
        Assert.Equal("a\r\nb", Assert.IsType<RedisBulkString>(ParseOne("$4\r\na\r\nb\r\n")).Text);
        Assert.Equal(string.Empty, Assert.IsType<RedisBulkString>(ParseOne("$0\r\n\r\n")).Text);
        Assert.Equal(RedisNull.Bulk, ParseOne("$-1\r\n"));
        Assert.Equal(RedisNull.Array, ParseOne("*-1\r\n"));
        Assert.Empty(Assert.IsType<RedisArray>(ParseOne("*0\r\n")).Items);
    }

    [Fact]
    public void Parses_nested_arrays_with_nulls_inside()
    {
        var reply = Assert.IsType<RedisArray>(ParseOne("*3\r\n*2\r\n:1\r\n*1\r\n$1\r\nx\r\n$-1\r\n*2\r\n*-1\r\n+s\r\n"));
        var first = Assert.IsType<RedisArray>(reply.Items[0]);
        Assert.Equal(1, Assert.IsType<RedisInteger>(first.Items[0]).Value);
        Assert.Equal("x", Assert.IsType<RedisBulkString>(Assert.IsType<RedisArray>(first.Items[1]).Items[0]).Text);
        Assert.Equal(RedisNull.Bulk, reply.Items[1]);
        var third = Assert.IsType<RedisArray>(reply.Items[2]);
        Assert.Equal(RedisNull.Array, third.Items[0]);
        Assert.Equal("s", Assert.IsType<RedisSimpleString>(third.Items[1]).Value);
    }

    [Fact]
    public void Reply_arriving_one_byte_at_a_time_parses_the_same()
    {
        const string wire = "*2\r\n$5\r\nhello\r\n*2\r\n:7\r\n$-1\r\n+PONG\r\n";
        var bytes = Encoding.UTF8.GetBytes(wire);
        var parser = new RespParser();
        var received = new List<byte>();
        var consumed = 0;
        var replies = new List<RedisReply>();
        foreach (var b in bytes)
        {
            received.Add(b);
            while (parser.TryRead(received.ToArray(), ref consumed, out var reply))
            {
                replies.Add(reply);
            }
        }

        Assert.Equal(2, replies.Count);
        Assert.Equal(bytes.Length, consumed);
        var array = Assert.IsType<RedisArray>(replies[0]);
        Assert.Equal("hello", Assert.IsType<RedisBulkString>(array.Items[0]).Text);
        Assert.Equal(7, Assert.IsType<RedisInteger>(Assert.IsType<RedisArray>(array.Items[1]).Items[0]).Value);
        Assert.Equal(RedisNull.Bulk, Assert.IsType<RedisArray>(array.Items[1]).Items[1]);
        Assert.Equal("PONG", Assert.IsType<RedisSimpleString>(replies[1]).Value);
    }

    [Fact]
    public void Incomplete_bulk_string_consumes_nothing_until_its_last_byte()
    {
        var parser = new RespParser();
        var consumed = 0;
        Assert.False(parser.TryRead("$5\r\nhel"u8, ref consumed, out _));
        Assert.Equal(0, consumed);
        Assert.False(parser.TryRead("$5\r\nhello\r"u8, ref consumed, out _));
        Assert.True(parser.TryRead("$5\r\nhello\r\n"u8, ref consumed, out var reply));
        Assert.Equal("hello", Assert.IsType<RedisBulkString>(reply).Text);
    }

    [Theory]
    [InlineData("!oops\r\n", "unknown RESP type")]
    [InlineData(":12x\r\n", "invalid RESP integer")]
    [InlineData("$3\r\nabcd\r\n", "not terminated by CRLF")]
    [InlineData("*-2\r\n", "invalid array length")]
    public void Malformed_input_raises_a_protocol_error(string wire, string expected)
    {
        var parser = new RespParser();
        var consumed = 0;
        var error = Assert.Throws<RedisProtocolException>(() => parser.TryRead(Encoding.UTF8.GetBytes(wire), ref consumed, out _));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_encodes_text_bytes_and_integers_as_bulk_strings()
    {
        var buffer = new ArrayBufferWriter<byte>();
        RespWriter.Write(buffer, new RedisCommand("SET", "clé", RedisArg.FromBytes(new byte[] { 0, 13, 10 }), -17L));
        Assert.Equal("*4\r\n$3\r\nSET\r\n$4\r\nclé\r\n$3\r\n\0\r\n\r\n$3\r\n-17\r\n", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Backoff_grows_exponentially_within_jitter_and_stays_bounded()
    {
        var min = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(2);
        var random = new Random(7);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var cap = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, attempt));
            var delay = RedisBackoff.Delay(attempt, min, max, random).TotalMilliseconds;
            Assert.InRange(delay, cap / 2, cap);
        }
    }

    private static RedisReply ParseOne(string wire)
    {
        var bytes = Encoding.UTF8.GetBytes(wire);
        var consumed = 0;
        Assert.True(new RespParser().TryRead(bytes, ref consumed, out var reply));
        Assert.Equal(bytes.Length, consumed);
        return reply;
    }
}
