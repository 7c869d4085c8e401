using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>Alarms with an acknowledge button on each ACTIVE one (app.js posts it to /ui/alarms/{id}/ack).</summary>
public static class AlarmsPage
{
    public static UiPage Page { get; } = new(
        "alarms", "/alarms", "Alarms", '7', ["alarms"],
        Controls, RenderAsync);

    private static string Controls(UiRequest r)
    {
        var state = r.Query["state"].ToString();
        var options = new StringBuilder("<label>State <select name=\"state\">");
        foreach (var (value, label) in new[] { ("", "Open (active + acknowledged)"), ("ACTIVE", "Active"), ("ACKNOWLEDGED", "Acknowledged"), ("CLEARED", "Cleared"), ("ALL", "All") })
        {
            var selected = string.Equals(state, value, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty;
            options.Append($"<option value=\"{value}\"{selected}>{label}</option>");
        }

        options.Append("</select></label><label>Operator <input id=\"operator\" size=\"10\" autocomplete=\"username\" placeholder=\"your name\"></label>");
        return Layout.FilterForm(r, extra: options.ToString());
    }

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var stateText = ApiQuery.Text(r.Query, "state");
        var filter = ApiQuery.Filter(r.Query);
        IReadOnlyList<Alarm> alarms = stateText is null or "ALL" or "all"
            ? await r.Reader.GetAlarmsAsync(null, filter, r.Ct)
            : await r.Reader.GetAlarmsAsync(ApiQuery.State(r.Query), filter, r.Ct);
        if (stateText is null)
        {
            alarms = alarms.Where(a => a.IsOpen).ToList();
        }

        if (alarms.Count == 0)
        {
            return Html.Empty("No alarms match.");
        }

        var html = new StringBuilder("<table class=\"grid sortable\" id=\"alarms\"><thead><tr>")
            .Append(Html.Th("Severity")).Append(Html.Th("Type")).Append(Html.Th("State")).Append(Html.Th("Account")).Append(Html.Th("Ticker"))
            .Append(Html.Th("Message")).Append(Html.Th("Value", "num")).Append(Html.Th("Threshold", "num"))
            .Append(Html.Th("Raised", "num")).Append(Html.Th("Updated", "num")).Append(Html.Th("Ack by")).Append("<th>Action</th>")
            .Append("</tr></thead><tbody>");
        foreach (var a in alarms)
        {
            var severity = WireNames.Of(a.Severity);
            var state = WireNames.Of(a.State);
            html.Append($"<tr data-alarm=\"{Html.E(a.AlarmId)}\" class=\"sev-{severity.ToLowerInvariant()}\">")
                .Append($"<td data-v=\"{(int)a.Severity}\">{Html.Badge(severity, severity.ToLowerInvariant())}</td>")
                .Append(Html.Text(WireNames.Of(a.Type), "id")).Append($"<td>{Html.Badge(state, "state-" + state.ToLowerInvariant())}</td>")
                .Append(Html.Text(a.AccountId)).Append(Html.Text(a.Ticker, "sym")).Append(Html.Text(a.Message, "msg"))
                .Append(Html.Num(a.Value?.ToString("#,##0.####", System.Globalization.CultureInfo.InvariantCulture) ?? Fmt.Missing, a.Value))
                .Append(Html.Num(a.Threshold?.ToString("#,##0.####", System.Globalization.CultureInfo.InvariantCulture) ?? Fmt.Missing, a.Threshold))
                .Append(Html.Time(a.RaisedAt, r.Now)).Append(Html.Time(a.UpdatedAt, r.Now)).Append(Html.Text(a.AcknowledgedBy))
                .Append(a.State == AlarmState.Active
                    ? $"<td><button type=\"button\" class=\"ack\" data-ack=\"{Html.E(a.AlarmId)}\">Acknowledge</button></td>"
                    : "<td></td>")
                .Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
