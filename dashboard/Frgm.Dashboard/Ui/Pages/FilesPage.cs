using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>The ingestion ledger, newest first, with each file's rejected-row messages and duplicate-trade notes.</summary>
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

        return Layout.FilterForm(r, account: false, ticker: false, extra: options.Append("</select></label>").ToString());
    }

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var files = await r.Reader.GetFilesAsync(ApiQuery.Status(r.Query), ApiQuery.Date(r.Query), PageSize, r.Ct);
        if (files.Count == 0)
        {
            return Html.Empty("No files in the ledger match.");
        }

        var html = new StringBuilder($"<div class=\"summary\"><span>newest {files.Count} files</span></div>")
            .Append("<table class=\"grid sortable\" id=\"files\"><thead><tr>")
            .Append(Html.Th("Received", "num")).Append(Html.Th("Bucket")).Append(Html.Th("Key")).Append(Html.Th("Feed"))
            .Append(Html.Th("Status")).Append(Html.Th("Rows", "num")).Append(Html.Th("Rejected", "num")).Append(Html.Th("Duplicates", "num")).Append(Html.Th("Latency", "num"))
            .Append(Html.Th("SHA-256")).Append("<th>Errors</th></tr></thead><tbody>");
        foreach (var f in files)
        {
            var status = WireNames.Of(f.Status);
            double? latency = f.CompletedAt is { } done ? (done - f.ReceivedAt).TotalMilliseconds : null;
            html.Append($"<tr data-key=\"{Html.E(f.Key)}\">")
                .Append(Html.Time(f.ReceivedAt, r.Now)).Append(Html.Text(WireNames.Of(f.Bucket)))
                .Append(Html.Text(f.Key, "path")).Append(Html.Text(f.Feed is { } feed ? WireNames.Of(feed) : Fmt.Missing))
                .Append($"<td>{Html.Badge(status, "st-" + status.ToLowerInvariant())}</td>")
                .Append(Html.Num(Fmt.Qty(f.Rows), f.Rows)).Append(Html.Num(Fmt.Qty(f.RejectedRows), f.RejectedRows, f.RejectedRows > 0 ? "alert" : null))
                .Append(Html.Num(Fmt.Qty(f.Duplicates), f.Duplicates))
                .Append(Html.Num(Fmt.Ms(latency), latency is { } l ? (decimal)l : null))
                .Append($"<td class=\"id\" title=\"{Html.E(f.Sha256)}\">{Html.E(f.Sha256.Length > 12 ? f.Sha256[..12] : f.Sha256)}</td>")
                .Append("<td class=\"errors\">").Append(List(f.Errors, "error")).Append(List(f.Notes, "note")).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
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
