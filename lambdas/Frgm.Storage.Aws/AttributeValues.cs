using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Frgm.Storage.Aws;

/// <summary>
/// Builds and reads DynamoDB attribute values with one spelling for decimals (invariant, no exponent) and
/// timestamps (ISO 8601 UTC, fixed width so that string order is time order).
/// </summary>
internal static class AttributeValues
{
    /// <summary>Fixed width, 7 fractional digits: lexicographic order equals time order, and nothing is lost.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public const string DateFormat = "yyyy-MM-dd";

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Time(DateTimeOffset value) => S(Format(value));

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static void PutIfNotNull(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    public static void PutIfNotNull(Dictionary<string, AttributeValue> item, string name, decimal? value)
    {
        if (value is { } v)
        {
            item[name] = N(v);
        }
    }

    public static void PutIfNotNull(Dictionary<string, AttributeValue> item, string name, long? value)
    {
        if (value is { } v)
        {
            item[name] = N(v);
        }
    }

    public static void PutIfNotNull(Dictionary<string, AttributeValue> item, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            item[name] = Time(v);
        }
    }

    public static string GetString(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetStringOrNull(name) ?? throw Missing(item, name);

    public static string? GetStringOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.S is { } s ? s : null;

    public static decimal GetDecimal(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetDecimalOrNull(name) ?? throw Missing(item, name);

    public static decimal? GetDecimalOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.N is { } n ? decimal.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public static long GetLong(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetLongOrNull(name) ?? throw Missing(item, name);

    public static long? GetLongOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) && v.N is { } n ? long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public static int GetIntOrZero(this Dictionary<string, AttributeValue> item, string name) => (int)(item.GetLongOrNull(name) ?? 0);

    public static DateTimeOffset GetTime(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetTimeOrNull(name) ?? throw Missing(item, name);

    public static DateTimeOffset? GetTimeOrNull(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetStringOrNull(name) is { } s
            ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    public static DateOnly GetDate(this Dictionary<string, AttributeValue> item, string name) =>
        DateOnly.ParseExact(item.GetString(name), DateFormat, CultureInfo.InvariantCulture);

    private static InvalidDataException Missing(Dictionary<string, AttributeValue> item, string name) =>
        new($"DynamoDB item {Describe(item)} has no attribute '{name}'");

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        $"pk={item.GetStringOrNull(TableShape.PartitionKey) ?? "?"} sk={item.GetStringOrNull(TableShape.SortKey) ?? "?"}";
}
