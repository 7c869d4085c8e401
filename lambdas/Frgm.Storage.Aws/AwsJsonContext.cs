using System.Text.Json.Serialization;
using Frgm.Domain.Model;

namespace Frgm.Storage.Aws;

/// <summary>
/// Source-generated JSON for the AWS adapters (the Lambdas are Native AOT: no reflection serializer). Prices take the
/// same camelCase shape as in Redis; decimals stay exact.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<MarketPrice>))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
