using Frgm.Domain.Feeds.Csv;
using Frgm.Domain.Model;

namespace Frgm.Domain.Feeds.Rows;

/// <summary>Instrument reference data (FORMATS.md "Instrument reference data"); currency defaults to USD.</summary>
internal static class InstrumentRows
{
    public const string DefaultCurrency = "USD";

    private const int Key = 0;
    private const int Product = 1;
    private const int Exchange = 2;
    private const int Multiplier = 3;
    private const int TickSize = 4;
    private const int Currency = 5;

    public static readonly CsvSchema Schema = new(
        "instrument",
        [
            new("instrument", Required: true),
            new("product", Required: true),
            new("exchange", Required: false),
            new("multiplier", Required: true),
            new("tick_size", Required: false),
            new("currency", Required: false),
        ]);

    public static Instrument? Parse(CsvRow row)
    {
        var key = row.Key(Key);
        var product = row.Key(Product);
        var exchange = row.OptionalKey(Exchange);
        var multiplier = row.Decimal(Multiplier);
        if (multiplier <= 0m)
        {
            row.Fail(Multiplier, "must be greater than 0");
        }

        var tickSize = row.OptionalDecimal(TickSize);
        if (tickSize <= 0m)
        {
            row.Fail(TickSize, "must be greater than 0");
        }

        var currency = row.OptionalKey(Currency)?.ToUpperInvariant() ?? DefaultCurrency;
        return row.Failed ? null : new Instrument(key, product, exchange, multiplier, tickSize, currency);
    }
}
