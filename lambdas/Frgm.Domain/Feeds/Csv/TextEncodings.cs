namespace Frgm.Domain.Feeds.Csv;

/// <summary>
/// Feeds are UTF-8 (a UTF-16/32 byte-order mark is honoured by the reader). Without a mark, UTF-16 or UTF-32 text
/// decodes as letters separated by NULs, and Windows-1252 / Latin-1 bytes as U+FFFD: both would otherwise surface as
/// "missing column(s)", which sends the operator looking for the wrong problem.
/// </summary>
internal static class TextEncodings
{
    public const string InvalidUtf8Row =
        "row is not valid UTF-8 (bytes decoded as U+FFFD; Windows-1252 or Latin-1 text?): feeds must be saved as UTF-8";

    /// <summary>The encoding the header betrays, or null when it reads as UTF-8 text.</summary>
    public static string? DescribeHeaderProblem(CsvTokenizer header)
    {
        int nuls = 0, others = 0, replaced = 0;
        var firstIsNul = false;
        for (var field = 0; field < header.FieldCount; field++)
        {
            foreach (var c in header.Field(field))
            {
                if (nuls + others == 0)
                {
                    firstIsNul = c == '\0';
                }

                if (c == '\0')
                {
                    nuls++;
                }
                else
                {
                    others++;
                    replaced += c == '\uFFFD' ? 1 : 0;
                }
            }
        }

        if (nuls > 0)
        {
            // ASCII letters in UTF-16 carry one NUL each, in UTF-32 three; the NUL before the letter means big-endian.
            var width = nuls >= 2 * Math.Max(others, 1) ? "UTF-32" : "UTF-16";
            var order = firstIsNul ? "big-endian" : "little-endian";
            return $"the file looks like {width} ({order}) without a byte-order mark (NUL bytes between the characters); feeds must be UTF-8: re-save the file as UTF-8";
        }

        return replaced > 0
            ? "the header is not valid UTF-8 (bytes decoded as U+FFFD; Windows-1252 or Latin-1 text?); feeds must be UTF-8: re-save the file as UTF-8"
            : null;
    }

    public static bool HasReplacementChar(CsvTokenizer record)
    {
        for (var field = 0; field < record.FieldCount; field++)
        {
            if (record.Field(field).Contains('\uFFFD'))
            {
                return true;
            }
        }

        return false;
    }
}
