using System.Text;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;

namespace Frgm.Domain.Tests.Feeds;

/// <summary>The snapshot is read as a stream in batches: order across reads, snapshot_time anywhere, windows that split tokens.</summary>
public class WorkingOrdersStreamTests
{
    [Fact]
    public void Batches_cover_every_order_once_when_the_stream_hands_out_one_byte_at_a_time_and_the_time_comes_last()
    {
        var json = new StringBuilder("{\"orders\": [\n");
        for (var i = 0; i < 2500; i++)
        {
            json.Append(i == 0 ? string.Empty : ",\n").Append("{\"order_id\":\"o").Append(i).Append("\",\"account_id\":\"MM1\",\"quantity\":").Append(i).Append('}');
        }

        json.Append("],\n\"extra\": {\"nested\": [1, 2, {\"x\": \"y\"}]},\n\"snapshot_time\": \"2026-11-20T14:30:00Z\"}\n");
        using var reader = FeedParsers.WorkingOrdersStream(new TrickleStream(Encoding.UTF8.GetBytes(json.ToString())));
        var seen = new List<WorkingOrder>();
        var batches = 0;
        bool more;
        do
        {
            var batch = new List<WorkingOrder>();
            more = reader.ReadBatch(batch, 1000);
            Assert.InRange(batch.Count, 0, 1000);
            seen.AddRange(batch);
            batches++;
        }
        while (more);

        Assert.True(reader.Complete);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), reader.SnapshotTime);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => "o" + i), seen.Select(o => o.OrderId));
        Assert.Equal(2499m, seen[^1].Quantity);
        Assert.InRange(batches, 3, 4);
    }

    [Fact]
    public void A_bad_order_deep_in_the_file_names_its_line_and_path()
    {
        var json = new StringBuilder("{\"snapshot_time\": \"2026-11-20T14:30:00Z\", \"orders\": [\n");
        for (var i = 0; i < 5000; i++)
        {
            json.Append("{\"order_id\":\"o").Append(i).Append("\"},\n");
        }

        json.Append("{\"order_id\":\"bad\",\"price\":\"cheap\"}]}");
        using var reader = FeedParsers.WorkingOrdersStream(new MemoryStream(Encoding.UTF8.GetBytes(json.ToString())));
        var ex = Assert.Throws<FeedFormatException>(() =>
        {
            var batch = new List<WorkingOrder>();
            while (reader.ReadBatch(batch, 100))
            {
                batch.Clear();
            }
        });
        Assert.True(ex.Message.Contains("at line 5002", StringComparison.Ordinal), ex.Message);
        Assert.Contains("$.orders[5000].price", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_larger_than_the_window_limit_is_refused()
    {
        var huge = new string('x', WorkingOrdersReaderLimit + 10);
        var json = "{\"snapshot_time\": \"2026-11-20T14:30:00Z\", \"orders\": [{\"order_id\":\"" + huge + "\"}]}";
        var ex = Assert.Throws<FeedFormatException>(() => FeedParsers.WorkingOrders(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("orders[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("larger than", ex.Message, StringComparison.Ordinal);
    }

    private const int WorkingOrdersReaderLimit = Frgm.Domain.Feeds.Json.WorkingOrdersReader.MaxTokenBytes;

    /// <summary>A stream that returns at most 7 bytes per read, so tokens and orders straddle every window edge.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));
    }
}
