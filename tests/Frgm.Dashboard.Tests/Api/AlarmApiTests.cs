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
        // A condition alarm this test owns: other tests in the collection drop prices and trades that can end the
        // samples' conditions (the alarm would then be CLEARED before the ack). An SOD dated long before the samples
        // names an instrument nobody else uses, so its UNKNOWN_INSTRUMENT holds for the whole test and the samples'
        // latest business date and positions stay as they are.
        var suffix = Random.Shared.Next(100000, 999999);
        var ticker = $"ACKZ{suffix}";
        SampleFeeds.Drop(_app.DataDir, "actant", $"sod/2026/11/02/actant_sod_20261102_{suffix}.csv", $"account,instrument,position,price\nACK{suffix},{ticker},5,100\n");
        var active = await WaitForAlarmAsync(a => a.GetProperty("type").GetString() == "UNKNOWN_INSTRUMENT" && a.GetProperty("ticker").GetString() == ticker);
        Assert.Equal(("ACTIVE", "CONDITION"), (active.GetProperty("state").GetString(), active.GetProperty("kind").GetString()));
        var id = active.GetProperty("alarm_id").GetString()!;
        foreach (var name in new[] { "type", "severity", "state", "account_id", "ticker", "message", "value", "threshold", "raised_at", "updated_at", "acknowledged_by", "cleared_at", "kind", "needs_ack", "comment" })
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
        Assert.Contains("{\"by\": \"<name>\"", (await ApiErrorTests.ErrorAsync(badJson, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);

        using var notJson = await _app.Api.PostAsync("/api/alarms/x/ack", new StringContent("by=me"));
        Assert.Equal("unsupported_media_type", (await ApiErrorTests.ErrorAsync(notJson, HttpStatusCode.UnsupportedMediaType)).Code);
    }

    [Fact]
    public async Task A_failed_file_alarm_is_acknowledged_with_a_comment_then_refuses_a_second_ack_with_409_and_its_history_says_who_did_what()
    {
        var key = $"market-data/2026/11/20/GE_XCME.ZN_20261120_{Random.Shared.Next(100000, 999999)}.csv";
        SampleFeeds.Drop(_app.DataDir, "actant", key, "instrument,bid,ask\nZNZ6,112.40625,112.4375\n");
        var failed = await WaitForAlarmAsync(a => a.GetProperty("type").GetString() == "FEED_FAILED" && a.GetProperty("message").GetString()!.Contains(key, StringComparison.Ordinal));
        var id = failed.GetProperty("alarm_id").GetString()!;
        Assert.Equal(("EVENT", true, JsonValueKind.Null), (failed.GetProperty("kind").GetString(), failed.GetProperty("needs_ack").GetBoolean(), failed.GetProperty("comment").ValueKind));
        Assert.Contains((await _app.GetJsonAsync("/api/alarms?needs_ack=true")).GetProperty("alarms").EnumerateArray(), a => a.GetProperty("alarm_id").GetString() == id);

        using var ack = await _app.PostJsonAsync($"/api/alarms/{id}/ack", new { by = "ops-jane", comment = "Actant re-sends at 15:00" });
        var body = await ack.Content.ReadAsStringAsync();
        Assert.True(ack.StatusCode == HttpStatusCode.OK, body);
        var acked = JsonDocument.Parse(body).RootElement;
        Assert.Equal(
            ("CLEARED", "ops-jane", "Actant re-sends at 15:00", false),
            (acked.GetProperty("state").GetString(), acked.GetProperty("acknowledged_by").GetString(), acked.GetProperty("comment").GetString(), acked.GetProperty("needs_ack").GetBoolean()));
        Assert.DoesNotContain((await _app.GetJsonAsync("/api/alarms?needs_ack=true")).GetProperty("alarms").EnumerateArray(), a => a.GetProperty("alarm_id").GetString() == id);

        using var again = await _app.PostJsonAsync($"/api/alarms/{id}/ack", new { by = "someone-else" });
        var conflict = await ApiErrorTests.ErrorAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("conflict", conflict.Code);
        Assert.Contains("ops-jane", conflict.Message, StringComparison.Ordinal);

        var history = await _app.GetJsonAsync($"/api/alarms/{id}/history");
        Assert.Equal(id, history.GetProperty("alarm_id").GetString());
        var events = history.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["raised", "acknowledged"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(("ACTIVE", "CRITICAL", JsonValueKind.Null), (events[0].GetProperty("state").GetString(), events[0].GetProperty("severity").GetString(), events[0].GetProperty("by").ValueKind));
        Assert.Equal(
            ("CLEARED", "ops-jane", "Actant re-sends at 15:00"),
            (events[1].GetProperty("state").GetString(), events[1].GetProperty("by").GetString(), events[1].GetProperty("comment").GetString()));
        Assert.All(events, e => Assert.True(e.TryGetProperty("at", out _) && e.TryGetProperty("value", out _)));
    }

    [Fact]
    public async Task History_of_an_unknown_alarm_is_404_and_a_bad_needs_ack_filter_is_400()
    {
        using var unknown = await _app.Api.GetAsync("/api/alarms/no-such-alarm/history");
        Assert.Contains("no-such-alarm", (await ApiErrorTests.ErrorAsync(unknown, HttpStatusCode.NotFound)).Message, StringComparison.Ordinal);

        using var bad = await _app.Api.GetAsync("/api/alarms?needs_ack=maybe");
        Assert.Contains("'needs_ack'", (await ApiErrorTests.ErrorAsync(bad, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);

        using var longComment = await _app.PostJsonAsync("/api/alarms/x/ack", new { by = "me", comment = new string('c', 1001) });
        Assert.Contains("'comment'", (await ApiErrorTests.ErrorAsync(longComment, HttpStatusCode.BadRequest)).Message, StringComparison.Ordinal);
    }

    private async Task<JsonElement> WaitForAlarmAsync(Func<JsonElement, bool> match)
    {
        JsonElement found = default;
        await Poll.UntilAsync(
            async () =>
            {
                var alarms = (await _app.GetJsonAsync("/api/alarms")).GetProperty("alarms").EnumerateArray().ToList();
                var hit = alarms.Where(match).ToList();
                if (hit.Count == 0)
                {
                    return false;
                }

                found = hit[0];
                return true;
            },
            "the expected alarm");
        return found;
    }

    private async Task<JsonElement> WaitForActiveAlarmAsync()
    {
        JsonElement found = default;
        await Poll.UntilAsync(
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
