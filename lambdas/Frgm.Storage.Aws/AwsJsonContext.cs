using System.Text.Json.Serialization;

namespace Frgm.Storage.Aws;

/// <summary>Source-generated JSON for the AWS adapters (the Lambdas are Native AOT: no reflection serializer).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
