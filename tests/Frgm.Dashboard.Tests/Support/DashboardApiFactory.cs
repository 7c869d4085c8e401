using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Frgm.Dashboard.Tests.Support;

/// <summary>
/// The dashboard in embedded mode on a temp DataDir (demo off), with the shared samples ingested through the real
/// path: dropped into the bucket folders, picked up by the folder watcher, recorded in the ledger.
/// </summary>
public class DashboardApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string DataDir { get; } = DashboardTestData.NewDataDir("api");

    public HttpClient Api { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Frgm:Mode", "Embedded");
        builder.UseSetting("Frgm:DataDir", DataDir);
        builder.UseSetting("Frgm:Demo", "false");
        builder.UseSetting("Frgm:ApiKey", DashboardTestData.ApiKey + ",second-key");
        builder.UseSetting("Frgm:InstrumentsFile", SampleFeeds.InstrumentsFile);
        builder.UseSetting("Frgm:SweepSeconds", "1");
    }

    public virtual async ValueTask InitializeAsync()
    {
        Api = CreateClient();
        Api.DefaultRequestHeaders.Add("X-API-Key", DashboardTestData.ApiKey);
        SampleFeeds.DropAll(DataDir);
        await Poll.UntilAsync(
            async () =>
            {
                using var doc = JsonDocument.Parse(await Api.GetStringAsync("/api/files"));
                var files = doc.RootElement.GetProperty("files");
                return files.EnumerateArray().Count(f => SampleFeeds.Keys.Contains(f.GetProperty("key").GetString() ?? string.Empty)
                    && f.GetProperty("status").GetString() != "PROCESSING") == SampleFeeds.FileCount;
            },
            "the five sample files to be ingested");
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await Api.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A CSV list's rows (header first), checked to be a success served as text/csv.</summary>
    public async Task<List<List<string>>> GetCsvAsync(string url)
    {
        using var response = await Api.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}: {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return CsvText.Parse(body);
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string url, object body) =>
        await Api.PostAsJsonAsync(url, body);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DashboardTestData.DeleteQuietly(DataDir);
    }
}
