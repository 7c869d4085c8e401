using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frgm.Domain.Feeds.Json;

/// <summary>One order of the TT snapshot file as written by the poller (FORMATS.md "TT working orders"). Everything is
/// nullable here so that a missing field is reported by name, not as a generic serializer error.</summary>
internal sealed class WorkingOrderDocument
{
    [JsonConverter(typeof(TextOrNumberConverter))]
    public string? OrderId { get; set; }

    [JsonConverter(typeof(TextOrNumberConverter))]
    public string? AccountId { get; set; }

    public string? Ticker { get; set; }

    [JsonConverter(typeof(TextOrNumberConverter))]
    public string? Side { get; set; }

    public decimal? Quantity { get; set; }

    public decimal? Price { get; set; }

    public decimal? LeavesQty { get; set; }

    public decimal? CumQty { get; set; }

    [JsonConverter(typeof(TextOrNumberConverter))]
    public string? Status { get; set; }

    [JsonConverter(typeof(TextOrNumberConverter))]
    public string? OrderType { get; set; }

    [JsonConverter(typeof(TextOrNumberConverter))]
    public string? TimeInForce { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>Source-generated (no reflection), snake_case as the file is written, numbers also accepted as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(WorkingOrderDocument))]
internal sealed partial class WorkingOrdersJsonContext : JsonSerializerContext;
