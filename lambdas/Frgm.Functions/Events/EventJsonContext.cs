using System.Text.Json.Serialization;

namespace Frgm.Functions.Events;

/// <summary>Source-generated (reflection-free) serialization for every event and response the handlers see.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(S3EventNotification))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(DynamoDbStreamEvent))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(TtPollerResponse))]
[JsonSerializable(typeof(AlarmSweepResponse))]
public sealed partial class EventJsonContext : JsonSerializerContext
{
}
