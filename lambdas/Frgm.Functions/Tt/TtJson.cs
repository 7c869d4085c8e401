using System.Globalization;
using System.Text.Json;

namespace Frgm.Functions.Tt;

/// <summary>Tolerant readers for TT's JSON: numbers arrive as numbers or strings, fields under several spellings.</summary>
internal static class TtJson
{
    /// <summary>The first present, non-null property among the spellings, compared case-insensitively.</summary>
    public static JsonElement? First(JsonElement obj, params string[] names)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)
                    && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    public static string? Text(JsonElement obj, params string[] names) => First(obj, names) is { } v ? AsText(v) : null;

    public static decimal? Number(JsonElement obj, params string[] names) => First(obj, names) is { } v ? AsNumber(v) : null;

    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s.Trim() : null,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static decimal? AsNumber(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d))
        {
            return d;
        }

        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return null;
    }
}
