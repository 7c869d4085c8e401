using System.Text.Json;
using Frgm.Functions.Handlers;
using Frgm.Functions.Slack;
using Frgm.Functions.Tests.Fakes;
using static Frgm.Functions.Tests.Fakes.AlarmStreamEvents;

namespace Frgm.Functions.Tests.Slack;

public sealed class SlackNotifierFunctionTests : IDisposable
{
    private readonly FakeSlackWebhook _slack = new();
    private readonly InstantClock _clock = new(new DateTimeOffset(2026, 11, 20, 14, 31, 0, TimeSpan.Zero));
    private readonly CapturedOutput _output;
    private readonly HttpClient _http = new();

    public SlackNotifierFunctionTests() => _output = new CapturedOutput("prod", _clock);

    public void Dispose()
    {
        _http.Dispose();
        _slack.Dispose();
    }

    [Fact]
    public async Task Exactly_one_message_per_transition_across_raise_update_update_escalate_clear()
    {
        var raised = Alarm("a-1");
        var update1 = Alarm("a-1", value: 640, updatedAt: "2026-11-20T14:32:00Z");
        var update2 = Alarm("a-1", value: 655, updatedAt: "2026-11-20T14:33:00Z");
        var escalated = Alarm("a-1", severity: "CRITICAL", value: 900, updatedAt: "2026-11-20T14:34:00Z");
        var cleared = Alarm("a-1", severity: "CRITICAL", state: "CLEARED", value: 900, updatedAt: "2026-11-20T14:40:00Z");

        var response = await InvokeAsync(Event(
            ("INSERT", null, raised, "100"),
            ("MODIFY", raised, update1, "101"),
            ("MODIFY", update1, update2, "102"),
            ("MODIFY", update2, escalated, "103"),
            ("MODIFY", escalated, cleared, "104")));

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        var headers = _slack.Delivered.Select(HeaderText).ToList();
        Assert.Equal(
            [":warning: WARNING POSITION_LIMIT raised", ":rotating_light: CRITICAL POSITION_LIMIT escalated", ":white_check_mark: CRITICAL POSITION_LIMIT cleared"],
            headers);
        Assert.Equal(3, _output.Metric("SlackNotifications").Count(m => m.Dimensions["Outcome"] == "sent"));
        var raisedMetric = Assert.Single(_output.Metric("AlarmsRaised"));
        Assert.Equal(new Dictionary<string, string> { ["Environment"] = "prod", ["Severity"] = "WARNING" }, raisedMetric.Dimensions);
    }

    [Fact]
    public async Task The_Block_Kit_message_carries_the_alarm_fields_and_a_dashboard_link()
    {
        await InvokeAsync(Event(("INSERT", null, Alarm("a-2", severity: "CRITICAL"), "200")));

        var message = Assert.Single(_slack.Delivered);
        var blocks = message.GetProperty("blocks");
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal(":rotating_light: CRITICAL POSITION_LIMIT raised", HeaderText(message));
        var fields = blocks[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        Assert.Contains("*Environment*\nprod", fields);
        Assert.Contains("*Account*\nMM1", fields);
        Assert.Contains("*Instrument*\nZNZ6", fields);
        Assert.Contains("*Value vs threshold*\n612 vs 500", fields);
        Assert.Contains("*Raised*\n2026-11-20T14:30:00Z", fields);
        Assert.Contains("*Updated*\n2026-11-20T14:31:00Z", fields);
        Assert.Equal("abs(net_qty) 612 &gt; limit 500 for MM1 ZNZ6", blocks[2].GetProperty("text").GetProperty("text").GetString());
        var button = blocks[3].GetProperty("elements")[0];
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("https://frgm.example.com/alarms", button.GetProperty("url").GetString());
        Assert.Contains("prod", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/json; charset=utf-8", _slack.Requests[0].Header("content-type"));
    }

    [Fact]
    public async Task Acknowledgement_posts_once_and_INFO_alarms_and_foreign_items_post_nothing()
    {
        var active = Alarm("a-3");
        var acked = Alarm("a-3", state: "ACKNOWLEDGED");
        acked["acknowledged_by"] = "jane";
        var info = Alarm("i-1", severity: "INFO");
        var lockItem = new Dictionary<string, object?> { ["pk"] = "LOCK#POSITION_LIMIT#MM1#ZNZ6", ["holder"] = "a-3" };

        await InvokeAsync(Event(
            ("INSERT", null, info, "300"),
            ("INSERT", null, lockItem, "301"),
            ("MODIFY", active, acked, "302"),
            ("REMOVE", acked, null, "303")));

        var message = Assert.Single(_slack.Delivered);
        Assert.Equal(":eyes: WARNING POSITION_LIMIT acknowledged by jane", HeaderText(message));
        Assert.Contains(
            "*Acknowledged by*\njane",
            message.GetProperty("blocks")[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()));
        Assert.Equal("INFO", Assert.Single(_output.Metric("AlarmsRaised")).Dimensions["Severity"]);
    }

    [Fact]
    public async Task A_latched_event_alarm_posts_raise_then_one_acknowledgement_with_who_and_comment_and_its_history_items_post_nothing()
    {
        var raised = FileAlarm("f-1", "ACTIVE");
        var acked = FileAlarm("f-1", "CLEARED", by: "ops-jane", comment: "Actant re-sends at 15:00");
        var raisedEvent = History("f-1", "EVENT#2026-11-20T14:30:00.0000000Z#raised", "raised", "ACTIVE");
        var ackEvent = History("f-1", "EVENT#2026-11-20T14:40:00.0000000Z#acknowledged", "acknowledged", "CLEARED");
        ackEvent["by"] = "ops-jane";
        ackEvent["comment"] = "Actant re-sends at 15:00";

        // Even an item that names the alarm is skipped when its sort key is not the alarm's own.
        raisedEvent["alarm_id"] = "f-1";

        await InvokeAsync(Event(
            ("INSERT", null, raised, "900"),
            ("INSERT", null, raisedEvent, "901"),
            ("MODIFY", raised, acked, "902"),
            ("INSERT", null, ackEvent, "903")));

        Assert.Equal(
            [":rotating_light: CRITICAL FEED_FAILED raised", ":eyes: CRITICAL FEED_FAILED acknowledged by ops-jane"],
            _slack.Delivered.Select(HeaderText));
        var fields = Fields(_slack.Delivered[1]);
        Assert.Contains("*Acknowledged by*\nops-jane", fields);
        Assert.Contains("*Comment*\nActant re-sends at 15:00", fields);
        Assert.Contains("*Cleared*\n2026-11-20T14:40:00Z by ops-jane", fields);
    }

    [Fact]
    public async Task A_condition_alarm_cleared_before_anyone_saw_it_posts_the_clear_and_later_the_acknowledgement()
    {
        var raised = Alarm("c-1");
        var cleared = Alarm("c-1", state: "CLEARED", updatedAt: "2026-11-20T14:35:00Z");
        cleared["cleared_by"] = "system";
        var acked = new Dictionary<string, object?>(cleared) { ["acknowledged_by"] = "night-desk", ["comment"] = "was a hedge lag", ["updated_at"] = "2026-11-20T16:00:00Z" };
        var repeatUpdate = Alarm("c-2", value: 700);

        await InvokeAsync(Event(
            ("INSERT", null, raised, "910"),
            ("MODIFY", raised, cleared, "911"),
            ("MODIFY", cleared, acked, "912"),
            ("MODIFY", Alarm("c-2"), repeatUpdate, "913")));

        Assert.Equal(
            [":warning: WARNING POSITION_LIMIT raised", ":white_check_mark: WARNING POSITION_LIMIT cleared", ":eyes: WARNING POSITION_LIMIT acknowledged by night-desk"],
            _slack.Delivered.Select(HeaderText));
        Assert.Contains("*Cleared*\n2026-11-20T14:35:00Z by system", Fields(_slack.Delivered[1]));
        Assert.Contains("*Comment*\nwas a hedge lag", Fields(_slack.Delivered[2]));
    }

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_and_then_delivered()
    {
        _slack.Enqueue(FakeSlackWebhook.Error(429, "rate_limited", retryAfter: 3));

        var response = await InvokeAsync(Event(("INSERT", null, Alarm("a-4"), "400")));

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Single(_slack.Delivered);
        Assert.Equal(2, _slack.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], _clock.Waits);
    }

    [Fact]
    public async Task A_404_channel_not_found_is_reported_not_retried()
    {
        _slack.Enqueue(FakeSlackWebhook.Error(404, "channel_not_found"));

        var response = await InvokeAsync(Event(("INSERT", null, Alarm("a-5"), "500")));

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Single(_slack.Requests);
        Assert.Equal("rejected", Assert.Single(_output.Metric("SlackNotifications")).Dimensions["Outcome"]);
        Assert.Contains(_output.Lines, l => l.TryGetProperty("SlackError", out var e) && e.GetString() == "channel_not_found");
    }

    [Fact]
    public async Task Exhausted_server_errors_return_the_record_sequence_number_and_stop_there()
    {
        for (var i = 0; i < 4; i++)
        {
            _slack.Enqueue(FakeSlackWebhook.Error(503, "service_unavailable"));
        }

        var response = await InvokeAsync(Event(
            ("INSERT", null, Alarm("a-6"), "600"),
            ("INSERT", null, Alarm("a-7"), "601")));

        var failure = Assert.Single(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal("600", failure.GetProperty("itemIdentifier").GetString());
        Assert.Empty(_slack.Delivered);
        Assert.Equal(4, _slack.Requests.Count);
        Assert.Equal("failed", Assert.Single(_output.Metric("SlackNotifications")).Dimensions["Outcome"]);
    }

    [Fact]
    public async Task Without_a_webhook_alarms_are_counted_but_nothing_is_sent()
    {
        var function = new SlackNotifierFunction(_http, null, Settings(), _output.Metrics, _output.Loggers, _clock);

        await using var result = await function.HandleAsync(Stream(Event(("INSERT", null, Alarm("a-8", severity: "CRITICAL"), "700"))));

        Assert.Empty(_slack.Requests);
        Assert.Single(_output.Metric("AlarmsRaised"));
    }

    [Fact]
    public async Task The_webhook_url_never_appears_in_logs()
    {
        _slack.Enqueue(FakeSlackWebhook.Error(410, "channel_is_archived"));

        await InvokeAsync(Event(("INSERT", null, Alarm("a-9"), "800")));

        Assert.DoesNotContain(FakeSlackWebhook.HookPath, _output.Text, StringComparison.Ordinal);
        Assert.Contains("channel_is_archived", _output.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> FileAlarm(string id, string state, string? by = null, string? comment = null)
    {
        var alarm = Alarm(id, severity: "CRITICAL", state: state, value: 1, updatedAt: state == "CLEARED" ? "2026-11-20T14:40:00Z" : "2026-11-20T14:30:00Z");
        alarm["pk"] = "ALARM#" + id;
        alarm["sk"] = "ALARM";
        alarm["type"] = "FEED_FAILED";
        alarm["account_id"] = null;
        alarm["ticker"] = "market-data";
        alarm["subject"] = "actant/market-data/2026/11/20/GE_XCME.ZN_20261120_150000.csv";
        alarm["message"] = "File market-data/2026/11/20/GE_XCME.ZN_20261120_150000.csv in bucket actant failed";
        alarm["threshold"] = null;
        alarm["acknowledged_by"] = by;
        alarm["comment"] = comment;
        alarm["cleared_by"] = by;
        return alarm;
    }

    /// <summary>A history item as the alarms table stores it: the alarm's partition, an EVENT# sort key, no alarm_id.</summary>
    private static Dictionary<string, object?> History(string id, string sk, string @event, string state) => new()
    {
        ["pk"] = "ALARM#" + id,
        ["sk"] = sk,
        ["kind"] = "ALARM_EVENT",
        ["event"] = @event,
        ["state"] = state,
        ["severity"] = "CRITICAL",
        ["value"] = 1m,
    };

    private static List<string?> Fields(JsonElement message) =>
        message.GetProperty("blocks")[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();

    private static SlackSettings Settings() => new() { DashboardUrl = new Uri("https://frgm.example.com/"), InvocationBudget = TimeSpan.FromSeconds(25) };

    private static string? HeaderText(JsonElement message) =>
        message.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString();

    private async Task<JsonElement> InvokeAsync(string streamEvent)
    {
        var function = new SlackNotifierFunction(_http, _ => Task.FromResult(_slack.WebhookUri), Settings(), _output.Metrics, _output.Loggers, _clock);
        await using var response = await function.HandleAsync(Stream(streamEvent));
        return ReadResponse(response);
    }
}
