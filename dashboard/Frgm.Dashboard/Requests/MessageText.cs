namespace Frgm.Dashboard.Requests;

/// <summary>
/// Caller-supplied text put into an error message or a log line is cut to a short prefix: a rejected 25 MB value
/// must cost a few bytes to report, not its own size again.
/// </summary>
public static class MessageText
{
    public const int MaxValueChars = 64;

    /// <summary>Longest message the API writes; a bound on everything else a message may carry.</summary>
    public const int MaxMessageChars = 512;

    public static string Prefix(string? value, int max = MaxValueChars)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return value.Length <= max ? value : string.Concat(value.AsSpan(0, max), $"… ({value.Length} characters)");
    }
}
