using System.Globalization;

namespace Frgm.Domain.Alarms;

/// <summary>Number spellings for alarm messages: invariant, with thousands separators where people read money.</summary>
internal static class AlarmText
{
    public static string Quantity(decimal value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Price(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(decimal fraction) =>
        (fraction * 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Seconds(decimal seconds) => seconds.ToString("#,0", CultureInfo.InvariantCulture) + " s";
}
