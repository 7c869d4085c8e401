using System.Text.Json.Serialization;
using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Aws.Redis;

/// <summary>Source-generated JSON for every value stored in Redis or published on the change channel.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(MarketPrice))]
[JsonSerializable(typeof(OrderSnapshot))]
[JsonSerializable(typeof(WorkingOrder))]
[JsonSerializable(typeof(List<Position>))]
[JsonSerializable(typeof(ChangeEvent))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
