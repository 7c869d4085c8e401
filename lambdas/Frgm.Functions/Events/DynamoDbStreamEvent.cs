using System.Text.Json.Serialization;

namespace Frgm.Functions.Events;

/// <summary>A DynamoDB Streams event (stream view NEW_AND_OLD_IMAGES).</summary>
public sealed class DynamoDbStreamEvent
{
    [JsonPropertyName("Records")]
    public List<DynamoDbStreamRecord> Records { get; set; } = [];
}

public sealed class DynamoDbStreamRecord
{
    [JsonPropertyName("eventID")]
    public string? EventId { get; set; }

    /// <summary>INSERT, MODIFY or REMOVE.</summary>
    [JsonPropertyName("eventName")]
    public string? EventName { get; set; }

    [JsonPropertyName("dynamodb")]
    public DynamoDbStreamChange? Dynamodb { get; set; }
}

public sealed class DynamoDbStreamChange
{
    [JsonPropertyName("Keys")]
    public Dictionary<string, DynamoDbValue>? Keys { get; set; }

    [JsonPropertyName("NewImage")]
    public Dictionary<string, DynamoDbValue>? NewImage { get; set; }

    [JsonPropertyName("OldImage")]
    public Dictionary<string, DynamoDbValue>? OldImage { get; set; }

    /// <summary>The item identifier a partial batch response names for stream sources.</summary>
    [JsonPropertyName("SequenceNumber")]
    public string? SequenceNumber { get; set; }

    [JsonPropertyName("ApproximateCreationDateTime")]
    public double? ApproximateCreationDateTime { get; set; }
}

/// <summary>One DynamoDB JSON attribute value: exactly one of the members is set.</summary>
public sealed class DynamoDbValue
{
    [JsonPropertyName("S")]
    public string? S { get; set; }

    /// <summary>Numbers travel as strings to keep their precision.</summary>
    [JsonPropertyName("N")]
    public string? N { get; set; }

    [JsonPropertyName("BOOL")]
    public bool? Bool { get; set; }

    [JsonPropertyName("NULL")]
    public bool? Null { get; set; }

    [JsonPropertyName("M")]
    public Dictionary<string, DynamoDbValue>? M { get; set; }

    [JsonPropertyName("L")]
    public List<DynamoDbValue>? L { get; set; }

    [JsonPropertyName("SS")]
    public List<string>? SS { get; set; }

    [JsonPropertyName("NS")]
    public List<string>? NS { get; set; }

    /// <summary>The value as text: S, N or BOOL; null for NULL, maps, lists and missing values.</summary>
    [JsonIgnore]
    public string? Text => S ?? N ?? Bool?.ToString().ToLowerInvariant();
}
