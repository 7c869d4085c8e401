using System.Globalization;
using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>
/// Alarms filtered open / needs ack / all (or one state), an acknowledge button (with the comment box's text) on
/// each alarm nobody acknowledged yet (app.js posts it to /ui/alarms/{id}/ack), and the history of the alarm
/// named by <c>?alarm=</c>.
/// </summary>
public static class AlarmsPage
{
    public const string NeedsAck = "NEEDS_ACK";

    public static UiPage Page { get; } = new(
        "alarms", "/alarms", "Alarms", '7', ["alarms"],
        Controls, RenderAsync);

    private static string Controls(UiRequest r)
    {
        var state = r.Query["state"].ToString();
        var options = new StringBuilder("<label>Show <select name=\"state\">");
        foreach (var (value, label) in new[]
                 {
                     ("", "Open (active, acknowledged, cleared unacknowledged)"), (NeedsAck, "Needs ack"), ("ALL", "All"),
                     ("ACTIVE", "Active"), ("ACKNOWLEDGED", "Acknowledged"), ("CLEARED", "Cleared"),
                 })
        {
            var selected = string.Equals(state, value, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty;
            options.Append($"<option value=\"{value}\"{selected}>{label}</option>");
        }

        options.Append("</select></label><label>Operator <input id=\"operator\" size=\"10\" autocomplete=\"username\" placeholder=\"your name\"></label>")
            .Append($"<label>Comment <input id=\"ack-comment\" size=\"24\" maxlength=\"{AckRequestReader.MaxCommentLength}\" placeholder=\"optional, sent with acknowledge\"></label>");
        if (ApiQuery.Text(r.Query, "alarm") is { } alarm)
        {
            options.Append($"<input type=\"hidden\" name=\"alarm\" value=\"{Html.E(alarm)}\">");
        }

        return Layout.FilterForm(r, extra: options.ToString());
    }

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var html = new StringBuilder();
        if (ApiQuery.Text(r.Query, "alarm") is { } alarmId)
        {
            html.Append(await HistoryAsync(r, alarmId));
        }

        var alarms = await ListAsync(r);
        if (alarms.Count == 0)
        {
            return html.Append(Html.Empty("No alarms match.")).ToString();
        }

        // Eleven columns that wrap (message, times, ack note) so value, threshold and the button fit a 1,366 px window.
        html.Append("<table class=\"grid sortable fit\" id=\"alarms\"><thead><tr>")
            .Append(Html.Th("Severity")).Append(Html.Th("Type")).Append(Html.Th("State")).Append(Html.Th("Account")).Append(Html.Th("Ticker"))
            .Append(Html.Th("Message")).Append(Html.Th("Value", "num")).Append(Html.Th("Threshold", "num"))
            .Append(Html.Th("Raised", "num")).Append(Html.Th("Updated", "num")).Append(Html.Th("Ack by")).Append("<th>Action</th>")
            .Append("</tr></thead><tbody>");
        foreach (var a in alarms)
        {
            var severity = WireNames.Of(a.Severity);
            var state = WireNames.Of(a.State);
            var stateBadge = Html.Badge(state, "state-" + state.ToLowerInvariant())
                + (a is { NeedsAck: true, IsOpen: false } ? " " + Html.Badge("NEEDS ACK", "needs-ack") : string.Empty);
            var historyLink = $"<a class=\"history\" href=\"/alarms{Html.E(HistoryQuery(r, a.AlarmId))}\">History</a>";
            var ackBy = a.AcknowledgedBy is null ? string.Empty : Html.E(a.AcknowledgedBy);
            var comment = a.Comment is { Length: > 0 } c ? $"<span class=\"comment\">{Html.E(c)}</span>" : string.Empty;
            html.Append($"<tr data-alarm=\"{Html.E(a.AlarmId)}\" data-needs-ack=\"{(a.NeedsAck ? "true" : "false")}\" class=\"sev-{severity.ToLowerInvariant()}\">")
                .Append($"<td data-v=\"{(int)a.Severity}\">{Html.Badge(severity, severity.ToLowerInvariant())}</td>")
                .Append($"<td class=\"id\" data-v=\"{Html.E(WireNames.Of(a.Type))}\">{Html.E(WireNames.Of(a.Type))}<span class=\"kind\">{Html.E(WireNames.Of(a.Kind))}</span></td>")
                .Append($"<td class=\"wrap\">{stateBadge}</td>")
                .Append(Html.Text(a.AccountId)).Append(Html.Text(a.Ticker, "sym")).Append(Html.Text(a.Message, "msg"))
                .Append(Html.Num(Number(a.Value), a.Value))
                .Append(Html.Num(Number(a.Threshold), a.Threshold))
                .Append(Html.Time(a.RaisedAt, r.Now)).Append(Html.Time(a.UpdatedAt, r.Now))
                .Append($"<td class=\"wrap ack-by\">{ackBy}{comment}</td>")
                .Append("<td class=\"actions\">")
                .Append(a.NeedsAck ? $"<button type=\"button\" class=\"ack\" data-ack=\"{Html.E(a.AlarmId)}\">Acknowledge</button> " : string.Empty)
                .Append(historyLink).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static async Task<IReadOnlyList<Alarm>> ListAsync(UiRequest r)
    {
        var stateText = ApiQuery.Text(r.Query, "state");
        var filter = ApiQuery.Filter(r.Query);
        return stateText switch
        {
            null => await r.Reader.GetVisibleAlarmsAsync(filter, r.Ct),
            _ when string.Equals(stateText, NeedsAck, StringComparison.OrdinalIgnoreCase) => await r.Reader.GetAlarmsAsync(null, filter, r.Ct, needsAck: true),
            _ when string.Equals(stateText, "ALL", StringComparison.OrdinalIgnoreCase) => await r.Reader.GetAlarmsAsync(null, filter, r.Ct),
            _ => await r.Reader.GetAlarmsAsync(ApiQuery.State(r.Query), filter, r.Ct),
        };
    }

    private static async Task<string> HistoryAsync(UiRequest r, string alarmId)
    {
        var alarm = await r.Reader.GetAlarmAsync(alarmId, r.Ct);
        if (alarm is null)
        {
            return Html.Empty($"No alarm has id '{Requests.MessageText.Prefix(alarmId)}'.");
        }

        var events = await r.Reader.GetAlarmHistoryAsync(alarmId, r.Ct) ?? [];
        var html = new StringBuilder($"<section id=\"alarm-history\" data-alarm=\"{Html.E(alarmId)}\"><h2>History of {Html.E(WireNames.Of(alarm.Type))} {Html.E(alarmId)}</h2>")
            .Append($"<p class=\"msg\">{Html.E(alarm.Message)}</p>")
            .Append("<table class=\"grid\" id=\"history\"><thead><tr><th class=\"num\">At</th><th>Event</th><th>State</th><th>Severity</th><th class=\"num\">Value</th><th>By</th><th>Comment</th></tr></thead><tbody>");
        foreach (var e in events)
        {
            html.Append($"<tr data-event=\"{WireNames.Of(e.Event)}\">").Append(Html.Time(e.At, r.Now)).Append(Html.Text(WireNames.Of(e.Event)))
                .Append(Html.Text(WireNames.Of(e.State))).Append(Html.Text(WireNames.Of(e.Severity))).Append(Html.Num(Number(e.Value), e.Value))
                .Append(Html.Text(e.By ?? Fmt.Missing)).Append(Html.Text(e.Comment, "msg")).Append("</tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    /// <summary>This page's query with <c>alarm</c> set, so the list keeps its filters beside the history.</summary>
    private static string HistoryQuery(UiRequest r, string alarmId) =>
        Html.Query(r.Query.Where(p => p.Key != "alarm").Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))
            .Append(new KeyValuePair<string, string?>("alarm", alarmId)));

    internal static string Number(decimal? value) => value?.ToString("#,##0.####", CultureInfo.InvariantCulture) ?? Fmt.Missing;
}
