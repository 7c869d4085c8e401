using System.Text.Json.Serialization;

namespace Frgm.Functions.Events;

/// <summary>
/// An EventBridge rule's "Scheduled Event", or an EventBridge Scheduler payload. Scheduler sends whatever
/// input the schedule names (often <c>{}</c>), so every field is optional and the handler falls back to its clock.
/// </summary>
public sealed class ScheduledEvent
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; set; }

    [JsonPropertyName("resources")]
    public List<string>? Resources { get; set; }
}
