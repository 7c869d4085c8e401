using System.Text.Json;
using System.Text.RegularExpressions;
using Frgm.Dashboard.Tests.Support;
using Frgm.TestSupport;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>
/// docs/API.md, the reference integrators read, cannot fall behind the API: every operation of the served OpenAPI
/// document has its row ("GET `/api/positions`"), every row names a served operation, and every setting the
/// dashboard's --help lists is documented.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ApiReferenceDocumentTests(DashboardApiFactory app)
{
    private static string ApiMd => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "API.md"));

    [Fact]
    public async Task Every_route_of_the_openapi_document_has_a_row_in_docs_api_md()
    {
        var doc = ApiMd;
        var missing = (await ServedOperationsAsync()).Where(op => !doc.Contains(op, StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "docs/API.md lacks a row for: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_route_docs_api_md_lists_is_served()
    {
        var served = (await ServedOperationsAsync()).ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedRoute().Matches(ApiMd).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(documented);
        var unknown = documented.Where(d => !served.Contains(d)).ToList();
        Assert.True(unknown.Count == 0, "docs/API.md lists routes the dashboard does not serve: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_setting_of_the_help_text_is_in_docs_api_md()
    {
        var doc = ApiMd;
        var settings = SettingName().Matches(Frgm.Dashboard.Hosting.HelpText.Text).Select(m => m.Value.TrimEnd(':', '*')).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(settings);
        var missing = settings.Where(s => !doc.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/API.md does not document: " + string.Join(", ", missing));
    }

    /// <summary>"GET `/api/positions`" for every operation the app describes.</summary>
    private async Task<IReadOnlyList<string>> ServedOperationsAsync()
    {
        using var client = app.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operations = json.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} `{path.Name}`"))
            .ToList();
        Assert.NotEmpty(operations);
        return operations;
    }

    [GeneratedRegex(@"\b(GET|POST|PUT|PATCH|DELETE) `/[^`]*`")]
    private static partial Regex DocumentedRoute();

    [GeneratedRegex(@"Frgm:[A-Za-z]+(:[A-Za-z]+)*(:\*)?")]
    private static partial Regex SettingName();
}
