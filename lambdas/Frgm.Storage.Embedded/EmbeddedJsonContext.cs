using System.Text.Json.Serialization;
using Frgm.Domain.Model;

namespace Frgm.Storage.Embedded;

/// <summary>Source-generated JSON for the few values SQLite keeps as documents (order snapshots, ledger errors).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OrderSnapshot))]
[JsonSerializable(typeof(WorkingOrder))]
[JsonSerializable(typeof(Frgm.Application.Ports.OrderSnapshotHeader))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class EmbeddedJsonContext : JsonSerializerContext
{
}
