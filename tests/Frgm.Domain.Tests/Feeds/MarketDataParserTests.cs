using Frgm.Domain.Feeds;
using static Frgm.Domain.Tests.Feeds.FeedText;

namespace Frgm.Domain.Tests.Feeds;

public class MarketDataParserTests
{
    private const string SamplePath = "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_143000.csv";

    [Fact]
    public void Sample_file_parses_every_row_with_its_values()
    {
        using var file = OpenSample(SamplePath);
        var rows = Values(FeedParsers.MarketData(file, Fallback));

        Assert.Equal(["ZNZ6", "ZBZ6", "ZFZ6", "ESZ6", "OZN Z6 C112.5", "OZN Z6 P110"], rows.Select(r => r.Instrument));
        var zn = rows[0];
        Assert.Equal(112.421875m, zn.Price);
        Assert.Equal(112.40625m, zn.Bid);
        Assert.Equal(112.4375m, zn.Ask);
        Assert.Equal(154230L, zn.Volume);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero), zn.Timestamp);
        Assert.Equal(TimeSpan.Zero, zn.Timestamp.Offset);
        Assert.Null(rows[5].Volume);
        Assert.Equal("6021.00", rows[3].Bid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Sample_rows_report_their_physical_line_numbers()
    {
        using var file = OpenSample(SamplePath);
        Assert.Equal([2, 3, 4, 5, 6, 7], FeedParsers.MarketData(file, Fallback).Select(r => r.Line));
    }

    [Fact]
    public void Missing_or_empty_timestamp_takes_the_fallback()
    {
        var noColumn = Values(FeedParsers.MarketData(Utf8("instrument,price\nZNZ6,112.5\n"), Fallback));
        var empty = Values(FeedParsers.MarketData(Utf8("instrument,price,timestamp\nZNZ6,112.5,\n"), Fallback));

        Assert.Equal(Fallback, Assert.Single(noColumn).Timestamp);
        Assert.Equal(Fallback, Assert.Single(empty).Timestamp);
    }

    [Fact]
    public void Fallback_with_an_offset_is_stored_in_utc()
    {
        var chicago = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.FromHours(-6));
        var row = Assert.Single(Values(FeedParsers.MarketData(Utf8("instrument,price\nZNZ6,1\n"), chicago)));
        Assert.Equal(TimeSpan.Zero, row.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), row.Timestamp);
    }

    [Theory]
    [InlineData("1795185005123", "2026-11-20T14:30:05.1230000+00:00")]
    [InlineData("2026-11-20T14:30:05.123Z", "2026-11-20T14:30:05.1230000+00:00")]
    [InlineData("2026-11-20T08:30:05-06:00", "2026-11-20T14:30:05.0000000+00:00")]
    [InlineData("2026-11-20T15:30:05+0100", "2026-11-20T14:30:05.0000000+00:00")]
    [InlineData("2026-11-20 14:30Z", "2026-11-20T14:30:00.0000000+00:00")]
    [InlineData("2026-11-20T14:30:05.123456789Z", "2026-11-20T14:30:05.1234567+00:00")]
    [InlineData("0", "1970-01-01T00:00:00.0000000+00:00")]
    public void Timestamps_in_iso_or_epoch_millis_become_utc(string text, string expected)
    {
        var row = Assert.Single(Values(FeedParsers.MarketData(Utf8($"instrument,price,timestamp\nZNZ6,1,{text}\n"), Fallback)));
        Assert.Equal(expected, row.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-11-20T14:30:05", "timestamp '2026-11-20T14:30:05' has no UTC offset")]
    [InlineData("yesterday", "timestamp 'yesterday' is not an ISO 8601 time")]
    [InlineData("2026-02-30T14:30:05Z", "timestamp '2026-02-30T14:30:05Z' is not an ISO 8601 time")]
    [InlineData("2026-11-20T25:30:05Z", "is not an ISO 8601 time")]
    [InlineData("2026-11-20T14:30:05+15:00", "is not an ISO 8601 time")]
    [InlineData("99999999999999999", "is not an ISO 8601 time")]
    public void Bad_timestamps_are_row_errors(string text, string expected)
    {
        var errors = Errors(FeedParsers.MarketData(Utf8($"instrument,price,timestamp\nZNZ6,1,{text}\n"), Fallback));
        Assert.StartsWith("line 2: ", Assert.Single(errors));
        Assert.Contains(expected, errors[0]);
    }

    [Fact]
    public void Non_numeric_price_rejects_only_its_row()
    {
        var rows = Drain(FeedParsers.MarketData(Utf8("instrument,price\nZNZ6,112.5\nZBZ6,abc\nZFZ6,108\n"), Fallback));

        Assert.Equal(["ZNZ6", "ZFZ6"], rows.Where(r => r.IsValid).Select(r => r.Value!.Instrument));
        Assert.Equal("line 3: price 'abc' is not a number", Assert.Single(Errors(rows)));
    }

    [Theory]
    [InlineData("ZNZ6,,1,2,3", "line 2: price is empty")]
    [InlineData(",112.5,1,2,3", "line 2: instrument is empty")]
    [InlineData("ZNZ6,112.5,1,2,10.5", "line 2: volume '10.5' is not a whole number")]
    [InlineData("ZNZ6,112.5,1,2,-1", "line 2: volume '-1' must not be negative")]
    [InlineData("ZNZ6,112.5,x,2,3", "line 2: bid 'x' is not a number")]
    [InlineData("ZNZ6,1.2.3,1,2,3", "line 2: price '1.2.3' is not a number")]
    [InlineData("ZNZ6,\"1,000\",1,2,3", "line 2: price '1,000' is not a number")]
    [InlineData("ZNZ6,1e3,1,2,3", "line 2: price '1e3' is not a number")]
    public void Bad_values_name_the_column_and_the_value(string row, string expected)
    {
        var errors = Errors(FeedParsers.MarketData(Utf8("instrument,price,bid,ask,volume\n" + row + "\n"), Fallback));
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Integers_may_be_written_with_a_zero_fraction()
    {
        var row = Assert.Single(Values(FeedParsers.MarketData(Utf8("instrument,price,volume\nZNZ6,112.5,10.0\n"), Fallback)));
        Assert.Equal(10L, row.Volume);
    }

    [Fact]
    public void Empty_optional_prices_are_null()
    {
        var row = Assert.Single(Values(FeedParsers.MarketData(Utf8("instrument,price,bid,ask\nZNZ6,112.5,,\n"), Fallback)));
        Assert.Null(row.Bid);
        Assert.Null(row.Ask);
    }

    [Fact]
    public void Missing_required_column_is_reported_lazily_and_by_name()
    {
        var rows = FeedParsers.MarketData(Utf8("instrument,bid,ask\nZNZ6,1,2\n"), Fallback);

        using var enumerator = rows.GetEnumerator();
        var ex = Assert.Throws<FeedFormatException>(() => enumerator.MoveNext());
        Assert.Contains("missing required column(s): price", ex.Message);
    }

    [Fact]
    public void Every_missing_required_column_is_named()
    {
        var ex = Assert.Throws<FeedFormatException>(() => Drain(FeedParsers.MarketData(Utf8("bid,ask\n1,2\n"), Fallback)));
        Assert.Contains("instrument, price", ex.Message);
    }

    [Fact]
    public void Large_and_precise_numbers_keep_every_digit()
    {
        var row = Assert.Single(Values(FeedParsers.MarketData(
            Utf8("instrument,price,bid,volume\nX,12345678901234567890.123456789,-0.000000000000000000000000001,9223372036854775807\n"),
            Fallback)));
        Assert.Equal(12345678901234567890.123456789m, row.Price);
        Assert.Equal(-0.000000000000000000000000001m, row.Bid);
        Assert.Equal(long.MaxValue, row.Volume);
    }
}
