using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frgm.Dashboard.Api;

/// <summary>Writes every timestamp as ISO 8601 in UTC with a <c>Z</c> (API.md), whatever offset it was stored with.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime);
    }
}
