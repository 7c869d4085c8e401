using System.Text;
using Frgm.Storage.Aws.Redis;

namespace Frgm.Storage.Tests.Redis;

public class RespStreamReaderTests
{
    [Fact]
    public async Task Reads_replies_from_a_stream_that_yields_one_byte_per_read()
    {
        var big = new string('x', 200_000); // larger than the reader's initial buffer
        var wire = $"+OK\r\n${big.Length}\r\n{big}\r\n*2\r\n:1\r\n*-1\r\n";
        var reader = new RespStreamReader(new TrickleStream(Encoding.UTF8.GetBytes(wire), chunk: 1));

        Assert.Equal("OK", Assert.IsType<RedisSimpleString>(await reader.ReadAsync(CancellationToken.None)).Value);
        Assert.Equal(big, Assert.IsType<RedisBulkString>(await reader.ReadAsync(CancellationToken.None)).Text);
        var array = Assert.IsType<RedisArray>(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(RedisNull.Array, array.Items[1]);
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reads_many_small_replies_arriving_in_odd_sized_chunks()
    {
        var wire = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            wire.Append(System.Globalization.CultureInfo.InvariantCulture, $":{i}\r\n$3\r\nv{i % 10}x\r\n");
        }

        var reader = new RespStreamReader(new TrickleStream(Encoding.UTF8.GetBytes(wire.ToString()), chunk: 7));
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i, Assert.IsType<RedisInteger>(await reader.ReadAsync(CancellationToken.None)).Value);
            Assert.Equal($"v{i % 10}x", Assert.IsType<RedisBulkString>(await reader.ReadAsync(CancellationToken.None)).Text);
        }
    }

    /// <summary>A read-only stream that hands out at most <c>chunk</c> bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
