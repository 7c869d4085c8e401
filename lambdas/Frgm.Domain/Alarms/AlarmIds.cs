using System.Security.Cryptography;
using System.Text;
using Frgm.Domain.Model;

namespace Frgm.Domain.Alarms;

/// <summary>
/// Alarm ids derived from what identifies a raise, so a retried raise (same key, same raised_at) writes the
/// same id instead of a second alarm: the first 16 hex digits of SHA-256("TYPE|account|ticker|raisedAtUtcTicks"),
/// with "|subject" appended for event alarms (so two failed files raised in the same instant stay two alarms).
/// </summary>
public static class AlarmIds
{
    public static string For(AlarmKey key, DateTimeOffset raisedAt)
    {
        var text = $"{WireNames.Of(key.Type)}|{key.AccountId}|{key.Ticker}|{raisedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            + (key.Subject is { } subject ? "|" + subject : string.Empty);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
