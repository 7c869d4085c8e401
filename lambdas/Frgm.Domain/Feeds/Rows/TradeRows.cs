using Frgm.Domain.Feeds.Csv;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Rows;

/// <summary>SFTP trade files (FORMATS.md "Trade files").</summary>
internal static class TradeRows
{
    private const int TradeId = 0;
    private const int TradeDate = 1;
    private const int AccountId = 2;
    private const int Ticker = 3;
    private const int SideColumn = 4;
    private const int Quantity = 5;
    private const int Price = 6;
    private const int ExecTime = 7;
    private const int OrderId = 8;
    private const int Trader = 9;
    private const int Exchange = 10;

    public static readonly CsvSchema Schema = new(
        "trade",
        [
            new("trade_id", Required: true),
            new("trade_date", Required: true),
            new("account_id", Required: true),
            new("ticker", Required: true),
            new("side", Required: true),
            new("quantity", Required: true),
            new("price", Required: true),
            new("exec_time", Required: false),
            new("order_id", Required: false),
            new("trader", Required: false),
            new("exchange", Required: false),
        ]);

    public static Func<CsvRow, Trade?> Parser(string sourceFile) => row =>
    {
        var tradeId = row.Text(TradeId);
        var tradeDate = row.Date(TradeDate);
        var account = row.Key(AccountId);
        var ticker = row.Key(Ticker);
        var side = row.Side(SideColumn);
        var quantity = row.Integer(Quantity);
        if (quantity <= 0)
        {
            row.Fail(Quantity, "must be greater than 0");
        }

        var price = row.Decimal(Price);
        if (price <= 0m)
        {
            row.Fail(Price, "must be greater than 0");
        }

        var execTime = row.OptionalTimestamp(ExecTime);
        var orderId = row.OptionalKey(OrderId);
        var trader = row.OptionalKey(Trader);
        var exchange = row.OptionalKey(Exchange);
        return row.Failed
            ? null
            : new Trade(tradeId, tradeDate, account, ticker, side, quantity, price, execTime, orderId, trader, exchange, sourceFile);
    };
}
