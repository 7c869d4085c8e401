using System.Diagnostics;
using System.Text.Json;
using Frgm.Dashboard.Api;
using Frgm.Dashboard.Tests.Support;
using Frgm.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>/openapi/v1.json is complete enough for a client generator: parameters, security, errors, CSV; and valid.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(DashboardApiFactory app)
{
    /// <summary>API.md's query parameters per route, written out here independently of the app's table.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["get /api/positions"] = ["date", "account_id", "ticker", "format"],
        ["get /api/accounts"] = ["date", "account_id", "ticker", "format"],
        ["get /api/accounts/{account_id}/pnl-history"] = ["date", "format"],
        ["get /api/blotter"] = ["date", "account_id", "ticker", "limit", "cursor", "format"],
        ["get /api/market"] = ["ticker", "format"],
        ["get /api/orders"] = ["account_id", "ticker", "limit", "cursor", "format"],
        ["get /api/alarms"] = ["date", "account_id", "ticker", "state", "needs_ack", "format"],
        ["get /api/alarms/{alarm_id}/history"] = ["format"],
        ["post /api/alarms/{alarm_id}/ack"] = [],
        ["get /api/files"] = ["status", "date", "feed", "key", "limit", "cursor", "format"],
        ["get /api/risk"] = ["date", "account_id", "product", "underlying", "format"],
        ["get /api/risk/scenarios"] = ["date", "account_id", "product", "underlying", "underlying_shifts", "vol_shifts", "format"],
        ["get /api/stream"] = [],
    };

    [Fact]
    public async Task Every_api_route_has_its_query_parameters_security_and_json_error_responses()
    {
        var doc = await DocumentAsync();
        var operations = ApiOperations(doc).ToList();

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), operations.Select(o => o.Key).Order(StringComparer.Ordinal));
        foreach (var (key, operation) in operations)
        {
            var query = operation.TryGetProperty("parameters", out var ps)
                ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList()
                : [];
            Assert.True(Expected[key].Order().SequenceEqual(query.Select(p => p.GetProperty("name").GetString()!).Order()), $"{key}: {string.Join(",", query.Select(p => p.GetProperty("name").GetString()))}");
            Assert.All(query, p =>
            {
                Assert.False(p.TryGetProperty("required", out var required) && required.GetBoolean(), $"{key} {p}");
                Assert.True(p.GetProperty("schema").TryGetProperty("type", out _), $"{key} {p}");
                Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("description").GetString()));
            });
            if (key.Contains('{', StringComparison.Ordinal))
            {
                Assert.Contains(ps.EnumerateArray(), p => p.GetProperty("in").GetString() == "path" && p.GetProperty("required").GetBoolean());
            }

            var schemes = operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList();
            Assert.Equal([OpenApiDocumentation.HeaderScheme, OpenApiDocumentation.QueryScheme], schemes);
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "400", "401", "404", "503" })
            {
                var schema = responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");
                Assert.Equal("#/components/schemas/ErrorResponse", schema.GetProperty("$ref").GetString());
            }
        }

        var post = operations.Single(o => o.Key.StartsWith("post ", StringComparison.Ordinal)).Operation;
        Assert.True(post.GetProperty("responses").TryGetProperty("409", out _));
        var state = ParameterSchema(operations, "get /api/alarms", "state");
        Assert.Equal(["ACTIVE", "ACKNOWLEDGED", "CLEARED"], state.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("date", ParameterSchema(operations, "get /api/positions", "date").GetProperty("format").GetString());
        Assert.Equal(ApiQuery.MaxLimit, ParameterSchema(operations, "get /api/blotter", "limit").GetProperty("maximum").GetInt32());
    }

    [Fact]
    public async Task The_security_schemes_and_error_schema_are_defined_and_health_needs_no_key()
    {
        var doc = await DocumentAsync();
        var components = doc.GetProperty("components");
        var header = components.GetProperty("securitySchemes").GetProperty(OpenApiDocumentation.HeaderScheme);
        Assert.Equal(("apiKey", "header", "X-API-Key"), (header.GetProperty("type").GetString(), header.GetProperty("in").GetString(), header.GetProperty("name").GetString()));
        var query = components.GetProperty("securitySchemes").GetProperty(OpenApiDocumentation.QueryScheme);
        Assert.Equal(("apiKey", "query", "api_key"), (query.GetProperty("type").GetString(), query.GetProperty("in").GetString(), query.GetProperty("name").GetString()));
        var error = components.GetProperty("schemas").GetProperty("ErrorResponse");
        Assert.Equal(["error", "message"], error.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.False(doc.GetProperty("paths").GetProperty("/health").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Every_csv_list_offers_text_csv_beside_json_and_the_document_covers_every_mapped_api_route()
    {
        var doc = await DocumentAsync();
        var operations = ApiOperations(doc).ToDictionary(o => o.Key, o => o.Operation);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            var methods = route.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods;
            foreach (var method in methods)
            {
                var key = $"{method.ToLowerInvariant()} {route.RoutePattern.RawText}";
                Assert.True(operations.ContainsKey(key), $"{key} is routed but not in /openapi/v1.json");
                var content = operations[key].GetProperty("responses").GetProperty("200").TryGetProperty("content", out var c) ? c : default;
                var csv = route.Metadata.GetMetadata<CsvExportMetadata>() is not null;
                Assert.True(csv == (content.ValueKind == JsonValueKind.Object && content.TryGetProperty("text/csv", out _)), $"{key}: csv {csv}");
                if (csv)
                {
                    Assert.True(content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out _), key);
                }
            }
        }
    }

    [Fact]
    [Trait("Needs", "servers")]
    public async Task The_document_passes_swagger_parser_validation()
    {
        var path = Path.Combine(Path.GetTempPath(), $"frgm-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        try
        {
            var script = "import('@apidevtools/swagger-parser').then(m => (m.default || m).validate(process.argv[1]))" +
                ".then(api => console.log('valid ' + api.openapi), e => { console.error(e.message); process.exit(1); });";
            var info = new ProcessStartInfo(RepoPaths.Node) { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-e");
            info.ArgumentList.Add(script);
            info.ArgumentList.Add(path);
            using var node = Process.Start(info)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, $"swagger-parser: {await stderr}{await stdout}");
            Assert.StartsWith("valid 3.", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    private static IEnumerable<(string Key, JsonElement Operation)> ApiOperations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject()
                .Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch")
                .Select(o => ($"{o.Name} {p.Name}", o.Value)));

    private static JsonElement ParameterSchema(List<(string Key, JsonElement Operation)> operations, string key, string name) =>
        operations.Single(o => o.Key == key).Operation.GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");
}
