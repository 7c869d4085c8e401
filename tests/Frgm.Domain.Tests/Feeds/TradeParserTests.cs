using Frgm.Domain.Feeds;
using Frgm.Domain.Model;
using static Frgm.Domain.Tests.Feeds.FeedText;

namespace Frgm.Domain.Tests.Feeds;

public class TradeParserTests
{
    private const string SamplePath = "trades/trades/2026/11/20/fills_20261120_1430.csv";
    private const string Header = "trade_id,trade_date,account_id,ticker,side,quantity,price\n";

    [Fact]
    public void Sample_file_parses_every_trade()
    {
        using var file = OpenSample(SamplePath);
        var trades = Values(FeedParsers.Trades(file, "fills_20261120_1430.csv"));

        Assert.Equal(["T-1001", "T-1002", "T-1003", "T-1004"], trades.Select(t => t.TradeId));
        var first = trades[0];
        Assert.Equal(new DateOnly(2026, 11, 20), first.TradeDate);
        Assert.Equal("MM1", first.AccountId);
        Assert.Equal("ZNZ6", first.Ticker);
        Assert.Equal(Side.Buy, first.Side);
        Assert.Equal(15L, first.Quantity);
        Assert.Equal(112.390625m, first.Price);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 5, 11, 250, TimeSpan.Zero), first.ExecTime);
        Assert.Equal("O-551", first.OrderId);
        Assert.Equal("jdoe", first.Trader);
        Assert.Null(first.Exchange);
        Assert.Equal("fills_20261120_1430.csv", first.SourceFile);

        Assert.Equal(Side.Sell, trades[2].Side);
        Assert.Equal(-2L, trades[2].SignedQuantity);
        Assert.Equal("OZN Z6 C112.5", trades[3].Ticker);
        Assert.Equal(Side.Sell, trades[3].Side);
    }

    [Theory]
    [InlineData("BUY", Side.Buy)]
    [InlineData("buy", Side.Buy)]
    [InlineData("B", Side.Buy)]
    [InlineData("b", Side.Buy)]
    [InlineData(" Sell ", Side.Sell)]
    [InlineData("s", Side.Sell)]
    public void Side_accepts_buy_sell_b_s_in_any_case(string side, Side expected)
    {
        var trade = Assert.Single(Values(FeedParsers.Trades(Utf8(Header + $"T1,2026-11-20,MM1,ZNZ6,{side},1,112.5\n"), "f.csv")));
        Assert.Equal(expected, trade.Side);
    }

    [Theory]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,X,1,112.5", "line 2: side 'X' is not BUY, SELL, B or S")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BOUGHT,1,112.5", "line 2: side 'BOUGHT' is not BUY, SELL, B or S")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,,1,112.5", "line 2: side is empty")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BUY,0,112.5", "line 2: quantity '0' must be greater than 0")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BUY,-5,112.5", "line 2: quantity '-5' must be greater than 0")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BUY,10.5,112.5", "line 2: quantity '10.5' is not a whole number")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BUY,ten,112.5", "line 2: quantity 'ten' is not a number")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BUY,1,0", "line 2: price '0' must be greater than 0")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BUY,1,-1.5", "line 2: price '-1.5' must be greater than 0")]
    [InlineData("T1,2026-13-01,MM1,ZNZ6,BUY,1,112.5", "line 2: trade_date '2026-13-01' is not a date (YYYY-MM-DD)")]
    [InlineData("T1,20261120,MM1,ZNZ6,BUY,1,112.5", "line 2: trade_date '20261120' is not a date (YYYY-MM-DD)")]
    [InlineData("T1,2026-11-20T00:00Z,MM1,ZNZ6,BUY,1,112.5", "line 2: trade_date '2026-11-20T00:00Z' is not a date (YYYY-MM-DD)")]
    [InlineData(",2026-11-20,MM1,ZNZ6,BUY,1,112.5", "line 2: trade_id is empty")]
    [InlineData("T1,2026-11-20,,ZNZ6,BUY,1,112.5", "line 2: account_id is empty")]
    [InlineData("T1,2026-11-20,MM1,ZNZ6,BUY,1", "line 2: row has 6 fields but the header has 7")]
    public void Bad_trades_are_rejected_with_a_reason(string row, string expected)
    {
        var rows = Drain(FeedParsers.Trades(Utf8(Header + row + "\nT2,2026-11-20,MM1,ZNZ6,BUY,1,112.5\n"), "f.csv"));

        Assert.Equal(expected, Assert.Single(Errors(rows)));
        Assert.Equal("T2", Assert.Single(rows, r => r.IsValid).Value!.TradeId);
    }

    [Fact]
    public void Quantity_written_with_zero_fraction_is_an_integer()
    {
        var trade = Assert.Single(Values(FeedParsers.Trades(Utf8(Header + "T1,2026-11-20,MM1,ZNZ6,BUY,10.0,112.5\n"), "f.csv")));
        Assert.Equal(10L, trade.Quantity);
    }

    [Fact]
    public void Empty_optional_fields_are_null_and_present_ones_kept()
    {
        var text = "trade_id,trade_date,account_id,ticker,side,quantity,price,exec_time,order_id,trader,exchange\n"
            + "T1,2026-11-20,MM1,ZNZ6,BUY,1,112.5,,,,\n"
            + "T2,2026-11-20,MM1,ZNZ6,BUY,1,112.5,1795185005123,O-9, jdoe ,XCME\n";
        var trades = Values(FeedParsers.Trades(Utf8(text), "f.csv"));

        Assert.Null(trades[0].ExecTime);
        Assert.Null(trades[0].OrderId);
        Assert.Null(trades[0].Trader);
        Assert.Null(trades[0].Exchange);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 30, 5, 123, TimeSpan.Zero), trades[1].ExecTime);
        Assert.Equal("O-9", trades[1].OrderId);
        Assert.Equal("jdoe", trades[1].Trader);
        Assert.Equal("XCME", trades[1].Exchange);
    }

    [Fact]
    public void Missing_trade_columns_are_all_named()
    {
        var ex = Assert.Throws<FeedFormatException>(() =>
            Drain(FeedParsers.Trades(Utf8("trade_id,ticker,side,quantity\nT1,ZNZ6,BUY,1\n"), "f.csv")));
        Assert.Contains("trade file", ex.Message);
        Assert.Contains("trade_date, account_id, price", ex.Message);
    }
}
