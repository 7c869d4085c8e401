using System.Text;
using Frgm.Domain.Feeds;

namespace Frgm.Domain.Tests.Feeds;

/// <summary>Builds feed content for tests and drains parsers.</summary>
internal static class FeedText
{
    public static readonly DateTimeOffset Fallback = new(2026, 11, 20, 10, 39, 38, TimeSpan.Zero);

    public static readonly DateOnly BusinessDate = new(2026, 11, 20);

    public static MemoryStream Utf8(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new MemoryStream(bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes, writable: false);
    }

    public static Stream OpenSample(string relative) => File.OpenRead(TestSupport.RepoPaths.Sample(relative));

    public static List<ParsedRow<T>> Drain<T>(IEnumerable<ParsedRow<T>> rows)
        where T : class => rows.ToList();

    public static List<T> Values<T>(IEnumerable<ParsedRow<T>> rows)
        where T : class
    {
        var all = rows.ToList();
        Assert.All(all, row => Assert.True(row.IsValid, row.ToRowError().ToString()));
        return all.Select(row => row.Value!).ToList();
    }

    public static List<string> Errors<T>(IEnumerable<ParsedRow<T>> rows)
        where T : class =>
        rows.Where(row => !row.IsValid).Select(row => row.ToRowError().ToString()).ToList();
}

/// <summary>Hands out at most a few bytes per read, so records, CRLF pairs and UTF-8 sequences straddle reads.</summary>
internal sealed class TrickleStream(byte[] content, int seed, int maxChunk) : Stream
{
    private readonly Random _random = new(seed);
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => content.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, _random.Next(1, maxChunk + 1)), content.Length - _position);
        Array.Copy(content, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
