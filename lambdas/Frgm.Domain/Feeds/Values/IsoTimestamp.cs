namespace Frgm.Domain.Feeds.Values;

/// <summary>
/// Timestamps as FORMATS.md allows them: ISO 8601 <c>yyyy-MM-ddTHH:mm[:ss[.fffffff]]</c> (T or a space) with
/// <c>Z</c> or an offset (<c>±HH:mm</c>, <c>±HHmm</c>, <c>±HH</c>), or Unix epoch milliseconds. Results are UTC.
/// A local time without offset is refused: guessing its zone would shift prices silently.
/// </summary>
internal static class IsoTimestamp
{
    private const long MinEpochMillis = -62_135_596_800_000;
    private const long MaxEpochMillis = 253_402_300_799_999;

    public enum Outcome
    {
        Ok,
        Invalid,
        MissingOffset,
    }

    public static Outcome TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (LooksLikeEpochMillis(text))
        {
            if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var millis)
                || millis < MinEpochMillis || millis > MaxEpochMillis)
            {
                return Outcome.Invalid;
            }

            value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
            return Outcome.Ok;
        }

        if (!TryParseDate(text, out var date) || text.Length < 16 || (text[10] != 'T' && text[10] != 't' && text[10] != ' '))
        {
            return Outcome.Invalid;
        }

        if (!TwoDigits(text, 11, out var hour) || text[13] != ':' || !TwoDigits(text, 14, out var minute)
            || hour > 23 || minute > 59)
        {
            return Outcome.Invalid;
        }

        var p = 16;
        var second = 0;
        long fractionTicks = 0;
        if (p < text.Length && text[p] == ':')
        {
            if (!TwoDigits(text, p + 1, out second) || second > 59)
            {
                return Outcome.Invalid;
            }

            p += 3;
            if (p < text.Length && text[p] == '.')
            {
                p++;
                var start = p;
                long scale = TimeSpan.TicksPerSecond;
                for (; p < text.Length && char.IsAsciiDigit(text[p]); p++)
                {
                    // Digits beyond 100 ns are below DateTimeOffset's resolution and are dropped.
                    scale /= 10;
                    fractionTicks += (text[p] - '0') * scale;
                }

                if (p == start)
                {
                    return Outcome.Invalid;
                }
            }
        }

        if (p == text.Length)
        {
            return Outcome.MissingOffset;
        }

        if (!TryParseOffset(text[p..], out var offset))
        {
            return Outcome.Invalid;
        }

        var local = date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(fractionTicks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return Outcome.Invalid;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return Outcome.Ok;
    }

    /// <summary><c>yyyy-MM-dd</c> at the start of <paramref name="text"/>, checked against the calendar.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-'
            || !TwoDigits(text, 0, out var century) || !TwoDigits(text, 2, out var yy)
            || !TwoDigits(text, 5, out var month) || !TwoDigits(text, 8, out var day))
        {
            return false;
        }

        var year = (century * 100) + yy;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool LooksLikeEpochMillis(ReadOnlySpan<char> text)
    {
        var digits = text.Length > 0 && text[0] == '-' ? text[1..] : text;
        return digits.Length is > 0 and <= 15 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool TryParseOffset(ReadOnlySpan<char> zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "Z" or "z")
        {
            return true;
        }

        if (zone.Length < 3 || (zone[0] != '+' && zone[0] != '-') || !TwoDigits(zone, 1, out var hours))
        {
            return false;
        }

        var minutes = 0;
        var rest = zone[3..];
        if (rest.Length > 0)
        {
            if (rest[0] == ':')
            {
                rest = rest[1..];
            }

            if (rest.Length != 2 || !TwoDigits(rest, 0, out minutes))
            {
                return false;
            }
        }

        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (zone[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, int at, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length || !char.IsAsciiDigit(text[at]) || !char.IsAsciiDigit(text[at + 1]))
        {
            return false;
        }

        value = ((text[at] - '0') * 10) + (text[at + 1] - '0');
        return true;
    }
}
