using System.Net;
using System.Text.Json;

namespace Frgm.Smoke;

/// <summary>The HTTP checks: probes, every /api route's contract shape (API.md), and the key check.</summary>
public static class ContractChecks
{
    /// <summary>Each /api route and the top-level fields its 200 body must carry.</summary>
    public static readonly IReadOnlyList<(string Path, string[] Fields)> Routes =
    [
        ("/api/positions", ["date", "positions"]),
        ("/api/accounts", ["date", "accounts"]),
        ("/api/blotter", ["date", "trades", "next_cursor"]),
        ("/api/market", ["prices"]),
        ("/api/orders", ["snapshot_time", "orders"]),
        ("/api/alarms", ["alarms"]),
        ("/api/files?limit=5", ["files"]),
    ];

    public static async Task RunAsync(HttpClient http, string apiKey, SmokeReport report, CancellationToken ct)
    {
        await report.CheckAsync("GET /health", async () =>
        {
            using var doc = await GetJsonAsync(http, "/health", null, HttpStatusCode.OK, ct);
            return Expect(doc.RootElement.GetProperty("status").GetString() == "ok", "status ok", "status is not ok");
        });

        await report.CheckAsync("GET /ready", async () =>
        {
            using var doc = await GetJsonAsync(http, "/ready", null, HttpStatusCode.OK, ct);
            var stores = doc.RootElement.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
            return Expect(doc.RootElement.GetProperty("status").GetString() == "ready", "ready: " + string.Join(", ", stores), "status is not ready");
        });

        foreach (var (path, fields) in Routes)
        {
            await report.CheckAsync("GET " + path, async () =>
            {
                using var doc = await GetJsonAsync(http, path, apiKey, HttpStatusCode.OK, ct);
                var missing = fields.Where(f => !doc.RootElement.TryGetProperty(f, out _)).ToList();
                return missing.Count == 0 ? "fields " + string.Join(", ", fields) : throw new SmokeCheckException("missing fields: " + string.Join(", ", missing));
            });
        }

        await report.CheckAsync("wrong API key gets 401", async () =>
        {
            using var doc = await GetJsonAsync(http, "/api/alarms", "wrong-" + Guid.NewGuid().ToString("N"), HttpStatusCode.Unauthorized, ct);
            return Expect(doc.RootElement.GetProperty("error").GetString() == "unauthorized", "401 unauthorized", "401 without the error body of API.md");
        });
    }

    public static async Task<JsonDocument> GetJsonAsync(HttpClient http, string path, string? apiKey, HttpStatusCode expected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new SmokeCheckException($"HTTP {(int)response.StatusCode}, expected {(int)expected}: {Shorten(body)}");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new SmokeCheckException("body is not JSON: " + Shorten(body));
        }
    }

    private static string Expect(bool ok, string pass, string fail) => ok ? pass : throw new SmokeCheckException(fail);

    private static string Shorten(string s) => s.Length <= 160 ? s : s[..160] + "…";
}
