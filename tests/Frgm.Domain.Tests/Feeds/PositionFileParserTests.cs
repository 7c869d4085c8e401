using Frgm.Domain.Feeds;
using static Frgm.Domain.Tests.Feeds.FeedText;

namespace Frgm.Domain.Tests.Feeds;

/// <summary>Actant end-of-day and start-of-day files.</summary>
public class PositionFileParserTests
{
    private static readonly DateOnly EodDate = new(2026, 11, 19);

    [Fact]
    public void Eod_sample_parses_positions_and_greeks()
    {
        using var file = OpenSample("actant/eod/2026/11/19/actant_eod_20261119.csv");
        var rows = Values(FeedParsers.Eod(file, EodDate));

        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(EodDate, r.BusinessDate));
        var call = rows[1];
        Assert.Equal(("MM1", "OZN Z6 C112.5", 120L, 0.515625m), (call.Account, call.Instrument, call.Position, call.SettlementPrice));
        Assert.Equal((0.48m, 0.21m, 0.062m, -0.011m), (call.Delta, call.Gamma, call.Vega, call.Theta));
        Assert.Equal(-40L, rows[0].Position);
        Assert.Equal(6010.50m, rows[3].SettlementPrice);
    }

    [Fact]
    public void Eod_greeks_empty_or_absent_are_zero()
    {
        var empty = Values(FeedParsers.Eod(Utf8("account,instrument,position,settlement_price,delta,gamma,vega,theta\nMM1,ZNZ6,5,112,,,,\n"), EodDate));
        var absent = Values(FeedParsers.Eod(Utf8("account,instrument,position,settlement_price,delta\nMM1,ZNZ6,5,112,0.5\n"), EodDate));

        Assert.Equal((0m, 0m, 0m, 0m), (empty[0].Delta, empty[0].Gamma, empty[0].Vega, empty[0].Theta));
        Assert.Equal((0.5m, 0m, 0m, 0m), (absent[0].Delta, absent[0].Gamma, absent[0].Vega, absent[0].Theta));
    }

    [Theory]
    [InlineData("MM1,ZNZ6,10.5,112", "line 2: position '10.5' is not a whole number")]
    [InlineData("MM1,ZNZ6,abc,112", "line 2: position 'abc' is not a number")]
    [InlineData("MM1,ZNZ6,5,", "line 2: settlement_price is empty")]
    [InlineData("MM1,ZNZ6,99999999999999999999,112", "line 2: position '99999999999999999999' is too large for a 64-bit integer")]
    public void Eod_bad_rows_are_reported(string row, string expected)
    {
        var errors = Errors(FeedParsers.Eod(Utf8("account,instrument,position,settlement_price\n" + row + "\n"), EodDate));
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Sod_sample_parses_opening_positions()
    {
        using var file = OpenSample("actant/sod/2026/11/20/actant_sod_20261120.csv");
        var rows = Values(FeedParsers.Sod(file, BusinessDate));

        Assert.Equal(["MM1", "MM1", "MM1", "HEDGE"], rows.Select(r => r.Account));
        Assert.Equal([-40L, 120L, -60L, 4L], rows.Select(r => r.Position));
        Assert.Equal([112.34375m, 0.515625m, 0.125m, 6010.50m], rows.Select(r => r.Price));
        Assert.All(rows, r => Assert.Equal(BusinessDate, r.BusinessDate));
    }

    [Fact]
    public void Sod_signed_integer_with_zero_fraction_is_accepted()
    {
        var row = Assert.Single(Values(FeedParsers.Sod(Utf8("account,instrument,position,price\nMM1,ZNZ6,-40.0,112.5\n"), BusinessDate)));
        Assert.Equal(-40L, row.Position);
    }

    [Fact]
    public void Sod_missing_price_column_rejects_the_file_naming_it()
    {
        var ex = Assert.Throws<FeedFormatException>(() =>
            Drain(FeedParsers.Sod(Utf8("account,instrument,position\nMM1,ZNZ6,1\n"), BusinessDate)));
        Assert.Equal("start-of-day file header (line 1) is missing required column(s): price", ex.Message);
    }
}
