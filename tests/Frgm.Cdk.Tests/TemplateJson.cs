using System.Text.Json;

namespace Frgm.Cdk.Tests;

/// <summary>Whole-template scans over the synthesized JSON (for checks no single Match expresses).</summary>
public static class TemplateJson
{
    public static IEnumerable<(string Id, JsonElement Resource)> Resources(this JsonDocument doc, string type) =>
        doc.RootElement.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => (r.Name, r.Value));

    public static JsonElement Props(this JsonElement resource) => resource.GetProperty("Properties");

    public static IEnumerable<JsonElement> Items(this JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];

    public static string? Str(this JsonElement value, string name) =>
        value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
