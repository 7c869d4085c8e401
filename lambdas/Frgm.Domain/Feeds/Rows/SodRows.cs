using Frgm.Domain.Feeds.Csv;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Rows;

/// <summary>Actant start of day (FORMATS.md "Actant start of day").</summary>
internal static class SodRows
{
    private const int Account = 0;
    private const int Instrument = 1;
    private const int Position = 2;
    private const int Price = 3;

    public static readonly CsvSchema Schema = new(
        "start-of-day",
        [
            new("account", Required: true),
            new("instrument", Required: true),
            new("position", Required: true),
            new("price", Required: true),
        ]);

    public static Func<CsvRow, SodRow?> Parser(DateOnly businessDate) => row =>
    {
        var account = row.Key(Account);
        var instrument = row.Key(Instrument);
        var position = row.Integer(Position);
        var price = row.Decimal(Price);
        return row.Failed ? null : new SodRow(businessDate, account, instrument, position, price);
    };
}
