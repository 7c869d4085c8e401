using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frgm.Application.Ports;

/// <summary>What changed: the SSE event names of API.md. On the wire (pub/sub JSON, SSE) only the wire name travels.</summary>
[JsonConverter(typeof(ChangeTopicJsonConverter))]
public enum ChangeTopic
{
    Positions,
    Market,
    Orders,
    Alarms,
    Files,
}

public static class ChangeTopics
{
    public static readonly IReadOnlyList<ChangeTopic> All = [ChangeTopic.Positions, ChangeTopic.Market, ChangeTopic.Orders, ChangeTopic.Alarms, ChangeTopic.Files];

    public static string WireName(this ChangeTopic topic) => topic switch
    {
        ChangeTopic.Positions => "positions",
        ChangeTopic.Market => "market",
        ChangeTopic.Orders => "orders",
        ChangeTopic.Alarms => "alarms",
        ChangeTopic.Files => "files",
        _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "not a change topic"),
    };

    /// <summary>The topic whose wire name is <paramref name="name"/> (exact, as published); false for anything else.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out ChangeTopic? topic)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.Ordinal))
            {
                topic = candidate;
                return true;
            }
        }

        topic = null;
        return false;
    }
}

/// <summary>Writes and reads the wire name; an unknown name is a <see cref="JsonException"/> (the message is skipped).</summary>
public sealed class ChangeTopicJsonConverter : JsonConverter<ChangeTopic>
{
    public override ChangeTopic Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ChangeTopics.TryParse(name, out var topic)
            ? topic.Value
            : throw new JsonException($"'{name}' is not a change topic ({string.Join(", ", ChangeTopics.All.Select(t => t.WireName()))})");
    }

    public override void Write(Utf8JsonWriter writer, ChangeTopic value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.WireName());
    }
}
