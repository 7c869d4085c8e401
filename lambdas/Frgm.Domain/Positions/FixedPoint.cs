namespace Frgm.Domain.Positions;

/// <summary>
/// Exact prices as Int128 counts of 10⁻¹² points. Int128 add/multiply/divide cost a few nanoseconds where
/// decimal needs tens to hundreds once averages carry many digits; that is what lets the engine apply
/// millions of trades a second. Values that do not fit are refused so the caller can use decimal instead.
/// </summary>
internal static class FixedPoint
{
    public const int Decimals = 12;

    /// <summary>Largest accepted |quantity|: keeps qty × price and the day's running sums far inside Int128.</summary>
    public const long MaxQuantity = 1L << 40;

    private static readonly ulong[] PowersOfTen = BuildPowersOfTen();

    /// <summary>The price in units if it has at most 12 significant decimal places and is below ~1.8e7.</summary>
    public static bool TryFromDecimal(decimal price, out Int128 units)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(price, bits);
        units = 0;
        if (bits[2] != 0)
        {
            return false;
        }

        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        while (scale > Decimals)
        {
            // Trailing zeros (112.50000000000000) are harmless; real 13th-place digits are not representable.
            if (mantissa % 10 != 0)
            {
                return false;
            }

            mantissa /= 10;
            scale--;
        }

        var high = Math.BigMul(mantissa, PowersOfTen[Decimals - scale], out var low);
        if (high != 0)
        {
            return false;
        }

        units = bits[3] < 0 ? -(Int128)low : low;
        return true;
    }

    /// <summary>Units back to a decimal, without trailing zeros (so 112.5 serializes as 112.5).</summary>
    public static decimal ToDecimal(Int128 units)
    {
        var negative = units < 0;
        var magnitude = (UInt128)(negative ? -units : units);
        byte scale = Decimals;
        while (scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        if (magnitude >> 96 != 0)
        {
            throw new OverflowException($"{units} × 1e-12 is outside the range of decimal.");
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, scale);
    }

    /// <summary>numerator ÷ divisor rounded half to even, as Math.Round(decimal) does.</summary>
    public static Int128 DivideRounded(Int128 numerator, long divisor)
    {
        var quotient = numerator / divisor;
        var remainder = numerator - (quotient * divisor);
        if (remainder == 0)
        {
            return quotient;
        }

        var twice = Int128.Abs(remainder) * 2;
        var absDivisor = Int128.Abs(divisor);
        if (twice > absDivisor || (twice == absDivisor && !Int128.IsEvenInteger(quotient)))
        {
            quotient += (numerator < 0) == (divisor < 0) ? 1 : -1;
        }

        return quotient;
    }

    private static ulong[] BuildPowersOfTen()
    {
        var powers = new ulong[Decimals + 1];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
