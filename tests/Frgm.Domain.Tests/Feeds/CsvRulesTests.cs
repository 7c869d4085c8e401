using System.Text;
using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using static Frgm.Domain.Tests.Feeds.FeedText;

namespace Frgm.Domain.Tests.Feeds;

/// <summary>FORMATS.md "Rules for every CSV feed", exercised through the public parsers.</summary>
public class CsvRulesTests
{
    private const string SodHeader = "account,instrument,position,price";

    private static List<ParsedRow<SodRow>> Sod(string text, bool bom = false) =>
        Drain(FeedParsers.Sod(Utf8(text, bom), BusinessDate));

    [Fact]
    public void Bom_and_crlf_give_the_same_rows_as_plain_lf()
    {
        var plain = SodHeader + "\nMM1,ZNZ6,-40,112.34375\nHEDGE,ESZ6,4,6010.50\n";
        var windows = plain.Replace("\n", "\r\n", StringComparison.Ordinal);

        var expected = Sod(plain);
        var actual = Sod(windows, bom: true);

        Assert.Equal(expected.Select(r => (r.Line, r.Value)), actual.Select(r => (r.Line, r.Value)));
        Assert.Equal("ZNZ6", actual[0].Value!.Instrument);
        Assert.Equal(6010.50m, actual[1].Value!.Price);
    }

    [Fact]
    public void Quoted_fields_keep_commas_and_escaped_quotes()
    {
        var rows = Values(FeedFeeds());
        Assert.Equal("ZN \"Z6\", weekly", rows[0].Instrument);
        Assert.Equal("A,B", rows[0].Account);
        Assert.Equal(112.5m, rows[0].Price);

        static IEnumerable<ParsedRow<SodRow>> FeedFeeds() =>
            FeedParsers.Sod(Utf8(SodHeader + "\n\"A,B\",\"ZN \"\"Z6\"\", weekly\",1,\"112.5\"\n"), BusinessDate);
    }

    [Fact]
    public void Columns_match_in_any_order_any_case_with_spaces_and_unknown_columns_ignored()
    {
        var text = " PRICE ,comment,Instrument,\"Position\",ACCOUNT,extra\n112.5,hello,ZNZ6,7,MM1,x\n";
        var row = Assert.Single(Values(FeedParsers.Sod(Utf8(text), BusinessDate)));

        Assert.Equal(("MM1", "ZNZ6", 7L, 112.5m), (row.Account, row.Instrument, row.Position, row.Price));
    }

    [Fact]
    public void A_column_named_twice_rejects_the_file()
    {
        var ex = Assert.Throws<FeedFormatException>(() => Sod("account,instrument,position,price,Price\nA,B,1,2,3\n"));
        Assert.Contains("'price' twice", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \r\n")]
    public void Empty_file_is_rejected_naming_the_required_columns(string text)
    {
        var ex = Assert.Throws<FeedFormatException>(() => Sod(text));
        Assert.Contains("no header line", ex.Message);
        Assert.Contains("account, instrument, position, price", ex.Message);
    }

    [Theory]
    [InlineData(SodHeader)]
    [InlineData(SodHeader + "\n")]
    [InlineData(SodHeader + "\r\n\r\n\n")]
    [InlineData("\n\n" + SodHeader + "\n")]
    public void Header_only_gives_zero_rows(string text) => Assert.Empty(Sod(text, bom: true));

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_stay_physical()
    {
        var rows = Sod("\n" + SodHeader + "\n\nMM1,ZNZ6,1,112\n   \n\r\nMM1,ZBZ6,x,118\nMM1,ZFZ6,3,108");

        Assert.Equal([4, 7, 8], rows.Select(r => r.Line));
        Assert.Equal("line 7: position 'x' is not a number", Assert.Single(Errors(rows)));
        Assert.Equal("ZFZ6", rows[2].Value!.Instrument);
    }

    [Fact]
    public void Rows_of_only_delimiters_are_blank()
    {
        var rows = Sod(SodHeader + "\n,,,\n , ,,\nMM1,ZNZ6,1,112\n,,,,,,\n");

        Assert.Equal(4, Assert.Single(rows).Line);
    }

    [Fact]
    public void Wrong_column_count_rejects_only_that_row()
    {
        var rows = Sod(SodHeader + "\nMM1,ZNZ6,1,112\nMM1,ZBZ6,2\nMM1,ZBZ6,2,118,extra\nMM1,ZFZ6,3,108\n");

        Assert.Equal(
            ["line 3: row has 3 fields but the header has 4", "line 4: row has 5 fields but the header has 4"],
            Errors(rows));
        Assert.Equal(["ZNZ6", "ZFZ6"], rows.Where(r => r.IsValid).Select(r => r.Value!.Instrument));
    }

    [Fact]
    public void Newlines_inside_quotes_count_toward_line_numbers()
    {
        var text = SodHeader + "\nMM1,\"ZN\nweekly\r\nthird\",1,112\nMM1,ZBZ6,bad,118\nMM1,ZFZ6,3,108\n";
        var rows = Sod(text);

        Assert.Equal([2, 5, 6], rows.Select(r => r.Line));
        Assert.Equal("ZN\nweekly\r\nthird", rows[0].Value!.Instrument);
        Assert.Equal("line 5: position 'bad' is not a number", Errors(rows).Single());
    }

    [Fact]
    public void Unterminated_quote_at_the_end_is_a_row_error_and_earlier_rows_survive()
    {
        var rows = Sod(SodHeader + "\nMM1,ZNZ6,1,112\nMM1,\"ZBZ6,2,118\nMM1,ZFZ6,3,108\n");

        Assert.Equal("ZNZ6", rows[0].Value!.Instrument);
        var error = Assert.Single(Errors(rows));
        Assert.StartsWith("line 3: unterminated quoted field", error);
    }

    [Fact]
    public void Last_row_without_newline_is_read()
    {
        var rows = Values(FeedParsers.Sod(Utf8(SodHeader + "\r\nMM1,ZNZ6,1,112\r\nMM1,ZFZ6,3,108"), BusinessDate));
        Assert.Equal(108m, rows[1].Price);
    }

    [Fact]
    public void Quote_inside_an_unquoted_field_is_data()
    {
        var row = Assert.Single(Values(FeedParsers.Sod(Utf8(SodHeader + "\nMM1,ZN 5\" pipe,1,112\n"), BusinessDate)));
        Assert.Equal("ZN 5\" pipe", row.Instrument);
    }

    [Fact]
    public void Very_long_line_is_one_row_error_and_parsing_continues()
    {
        var huge = new string('9', 3 * 1024 * 1024);
        var text = SodHeader + "\nMM1,ZNZ6,1,112\nMM1,ZBZ6,2," + huge + "\nMM1,ZFZ6,3,108\n";

        var rows = Sod(text);

        Assert.Equal([2, 3, 4], rows.Select(r => r.Line));
        Assert.Equal("line 3: line is longer than 1048576 characters; row skipped", Assert.Single(Errors(rows)));
        Assert.Equal(["ZNZ6", "ZFZ6"], rows.Where(r => r.IsValid).Select(r => r.Value!.Instrument));
    }

    [Fact]
    public void Very_long_quoted_field_with_newlines_keeps_later_line_numbers_right()
    {
        var huge = string.Concat(Enumerable.Repeat(new string('x', 400_000) + "\n", 5));
        var text = SodHeader + "\nMM1,\"" + huge + "\",2,118\nMM1,ZFZ6,bad,108\nMM1,ZFZ6,3,108";

        var rows = Sod(text);

        Assert.Equal(
            ["line 2: line is longer than 1048576 characters; row skipped", "line 8: position 'bad' is not a number"],
            Errors(rows));
        Assert.Equal(9, rows[^1].Line);
        Assert.True(rows[^1].IsValid);
    }

    [Fact]
    public void Long_line_under_the_cap_is_parsed()
    {
        var longName = new string('Z', 200_000);
        var row = Assert.Single(Values(FeedParsers.Sod(Utf8(SodHeader + $"\nMM1,{longName},1,112\n"), BusinessDate)));
        Assert.Equal(longName, row.Instrument);
    }

    [Fact]
    public void Long_value_is_shortened_in_the_error_message()
    {
        var error = Assert.Single(Errors(Sod(SodHeader + $"\nMM1,ZNZ6,{new string('x', 5000)},112\n")));
        Assert.True(error.Length < 200, error);
        Assert.EndsWith("…' is not a number", error);
    }

    [Fact]
    public void Utf8_text_split_across_tiny_reads_matches_a_whole_read()
    {
        var text = SodHeader + "\r\nMM1,\"Bund € \"\"Z6\"\"\r\nweekly\",1,112\r\n\r\nMM1,ZNZ6,x,1\r\nMM1,ÄÖÜ,2,3\r\n";
        var bytes = Encoding.UTF8.GetBytes(text);

        var whole = Sod(text);
        for (var seed = 0; seed < 20; seed++)
        {
            var trickled = Drain(FeedParsers.Sod(new TrickleStream(bytes, seed, maxChunk: 5), BusinessDate));
            Assert.Equal(
                whole.Select(r => (r.Line, r.Value, r.Error)),
                trickled.Select(r => (r.Line, r.Value, r.Error)));
        }

        Assert.Equal("Bund € \"Z6\"\r\nweekly", whole[0].Value!.Instrument);
        Assert.Equal("ÄÖÜ", whole[2].Value!.Instrument);
    }

    [Fact]
    public void Repeated_keys_share_one_string_instance()
    {
        var rows = Values(FeedParsers.Sod(Utf8(SodHeader + "\nMM1,ZNZ6,1,112\nMM1,ZNZ6,2,113\n"), BusinessDate));
        Assert.Same(rows[0].Instrument, rows[1].Instrument);
        Assert.Same(rows[0].Account, rows[1].Account);
    }
}
