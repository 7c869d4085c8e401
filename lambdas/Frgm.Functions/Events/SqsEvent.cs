using System.Text.Json.Serialization;

namespace Frgm.Functions.Events;

/// <summary>The SQS event Lambda delivers (only the fields the ingest function reads).</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public List<SqsMessage> Records { get; set; } = [];
}

public sealed class SqsMessage
{
    [JsonPropertyName("messageId")]
    public string MessageId { get; set; } = string.Empty;

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    [JsonPropertyName("attributes")]
    public SqsMessageAttributes? Attributes { get; set; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; set; }
}

public sealed class SqsMessageAttributes
{
    /// <summary>A string in the event ("1"); how often SQS has handed this message out.</summary>
    [JsonPropertyName("ApproximateReceiveCount")]
    public string? ApproximateReceiveCount { get; set; }

    [JsonPropertyName("SentTimestamp")]
    public string? SentTimestamp { get; set; }
}
