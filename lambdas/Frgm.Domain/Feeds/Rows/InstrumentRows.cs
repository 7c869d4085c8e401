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
    private const int Underlying = 6;
    private const int Expiry = 7;
    private const int PutCall = 8;
    private const int Strike = 9;

    public static readonly CsvSchema Schema = new(
        "instrument",
        [
            new("instrument", Required: true),
            new("product", Required: true),
            new("exchange", Required: false),
            new("multiplier", Required: true),
            new("tick_size", Required: false),
            new("currency", Required: false),
            new("underlying", Required: false),
            new("expiry", Required: false),
            new("put_call", Required: false),
            new("strike", Required: false),
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
        var underlying = row.OptionalKey(Underlying);
        var expiry = row.OptionalDate(Expiry);
        var right = ParseRight(row);
        var strike = row.OptionalDecimal(Strike);
        if (strike <= 0m)
        {
            row.Fail(Strike, "must be greater than 0");
        }

        CheckOptionTerms(row, key, right, underlying, expiry, strike);
        return row.Failed
            ? null
            : new Instrument(key, product, exchange, multiplier, tickSize, currency, underlying, expiry, right, strike);
    }

    private static OptionRight? ParseRight(CsvRow row)
    {
        var text = row.OptionalKey(PutCall);
        switch (text)
        {
            case null:
                return null;
            case "C" or "c":
                return OptionRight.Call;
            case "P" or "p":
                return OptionRight.Put;
            default:
                row.Fail(PutCall, "is not C or P");
                return null;
        }
    }

    // An option is priced from its underlying, strike and expiry; a strike without a right is a typo, not a future.
    private static void CheckOptionTerms(CsvRow row, string key, OptionRight? right, string? underlying, DateOnly? expiry, decimal? strike)
    {
        if (row.Failed)
        {
            return;
        }

        if (right is null)
        {
            if (strike is not null)
            {
                row.Fail(Strike, "is given but put_call is empty (an option needs C or P)");
            }

            return;
        }

        if (underlying is null)
        {
            row.Fail(PutCall, "marks an option, but underlying is empty");
        }
        else if (underlying == key)
        {
            row.Fail(Underlying, "is the option itself (an option's underlying is a future)");
        }
        else if (strike is null)
        {
            row.Fail(PutCall, "marks an option, but strike is empty");
        }
        else if (expiry is null)
        {
            row.Fail(PutCall, "marks an option, but expiry is empty");
        }
    }
}
