using System.Globalization;

namespace Frgm.Domain.Feeds.Values;

/// <summary>
/// Decimal and integer text as FORMATS.md writes them: optional sign, digits, optional '.' fraction, no
/// thousands separators or exponents. The common case (≤ 19 digits) is assembled directly; anything longer
/// goes through <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/>
/// with the same rules, so both paths agree.
/// </summary>
internal static class DecimalText
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
    private const int FastDigits = 19;

    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                if (digits == FastDigits)
                {
                    return SlowPath(text, out value);
                }

                mantissa = (mantissa * 10) + (ulong)(c - '0');
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                value = 0;
                return false;
            }
        }

        if (digits == 0)
        {
            value = 0;
            return false;
        }

        value = new decimal(
            unchecked((int)(uint)mantissa),
            unchecked((int)(uint)(mantissa >> 32)),
            0,
            negative && mantissa != 0,
            (byte)Math.Max(scale, 0));
        return true;
    }

    public enum IntegerOutcome
    {
        Ok,
        NotANumber,
        Fraction,
        OutOfRange,
    }

    /// <summary>A whole number, written <c>10</c> or <c>10.0</c>; fractions, text and values beyond 64 bits are refused.</summary>
    public static IntegerOutcome TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (!TryParse(text, out var number))
        {
            return IntegerOutcome.NotANumber;
        }

        if (number != decimal.Truncate(number))
        {
            return IntegerOutcome.Fraction;
        }

        if (number < long.MinValue || number > long.MaxValue)
        {
            return IntegerOutcome.OutOfRange;
        }

        value = (long)number;
        return IntegerOutcome.Ok;
    }

    private static bool SlowPath(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
}
