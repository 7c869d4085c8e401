using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Frgm.Functions.Handlers;

/// <summary>Stream in, Stream out: the runtime loop hands handlers the raw event bytes.</summary>
internal static class FunctionJson
{
    public static async Task<T> ReadAsync<T>(Stream input, JsonTypeInfo<T> type, string what, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(input, type, ct)
                ?? throw new InvalidDataException($"{what}: the event is JSON null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{what}: the event is not valid JSON ({ex.Message})", ex);
        }
    }

    public static Stream Write<T>(T value, JsonTypeInfo<T> type)
    {
        var output = new MemoryStream();
        JsonSerializer.Serialize(output, value, type);
        output.Position = 0;
        return output;
    }
}
