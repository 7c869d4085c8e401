using System.Text.Json.Serialization;
using Frgm.Domain.Alarms;

namespace Frgm.Functions.Hosting;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AlarmThresholds))]
internal sealed partial class HostingJsonContext : JsonSerializerContext
{
}
