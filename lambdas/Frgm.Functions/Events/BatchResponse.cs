using System.Text.Json.Serialization;

namespace Frgm.Functions.Events;

/// <summary>
/// Partial batch response (ReportBatchItemFailures): SQS retries only the named messages (itemIdentifier =
/// messageId); stream sources retry from the named record (itemIdentifier = SequenceNumber).
/// </summary>
public sealed class BatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public List<BatchItemFailure> BatchItemFailures { get; set; } = [];
}

public sealed class BatchItemFailure
{
    public BatchItemFailure(string itemIdentifier) => ItemIdentifier = itemIdentifier;

    [JsonPropertyName("itemIdentifier")]
    public string ItemIdentifier { get; set; }
}
