using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.Api;

/// <summary>Alarms raised by the real ingestion and sweep (the samples' prices are days old), listed and acknowledged.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlarmApiTests
{
    private readonly DashboardApiFactory _app;

    public AlarmApiTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task An_active_alarm_is_acknowledged_and_then_listed_as_acknowledged()
    {
        var active = await WaitForActiveAlarmAsync();
        var id = active.GetProperty("alarm_id").GetString()!;
        foreach (var name in new[] { "type", "severity", "state", "account_id", "ticker", "message", "value", "threshold", "raised_at", "updated_at", "acknowledged_by", "cleared_at" })
        {
            Assert.True(active.TryGetProperty(name, out _), $"alarm lacks {name}");
        }

        using var response = await _app.PostJsonAsync($"/api/alarms/{Uri.EscapeDataString(id)}/ack", new { by = "risk-desk" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var acked = JsonDocument.Parse(body).RootElement;
        Assert.Equal(id, acked.GetProperty("alarm_id").GetString());
        Assert.Equal("ACKNOWLEDGED", acked.GetProperty("state").GetString());
        Assert.Equal("risk-desk", acked.GetProperty("acknowledged_by").GetString());

        var listed = await _app.GetJsonAsync("/api/alarms?state=ACKNOWLEDGED");
        Assert.Contains(listed.GetProperty("alarms").EnumerateArray(), a => a.GetProperty("alarm_id").GetString() == id);
        var stillActive = await _app.GetJsonAsync("/api/alarms?state=ACTIVE");
        Assert.DoesNotContain(stillActive.GetProperty("alarms").EnumerateArray(), a => a.GetProperty("alarm_id").GetString() == id);
    }

    [Fact]
    public async Task Alarms_filter_by_account_and_ticker()
    {
        await WaitForActiveAlarmAsync();
        var all = (await _app.GetJsonAsync("/api/alarms")).GetProperty("alarms").EnumerateArray().ToList();
        var withTicker = all.First(a => a.GetProperty("ticker").ValueKind == JsonValueKind.String);
        var ticker = withTicker.GetProperty("ticker").GetString()!;
        var byTicker = (await _app.GetJsonAsync("/api/alarms?ticker=" + Uri.EscapeDataString(ticker))).GetProperty("alarms").EnumerateArray().ToList();
        Assert.NotEmpty(byTicker);
        Assert.All(byTicker, a => Assert.Equal(ticker, a.GetProperty("ticker").GetString()));
        var none = await _app.GetJsonAsync("/api/alarms?account_id=NO-SUCH-ACCOUNT");
        Assert.Empty(none.GetProperty("alarms").EnumerateArray());
    }

    [Fact]
    public async Task Acknowledging_an_unknown_alarm_is_404_and_a_missing_name_is_400()
    {
        using var unknown = await _app.PostJsonAsync("/api/alarms/no-such-alarm/ack", new { by = "x" });
        var error = await ApiErrorTests.ErrorAsync(unknown, HttpStatusCode.NotFound);
        Assert.Contains("no-such-alarm", error.Message, StringComparison.Ordinal);

        using var noName = await _app.PostJsonAsync("/api/alarms/no-such-alarm/ack", new { by = " " });
        Assert.Contains("'by'", (await ApiErrorTests.ErrorAsync(noName, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);

        using var badJson = await _app.Api.PostAsync("/api/alarms/x/ack", new StringContent("{by: me", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("{\"by\": \"<name>\"}", (await ApiErrorTests.ErrorAsync(badJson, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);

        using var notJson = await _app.Api.PostAsync("/api/alarms/x/ack", new StringContent("by=me"));
        Assert.Equal("unsupported_media_type", (await ApiErrorTests.ErrorAsync(notJson, HttpStatusCode.UnsupportedMediaType)).Code);
    }

    private async Task<JsonElement> WaitForActiveAlarmAsync()
    {
        JsonElement found = default;
        await SampleFeeds.WaitUntilAsync(
            async () =>
            {
                var alarms = (await _app.GetJsonAsync("/api/alarms?state=ACTIVE")).GetProperty("alarms").EnumerateArray().ToList();
                if (alarms.Count == 0)
                {
                    return false;
                }

                found = alarms[0];
                return true;
            },
            "an ACTIVE alarm (stale market data from the sweep)");
        return found;
    }
}
