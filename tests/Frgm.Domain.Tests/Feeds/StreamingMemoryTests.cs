using System.Text;
using Frgm.Domain.Feeds;

namespace Frgm.Domain.Tests.Feeds;

/// <summary>
/// Parsers stream: a ~50 MB file is read with a bounded managed heap, and rows arrive before the end is read.
/// The heap is sampled after a forced collection, so it measures what the parser keeps alive, not garbage
/// that the next gen-0 collection would free.
/// </summary>
public class StreamingMemoryTests
{
    private const long TargetBytes = 50L * 1024 * 1024;
    private const long MaxHeapGrowth = 32L * 1024 * 1024;

    [Fact]
    public void Fifty_megabyte_market_data_file_parses_with_bounded_memory()
    {
        using var content = new GeneratedMarketDataStream(TargetBytes);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        long rows = 0;
        decimal priceSum = 0;

        foreach (var row in FeedParsers.MarketData(content, FeedText.Fallback))
        {
            Assert.True(row.IsValid, row.ToRowError().ToString());
            priceSum += row.Value!.Price;
            if (++rows % 100_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        Assert.Equal(content.RowsWritten, rows);
        Assert.True(content.Position >= TargetBytes, $"only {content.Position} bytes were generated");
        Assert.Equal(content.PriceSum, priceSum);
        Assert.True(peak - baseline < MaxHeapGrowth, $"managed heap grew by {(peak - baseline) / (1024 * 1024)} MB while parsing");
    }

    [Fact]
    public void First_row_arrives_before_the_file_is_read()
    {
        using var content = new GeneratedMarketDataStream(TargetBytes);
        using var rows = FeedParsers.MarketData(content, FeedText.Fallback).GetEnumerator();

        Assert.True(rows.MoveNext());
        Assert.Equal("INS0", rows.Current.Value!.Instrument);
        Assert.True(content.Position < 1024 * 1024, $"{content.Position} bytes were read to yield the first row");
    }

    /// <summary>Writes market-data rows on demand, so the test itself holds no file in memory.</summary>
    private sealed class GeneratedMarketDataStream(long targetBytes) : Stream
    {
        private const int DistinctLines = 4096;
        private static readonly byte[][] Lines = Enumerable.Range(0, DistinctLines).Select(Line).ToArray();
        private byte[] _pending = [];
        private int _pendingStart;
        private int _pendingEnd;
        private long _position;
        private bool _headerWritten;

        public long RowsWritten { get; private set; }

        public decimal PriceSum { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count)
            {
                if (_pendingStart == _pendingEnd && !NextLine())
                {
                    break;
                }

                var n = Math.Min(count - written, _pendingEnd - _pendingStart);
                Array.Copy(_pending, _pendingStart, buffer, offset + written, n);
                _pendingStart += n;
                written += n;
            }

            _position += written;
            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static decimal Price(int i) => 100m + ((i % 4096) / 64m);

        private static byte[] Line(int i)
        {
            var price = Price(i);
            return Encoding.ASCII.GetBytes(FormattableString.Invariant(
                $"INS{i % 500},{price},{price - 0.015625m},{price + 0.015625m},{i * 37},{1795185000000 + i}\n"));
        }

        private bool NextLine()
        {
            if (!_headerWritten)
            {
                _pending = "instrument,price,bid,ask,volume,timestamp\n"u8.ToArray();
                _headerWritten = true;
            }
            else if (_position >= targetBytes)
            {
                return false;
            }
            else
            {
                var i = (int)(RowsWritten++ % DistinctLines);
                _pending = Lines[i];
                PriceSum += Price(i);
            }

            _pendingStart = 0;
            _pendingEnd = _pending.Length;
            return true;
        }
    }
}
