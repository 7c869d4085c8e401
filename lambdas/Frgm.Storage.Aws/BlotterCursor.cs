using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Frgm.Storage.Aws;

/// <summary>
/// The blotter's opaque cursor: URL-safe base64 (no padding) of the JSON of the index key where the next page
/// starts (pk, sk, gsi1pk, gsi1sk — all strings). A cursor only continues the date it was issued for.
/// </summary>
internal static class BlotterCursor
{
    private static readonly string[] KeyNames =
        [TableShape.PartitionKey, TableShape.SortKey, TableShape.Gsi1PartitionKey, TableShape.Gsi1SortKey];

    public static string Encode(Dictionary<string, AttributeValue> item)
    {
        var key = KeyNames.ToDictionary(n => n, n => item.GetString(n), StringComparer.Ordinal);
        var json = JsonSerializer.SerializeToUtf8Bytes(key, AwsJsonContext.Default.DictionaryStringString);
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The ExclusiveStartKey for <paramref name="cursor"/>; ArgumentException when it is not one of ours for this partition.</summary>
    public static Dictionary<string, AttributeValue> Decode(string cursor, string expectedGsi1Pk)
    {
        Dictionary<string, string>? key;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            key = JsonSerializer.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(base64)), AwsJsonContext.Default.DictionaryStringString);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException($"cursor '{Shorten(cursor)}' is not a blotter cursor (not base64 JSON)", nameof(cursor), ex);
        }

        if (key is null || key.Count != KeyNames.Length || !KeyNames.All(key.ContainsKey))
        {
            throw new ArgumentException($"cursor '{Shorten(cursor)}' is not a blotter cursor (wrong key fields)", nameof(cursor));
        }

        if (key[TableShape.Gsi1PartitionKey] != expectedGsi1Pk)
        {
            throw new ArgumentException($"cursor '{Shorten(cursor)}' belongs to another blotter date", nameof(cursor));
        }

        return key.ToDictionary(kv => kv.Key, kv => AttributeValues.S(kv.Value), StringComparer.Ordinal);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
