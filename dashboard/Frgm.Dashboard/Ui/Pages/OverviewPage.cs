using System.Text;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>Feed health (last file, age, status counts, ingestion latency) and unacknowledged alarms by severity.</summary>
public static class OverviewPage
{
    /// <summary>A feed older than this is highlighted; the demo market writes every second.</summary>
    public const double LateSeconds = 120;

    public static UiPage Page { get; } = new(
        "overview", "/", "Overview", '1', ["files", "alarms", "market", "orders", "positions"],
        _ => string.Empty, RenderAsync);

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var view = await r.Reader.GetOverviewAsync(r.Ct);
        var html = new StringBuilder("<div class=\"cards alarms-by-severity\">");
        foreach (var severity in new[] { AlarmSeverity.Critical, AlarmSeverity.Warning, AlarmSeverity.Info })
        {
            var name = WireNames.Of(severity);
            var count = view.UnacknowledgedAlarmsBySeverity.GetValueOrDefault(severity);
            html.Append($"<a class=\"card sev {name.ToLowerInvariant()}{(count > 0 ? " lit" : string.Empty)}\" href=\"/alarms?state=NEEDS_ACK\" data-severity=\"{name}\">")
                .Append($"<span class=\"label\">{name}</span><span class=\"big\">{count}</span><span class=\"sub\">unacknowledged alarms</span></a>");
        }

        html.Append($"<div class=\"card\"><span class=\"label\">Business date</span><span class=\"big\">{Fmt.Date(view.BusinessDate)}</span><span class=\"sub\">latest with data</span></div></div>");

        html.Append("<h2>Feeds</h2><table class=\"grid\" id=\"feeds\"><thead><tr><th>Feed</th><th>Last file</th><th>Status</th><th class=\"num\">Age</th>")
            .Append("<th class=\"num\">Completed</th><th class=\"num\">With errors</th><th class=\"num\">Failed</th><th class=\"num\">Ignored</th>")
            .Append("<th class=\"num\">Last latency</th><th class=\"num\">Median latency</th></tr></thead><tbody>");
        foreach (var feed in view.Feeds)
        {
            var late = feed.AgeSeconds is > LateSeconds ? "late" : feed.AgeSeconds is null ? "never" : "ok";
            var lastStatus = feed.LastFile is { } last ? WireNames.Of(last.Status) : null;
            html.Append($"<tr data-feed=\"{feed.Feed}\" class=\"{late}\">")
                .Append(Html.Text(feed.Feed, "sym"))
                .Append(Html.Text(feed.LastFile?.Key ?? Fmt.Missing, "path"))
                .Append(lastStatus is null ? "<td>—</td>" : $"<td>{Html.Badge(lastStatus, "st-" + lastStatus.ToLowerInvariant())}</td>")
                .Append(Html.Num(Fmt.Age(feed.AgeSeconds), null, "age " + late))
                .Append(Count(feed, FileStatus.Completed)).Append(Count(feed, FileStatus.CompletedWithErrors))
                .Append(Count(feed, FileStatus.Failed)).Append(Count(feed, FileStatus.Ignored))
                .Append(Html.Num(Fmt.Ms(feed.LastLatencyMs), null)).Append(Html.Num(Fmt.Ms(feed.MedianLatencyMs), null))
                .Append("</tr>");
        }

        html.Append($"</tbody></table><p class=\"note\">Counts over the newest {view.LedgerSampleSize} ledger entries.</p>");

        html.Append("<h2>Open alarms</h2>");
        if (view.OpenAlarms.Count == 0)
        {
            html.Append(Html.Empty("No open alarms."));
        }
        else
        {
            html.Append("<table class=\"grid fit\" id=\"open-alarms\"><thead><tr><th>Severity</th><th>Type</th><th>State</th><th>Needs ack</th><th>Account</th><th>Ticker</th><th>Message</th><th class=\"num\">Value</th><th class=\"num\">Threshold</th><th class=\"num\">Updated</th><th>Action</th></tr></thead><tbody>");
            foreach (var a in view.OpenAlarms.Take(15))
            {
                var severity = WireNames.Of(a.Severity);
                html.Append($"<tr data-alarm=\"{Html.E(a.AlarmId)}\"><td>{Html.Badge(severity, severity.ToLowerInvariant())}</td>")
                    .Append(Html.Text(WireNames.Of(a.Type), "id")).Append(Html.Text(WireNames.Of(a.State)))
                    .Append(Html.Text(a.NeedsAck ? "yes" : "no"))
                    .Append(Html.Text(a.AccountId)).Append(Html.Text(a.Ticker, "sym")).Append(Html.Text(a.Message, "msg"))
                    .Append(Html.Num(AlarmsPage.Number(a.Value), a.Value)).Append(Html.Num(AlarmsPage.Number(a.Threshold), a.Threshold))
                    .Append(Html.Time(a.UpdatedAt, r.Now))
                    .Append(a.NeedsAck
                        ? $"<td class=\"actions\"><a class=\"button ack-link\" href=\"/alarms?state=NEEDS_ACK\">Acknowledge</a></td>"
                        : "<td></td>")
                    .Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        return html.ToString();
    }

    private static string Count(Core.FeedHealth feed, FileStatus status)
    {
        var n = feed.StatusCounts.GetValueOrDefault(status);
        var css = n > 0 && status is FileStatus.Failed or FileStatus.CompletedWithErrors ? "alert" : null;
        return Html.Num(Fmt.Qty(n), n, css);
    }
}
