using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>The ingestion ledger, newest first and paged, filtered by status, business date, feed and key, with each file's rejected-row messages and duplicate-trade notes.</summary>
public static class FilesPage
{
    public const int PageSize = 200;

    public static UiPage Page { get; } = new(
        "files", "/files", "Files", '8', ["files"],
        Controls, RenderAsync);

    private static string Controls(UiRequest r)
    {
        var status = r.Query["status"].ToString();
        var options = new StringBuilder("<label>Status <select name=\"status\"><option value=\"\">All</option>");
        foreach (var s in Enum.GetValues<FileStatus>().Select(WireNames.Of))
        {
            options.Append($"<option{(string.Equals(s, status, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty)}>{s}</option>");
        }

        options.Append("</select></label>");
        var feedText = r.Query["feed"].ToString();
        options.Append("<label>Feed <select name=\"feed\"><option value=\"\">All</option>");
        foreach (var f in Enum.GetValues<FeedKind>().Select(WireNames.Of))
        {
            options.Append($"<option{(string.Equals(f, feedText, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty)}>{f}</option>");
        }

        options.Append("</select></label>")
            .Append($"<label>Key <input name=\"key\" size=\"24\" placeholder=\"part of the key\" value=\"{Html.E(r.Query["key"])}\"></label>");
        return Layout.FilterForm(r, account: false, ticker: false, extra: options.ToString());
    }

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var query = ApiQuery.Files(r.Query, PageSize);
        var page = await ApiEndpoints.ReadFilesAsync(r.Reader, query, r.Ct);
        var files = page.Files;
        if (files.Count == 0)
        {
            return Html.Empty("No files in the ledger match.") + Pager(r, page);
        }

        var what = query.Cursor is null ? "newest" : "older";
        var html = new StringBuilder($"<div class=\"summary\"><span>{what} {Fmt.Count(files.Count, "file")}</span>")
            .Append(query.BusinessDate is { } day ? $"<span>business date <b>{Fmt.Date(day)}</b></span>" : string.Empty)
            .Append("</div>")
            .Append("<table class=\"grid sortable fit\" id=\"files\"><thead><tr>")
            .Append(Html.Th("Received", "num")).Append(Html.Th("Business date", "num")).Append(Html.Th("Bucket")).Append(Html.Th("Key")).Append(Html.Th("Feed"))
            .Append(Html.Th("Status")).Append(Html.Th("Rows", "num")).Append(Html.Th("Rejected", "num")).Append(Html.Th("Duplicates", "num")).Append(Html.Th("Latency", "num"))
            .Append(Html.Th("SHA-256")).Append("<th>Errors</th></tr></thead><tbody>");
        foreach (var view in files)
        {
            var f = view.Entry;
            var status = WireNames.Of(f.Status);
            double? latency = f.CompletedAt is { } done ? (done - f.ReceivedAt).TotalMilliseconds : null;
            html.Append($"<tr data-key=\"{Html.E(f.Key)}\">")
                .Append(Html.Time(f.ReceivedAt, r.Now))
                .Append($"<td class=\"time\" data-v=\"{view.BusinessDate.DayNumber}\">{Fmt.Date(view.BusinessDate)}</td>")
                .Append(Html.Text(WireNames.Of(f.Bucket)))
                .Append(Html.Text(f.Key, "path")).Append(Html.Text(f.Feed is { } feed ? WireNames.Of(feed) : Fmt.Missing))
                .Append($"<td>{Html.Badge(status, "st-" + status.ToLowerInvariant())}</td>")
                .Append(Html.Num(Fmt.Qty(f.Rows), f.Rows)).Append(Html.Num(Fmt.Qty(f.RejectedRows), f.RejectedRows, f.RejectedRows > 0 ? "alert" : null))
                .Append(Html.Num(Fmt.Qty(f.Duplicates), f.Duplicates))
                .Append(Html.Num(Fmt.Ms(latency), latency is { } l ? (decimal)l : null))
                .Append($"<td class=\"id\" title=\"{Html.E(f.Sha256)}\">{Html.E(f.Sha256.Length > 12 ? f.Sha256[..12] : f.Sha256)}</td>")
                .Append("<td class=\"errors\">").Append(List(f.Errors, "error")).Append(List(f.Notes, "note")).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").Append(Pager(r, page)).ToString();
    }

    /// <summary>Links to the next (older) page and back to the newest, keeping the filters.</summary>
    private static string Pager(UiRequest r, Core.FilesPageView page)
    {
        var kept = r.Query.Where(p => p.Key != "cursor").Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())).ToList();
        var links = new StringBuilder();
        if (r.Query.ContainsKey("cursor"))
        {
            links.Append($"<a class=\"button\" href=\"/files{Html.E(Html.Query(kept))}\">Newest</a>");
        }

        if (page.NextCursor is { } next)
        {
            links.Append($"<a class=\"button\" rel=\"next\" id=\"older\" href=\"/files{Html.E(Html.Query(kept.Append(new("cursor", next))))}\">Older files</a>");
        }

        return links.Length == 0 ? string.Empty : $"<nav class=\"pager\" aria-label=\"Pages of files\">{links}</nav>";
    }

    private static string List(IReadOnlyList<string> lines, string noun)
    {
        if (lines.Count == 0)
        {
            return string.Empty;
        }

        var list = new StringBuilder($"<details class=\"{noun}s\"><summary>{lines.Count} {noun}{(lines.Count == 1 ? string.Empty : "s")}</summary><ul>");
        foreach (var line in lines)
        {
            list.Append($"<li>{Html.E(line)}</li>");
        }

        return list.Append("</ul></details>").ToString();
    }
}
