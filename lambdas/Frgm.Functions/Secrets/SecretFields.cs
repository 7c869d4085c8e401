using System.Text.Json;

namespace Frgm.Functions.Secrets;

/// <summary>Reads one field of a JSON secret, with errors that name the field but never show the value.</summary>
public static class SecretFields
{
    public static string Required(string secretString, string field, string secretId)
    {
        ArgumentNullException.ThrowIfNull(secretString);
        try
        {
            using var doc = JsonDocument.Parse(secretString);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty(field, out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException ex)
        {
            throw new SecretUnavailableException($"secret '{secretId}' is not a JSON object (expected field '{field}')", ex);
        }

        throw new SecretUnavailableException($"secret '{secretId}' has no non-empty string field '{field}'");
    }

    /// <summary>A JSON object's field, or the whole secret when it is plain text (e.g. a bare webhook URL).</summary>
    public static string FieldOrPlain(string secretString, string field, string secretId)
    {
        ArgumentNullException.ThrowIfNull(secretString);
        return secretString.TrimStart().StartsWith('{') ? Required(secretString, field, secretId) : secretString.Trim();
    }
}
