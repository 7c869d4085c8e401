using System.Text;
using Frgm.Domain.Feeds;
using static Frgm.Domain.Tests.Feeds.FeedText;

namespace Frgm.Domain.Tests.Feeds;

/// <summary>Feeds are UTF-8 (FORMATS.md); a file in another encoding is rejected with the encoding named.</summary>
public class EncodingTests
{
    private const string Sod = "account,instrument,position,price\nMM1,ZNZ6,-40,112.34375\n";

    [Theory]
    [InlineData("utf-16le", "UTF-16")]
    [InlineData("utf-16be", "UTF-16")]
    [InlineData("utf-32le", "UTF-32")]
    public void Utf16_or_32_without_a_byte_order_mark_names_the_encoding(string encoding, string named)
    {
        var bytes = Encoding.GetEncoding(encoding).GetBytes(Sod);

        var ex = Assert.Throws<FeedFormatException>(() => Drain(FeedParsers.Sod(new MemoryStream(bytes), BusinessDate)));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("missing required column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read_as_text()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Sod)).ToArray();

        var row = Assert.Single(Values(FeedParsers.Sod(new MemoryStream(bytes), BusinessDate)));

        Assert.Equal(("MM1", "ZNZ6", -40L), (row.Account, row.Instrument, row.Position));
    }

    [Fact]
    public void A_header_that_is_not_valid_utf8_names_the_encoding_problem()
    {
        // "prïce" in Windows-1252: 0xEF alone is not UTF-8.
        var bytes = Encoding.Latin1.GetBytes("account,instrument,position,pr\u00efce\nMM1,ZNZ6,-40,112\n");

        var ex = Assert.Throws<FeedFormatException>(() => Drain(FeedParsers.Sod(new MemoryStream(bytes), BusinessDate)));

        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("price", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_that_is_not_valid_utf8_is_rejected_naming_the_line()
    {
        var bytes = Encoding.UTF8.GetBytes("account,instrument,position,price\nMM1,ZNZ6,1,112\n")
            .Concat(Encoding.Latin1.GetBytes("M\u00c91,ZNZ6,2,112\n")).ToArray();

        var rows = Drain(FeedParsers.Sod(new MemoryStream(bytes), BusinessDate));

        Assert.True(rows[0].IsValid);
        Assert.False(rows[1].IsValid);
        Assert.Equal(3, rows[1].Line);
        Assert.Contains("not valid UTF-8", rows[1].ToRowError().ToString(), StringComparison.Ordinal);
    }
}
