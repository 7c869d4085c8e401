using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>Every API list as CSV: the JSON rows flattened, with the same filters, by format=csv or Accept: text/csv.</summary>
[Collection(ApiCollection.Name)]
public sealed class CsvApiTests(DashboardApiFactory app)
{
    /// <summary>List URL, the JSON array holding its rows, and columns that change between two requests.</summary>
    public static TheoryData<string, string, string[]> Lists => new()
    {
        { "/api/positions", "positions", [] },
        { "/api/positions?account_id=MM1&ticker=ZNZ6", "positions", [] },
        { "/api/accounts", "accounts", ["active_alarms"] },
        { "/api/accounts?account_id=HEDGE&date=2026-11-20", "accounts", ["active_alarms"] },
        { "/api/blotter", "trades", [] },
        { "/api/blotter?account_id=MM1&ticker=ZNZ6", "trades", [] },
        { "/api/market", "prices", ["age_seconds"] },
        { "/api/market?ticker=ESZ6", "prices", ["age_seconds"] },
        { "/api/orders", "orders", [] },
        { "/api/orders?account_id=HEDGE", "orders", [] },
        { "/api/alarms", "alarms", ["value", "updated_at", "message", "severity", "state", "needs_ack", "cleared_at", "acknowledged_by", "comment", "cleared_by"] },
        { "/api/files", "files", [] },
        { "/api/files?status=COMPLETED", "files", [] },
        { "/api/accounts/MM1/pnl-history", "points", [] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Format_csv_gives_the_json_rows_flattened_under_a_header_of_their_names(string url, string array, string[] volatileColumns)
    {
        var json = await app.GetJsonAsync(url);
        var csvUrl = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "format=csv";
        var rows = await app.GetCsvAsync(csvUrl);

        var expected = json.GetProperty(array).EnumerateArray().ToList();
        Assert.Equal(expected.Count + 1, rows.Count);
        if (expected.Count == 0)
        {
            return;
        }

        var names = expected[0].EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names, rows[0]);
        for (var i = 0; i < expected.Count; i++)
        {
            var values = expected[i].EnumerateObject().ToList();
            for (var c = 0; c < names.Count; c++)
            {
                if (!volatileColumns.Contains(names[c]))
                {
                    Assert.True(Text(values[c].Value) == rows[i + 1][c], $"{url} row {i} column {names[c]}: json {values[c].Value.GetRawText()} csv '{rows[i + 1][c]}'");
                }
            }
        }
    }

    [Fact]
    public async Task The_filters_reach_the_csv_rows()
    {
        var hedge = await app.GetCsvAsync("/api/positions?account_id=HEDGE&format=csv");
        Assert.Equal(2, hedge.Count);
        Assert.Equal("HEDGE", hedge[1][0]);

        var none = await app.GetCsvAsync("/api/positions?date=2026-11-18&format=csv");
        Assert.Single(none);
        Assert.Equal("account_id", none[0][0]);
    }

    [Fact]
    public async Task Accept_text_csv_gives_csv_as_an_attachment_named_for_the_list_and_date_and_format_json_overrides_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/positions?date=2026-11-20");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await app.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("positions-2026-11-20.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("Accept", response.Headers.Vary);
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, rows.Count);

        using var both = new HttpRequestMessage(HttpMethod.Get, "/api/positions?format=json");
        both.Headers.Accept.ParseAdd("text/csv");
        using var json = await app.Api.SendAsync(both);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/blotter?limit=1&format=csv", 4)]
    [InlineData("/api/orders?limit=1&format=csv", 3)]
    [InlineData("/api/blotter?format=csv", 4)]
    public async Task A_paged_list_streams_every_page_into_one_file(string url, int rows)
    {
        var single = await app.GetJsonAsync(url.Replace("format=csv", "format=json", StringComparison.Ordinal));
        var csv = await app.GetCsvAsync(url);

        Assert.Equal(rows + 1, csv.Count);
        Assert.Equal(csv.Count - 1, csv.Skip(1).Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        if (url.Contains("limit=1", StringComparison.Ordinal))
        {
            // The JSON of the same request is one page with a cursor; the CSV followed it to the end.
            Assert.Equal(JsonValueKind.String, single.GetProperty("next_cursor").ValueKind);
        }
    }

    [Theory]
    [InlineData("/api/positions?format=xml", "'format'")]
    [InlineData("/api/blotter?format=csv&date=2026-13-01", "'date'")]
    [InlineData("/api/blotter?format=csv&limit=0", "'limit'")]
    [InlineData("/api/files?format=csv&status=DONE", "'status'")]
    public async Task A_bad_parameter_of_a_csv_request_is_the_json_400(string url, string names)
    {
        using var response = await app.Api.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("bad_parameter", doc.RootElement.GetProperty("error").GetString());
        Assert.Contains(names, doc.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_needs_the_api_key_like_json()
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.GetAsync("/api/positions?format=csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_ui_export_route_serves_the_same_csv_without_a_key_and_only_for_lists()
    {
        using var ui = app.CreateClient();
        using var response = await ui.GetAsync("/ui/export/positions?account_id=MM1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var rows = CsvText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(await app.GetCsvAsync("/api/positions?account_id=MM1&format=csv"), rows);

        var history = CsvText.Parse(await ui.GetStringAsync("/ui/export/accounts/MM1/pnl-history"));
        Assert.Equal(["at", "day_pnl"], history[0]);

        using var ack = await ui.GetAsync("/ui/export/alarms/x/ack");
        Assert.Equal(HttpStatusCode.NotFound, ack.StatusCode);
        using var bad = await ui.GetAsync("/ui/export/positions?date=nope");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>What the CSV cell must hold for a JSON value (the samples hold no formula-like text).</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join("\n", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}
