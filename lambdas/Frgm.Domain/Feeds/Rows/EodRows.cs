using Frgm.Domain.Feeds.Csv;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Rows;

/// <summary>Actant end of day (FORMATS.md "Actant end of day"): Greeks per contract, empty or absent = 0.</summary>
internal static class EodRows
{
    private const int Account = 0;
    private const int Instrument = 1;
    private const int Position = 2;
    private const int SettlementPrice = 3;
    private const int Delta = 4;
    private const int Gamma = 5;
    private const int Vega = 6;
    private const int Theta = 7;

    public static readonly CsvSchema Schema = new(
        "end-of-day",
        [
            new("account", Required: true),
            new("instrument", Required: true),
            new("position", Required: true),
            new("settlement_price", Required: true),
            new("delta", Required: false),
            new("gamma", Required: false),
            new("vega", Required: false),
            new("theta", Required: false),
        ]);

    public static Func<CsvRow, EodRow?> Parser(DateOnly businessDate) => row =>
    {
        var account = row.Key(Account);
        var instrument = row.Key(Instrument);
        var position = row.Integer(Position);
        var settlement = row.Decimal(SettlementPrice);
        var delta = row.OptionalDecimal(Delta) ?? 0m;
        var gamma = row.OptionalDecimal(Gamma) ?? 0m;
        var vega = row.OptionalDecimal(Vega) ?? 0m;
        var theta = row.OptionalDecimal(Theta) ?? 0m;
        return row.Failed
            ? null
            : new EodRow(businessDate, account, instrument, position, settlement, delta, gamma, vega, theta);
    };
}
