namespace Frgm.Domain.Feeds.Routing;

/// <summary>Dates and times carried by object keys: <c>YYYY/MM/DD</c> folders, <c>YYYYMMDD</c> runs and
/// <c>_YYYYMMDD_HHMMSS</c> market-data stamps. Every candidate is checked against the calendar.</summary>
internal static class KeyDates
{
    public enum FolderDate
    {
        None,
        Found,
        Invalid,
    }

    /// <summary>The first three consecutive folder segments shaped <c>YYYY/MM/DD</c>.</summary>
    public static FolderDate TryFolderDate(IReadOnlyList<string> folders, out DateOnly date, out string text)
    {
        date = default;
        text = string.Empty;
        for (var i = 0; i + 2 < folders.Count; i++)
        {
            if (!IsDigits(folders[i], 4) || !IsDigits(folders[i + 1], 2) || !IsDigits(folders[i + 2], 2))
            {
                continue;
            }

            text = $"{folders[i]}/{folders[i + 1]}/{folders[i + 2]}";
            return TryDate(Number(folders[i]), Number(folders[i + 1]), Number(folders[i + 2]), out date)
                ? FolderDate.Found
                : FolderDate.Invalid;
        }

        return FolderDate.None;
    }

    /// <summary>The first run of exactly eight digits in the file name that is a real date.</summary>
    public static bool TryFileNameDate(string fileName, out DateOnly date)
    {
        date = default;
        for (var i = 0; i < fileName.Length;)
        {
            if (!char.IsAsciiDigit(fileName[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < fileName.Length && char.IsAsciiDigit(fileName[i]))
            {
                i++;
            }

            if (i - start == 8 && TryYyyyMmDd(fileName.AsSpan(start, 8), out date))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>_YYYYMMDD_HHMMSS</c> in a market-data file name, as UTC.</summary>
    public static DateTimeOffset? FileNameTime(string fileName)
    {
        for (var at = fileName.IndexOf('_'); at >= 0 && at + 16 <= fileName.Length; at = fileName.IndexOf('_', at + 1))
        {
            var stamp = fileName.AsSpan(at + 1, 15);
            var endsRun = at + 16 == fileName.Length || !char.IsAsciiDigit(fileName[at + 16]);
            if (stamp[8] != '_' || !endsRun || !IsDigits(stamp[..8], 8) || !IsDigits(stamp[9..], 6))
            {
                continue;
            }

            if (TryYyyyMmDd(stamp[..8], out var date)
                && Number(stamp[9..11]) is var hour and < 24
                && Number(stamp[11..13]) is var minute and < 60
                && Number(stamp[13..15]) is var second and < 60)
            {
                return new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.Zero);
            }
        }

        return null;
    }

    private static bool TryYyyyMmDd(ReadOnlySpan<char> digits, out DateOnly date) =>
        TryDate(Number(digits[..4]), Number(digits[4..6]), Number(digits[6..8]), out date);

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year < 1900 || year > 2999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text, int length) =>
        text.Length == length && !text.ContainsAnyExceptInRange('0', '9');

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
