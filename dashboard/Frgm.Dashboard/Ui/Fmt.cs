using System.Globalization;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui;

/// <summary>Number and time formats of the pages: invariant culture, fixed decimals, thousands separators, UTC.</summary>
public static class Fmt
{
    public const string Missing = "—";
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Qty(long value) => value.ToString("#,##0", C);

    public static string Qty(decimal? value) => value is { } v ? v.ToString("#,##0.##", C) : Missing;

    public static string Money(decimal? value) => value is { } v ? v.ToString("#,##0.00", C) : Missing;

    public static string Greek(decimal value) => value.ToString("#,##0.00", C);

    /// <summary>Prices at the instrument's tick precision (at least 2 decimals), so a column lines up.</summary>
    public static string Price(decimal? value, Instrument? instrument)
    {
        if (value is not { } v)
        {
            return Missing;
        }

        var decimals = Math.Clamp(instrument?.TickSize is { } tick ? Scale(tick) : 4, 2, 8);
        return v.ToString("#,##0." + new string('0', decimals), C);
    }

    public static string Price(decimal? value, InstrumentCatalog catalog, string ticker)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Price(value, catalog.TryGet(ticker, out var instrument) ? instrument : null);
    }

    public static string SignClass(decimal? value) => value switch
    {
        > 0 => "pos",
        < 0 => "neg",
        _ => "flat",
    };

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", C);

    /// <summary>HH:mm:ss for today (UTC), the date too otherwise.</summary>
    public static string Clock(DateTimeOffset at, DateTimeOffset now) =>
        at.UtcDateTime.Date == now.UtcDateTime.Date
            ? at.UtcDateTime.ToString("HH:mm:ss", C)
            : at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", C);

    public static string Age(double? seconds) => seconds switch
    {
        null => Missing,
        < 60 => seconds.Value.ToString("0.0", C) + " s",
        < 3600 => $"{(int)(seconds.Value / 60)} m {(int)(seconds.Value % 60)} s",
        < 172_800 => (seconds.Value / 3600).ToString("0.0", C) + " h",
        _ => (seconds.Value / 86_400).ToString("0", C) + " d",
    };

    public static string Ms(double? ms) => ms is { } v ? v.ToString("#,##0", C) + " ms" : Missing;

    /// <summary>"1 position", "3 positions": the count with its noun in the right number.</summary>
    public static string Count(long n, string noun) => $"{Qty(n)} {noun}{(n == 1 ? string.Empty : "s")}";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", C) ?? Missing;

    private static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;
}
