using System.Globalization;
using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Dashboard.Core;
using Frgm.Domain.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>
/// Risk by product → underlying → expiry → contract (rows expand and collapse; risk.js keeps the open ones open
/// across live refreshes) and the scenario heat map (underlying shift × vol shift, per account and underlying).
/// </summary>
public static class RiskPage
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static UiPage Page { get; } = new(
        "risk", "/risk", "Risk", '9', ["positions", "market"],
        r => Layout.FilterForm(r, ticker: false, extra:
            $"<label>Product <input name=\"product\" size=\"6\" value=\"{Html.E(r.Query["product"])}\"></label>" +
            $"<label>Underlying <input name=\"underlying\" size=\"8\" value=\"{Html.E(r.Query["underlying"])}\"></label>"),
        RenderAsync,
        "<link rel=\"stylesheet\" href=\"/static/css/risk.css\"><script src=\"/static/js/risk.js\"></script>");

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var reader = (r.Services ?? throw new InvalidOperationException("the Risk page needs the request's services")).GetRequiredService<RiskReader>();
        var filter = RiskEndpoints.Filter(r.Query);
        var risk = await reader.GetRiskAsync(filter, r.Ct);
        if (risk.Groups.Count == 0)
        {
            return Html.Empty("No positions for this date and filters.");
        }

        var scenarios = await reader.GetScenariosAsync(filter, ScenarioMatrix.DefaultUnderlyingShifts, ScenarioMatrix.DefaultVolShifts, r.Ct);
        var html = new StringBuilder($"<div class=\"summary\"><span>Business date <b>{Fmt.Date(risk.Date)}</b></span>")
            .Append("<button type=\"button\" class=\"risk-expand-all\">Expand all</button><button type=\"button\" class=\"risk-collapse-all\">Collapse all</button></div>");
        RenderTree(html, risk.Groups);
        RenderHeatMap(html, scenarios, CsvDownloads.LinkTo("risk/scenarios", r.Query, "Download scenarios CSV"));
        return html.ToString();
    }

    private static void RenderTree(StringBuilder html, IReadOnlyList<RiskNode> groups)
    {
        html.Append("<table class=\"grid risk-tree\" role=\"treegrid\" aria-label=\"Risk by product, underlying, expiry and contract\"><thead><tr>")
            .Append("<th scope=\"col\">Product / underlying / expiry / contract</th>")
            .Append(Col("Net qty")).Append(Col("Day P&L")).Append(Col("Realized")).Append(Col("Unrealized"))
            .Append(Col("Delta")).Append(Col("Gamma")).Append(Col("Vega")).Append(Col("Theta")).Append(Col("Delta notional"))
            .Append("</tr></thead><tbody>");
        foreach (var node in groups)
        {
            RenderNode(html, node, null, 1);
        }

        html.Append("</tbody></table>");
    }

    private static void RenderNode(StringBuilder html, RiskNode node, string? parent, int depth)
    {
        var path = parent is null ? node.Key : parent + "\u001f" + node.Key;
        var hasChildren = node.Children.Count > 0;
        html.Append($"<tr data-path=\"{Html.E(path)}\" data-level=\"{node.Level}\" aria-level=\"{depth}\"")
            .Append(parent is null ? string.Empty : $" data-parent=\"{Html.E(parent)}\" hidden")
            .Append(hasChildren ? " aria-expanded=\"false\"" : string.Empty)
            .Append($"><td class=\"sym depth-{depth}\">");
        html.Append(hasChildren
            ? $"<button type=\"button\" class=\"risk-toggle\" aria-label=\"Expand {Html.E(node.Key)}\">▸</button>"
            : "<span class=\"risk-leaf\"></span>");
        html.Append($"<span class=\"risk-level\">{Html.E(node.Level)}</span> {Html.E(node.Key)}</td>")
            .Append(Html.Num(Fmt.Qty(node.NetQty), node.NetQty, Fmt.SignClass(node.NetQty)))
            .Append(Html.Pnl(node.DayPnl)).Append(Html.Pnl(node.RealizedPnl)).Append(Html.Pnl(node.UnrealizedPnl))
            .Append(Html.Num(Fmt.Greek(node.Delta), node.Delta)).Append(Html.Num(Fmt.Greek(node.Gamma), node.Gamma))
            .Append(Html.Num(Fmt.Greek(node.Vega), node.Vega)).Append(Html.Num(Fmt.Greek(node.Theta), node.Theta))
            .Append(Html.Num(Fmt.Money(node.DeltaNotional), node.DeltaNotional))
            .Append("</tr>");
        foreach (var child in node.Children)
        {
            RenderNode(html, child, path, depth + 1);
        }
    }

    /// <summary>Columns: underlying shifts; per book three rows (vol shifts). Shade by |P&amp;L| against the largest cell shown.</summary>
    private static void RenderHeatMap(StringBuilder html, ScenariosView view, string csvLink)
    {
        var max = view.Rows.SelectMany(r => r.Cells).SelectMany(c => c).Select(Math.Abs).DefaultIfEmpty(0).Max();
        html.Append("<h2>Scenarios <span class=\"sub\">P&amp;L change by full revaluation: underlying shift × volatility shift</span> ").Append(csvLink).Append("</h2>")
            .Append("<table class=\"grid heatmap\" aria-label=\"Scenario P&amp;L heat map\"><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Underlying</th><th scope=\"col\">Vol shift</th>");
        foreach (var u in view.UnderlyingShifts)
        {
            html.Append($"<th scope=\"col\" class=\"num\">{Signed(u)} %</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in view.Rows)
        {
            for (var j = 0; j < view.VolShifts.Count; j++)
            {
                html.Append($"<tr data-account=\"{Html.E(row.AccountId)}\" data-underlying=\"{Html.E(row.Underlying)}\" data-vol=\"{view.VolShifts[j].ToString(C)}\">");
                html.Append(j == 0 ? $"<th scope=\"row\" rowspan=\"{view.VolShifts.Count}\">{Html.E(row.AccountId)}</th><th scope=\"row\" rowspan=\"{view.VolShifts.Count}\">{Html.E(row.Underlying)}</th>" : string.Empty);
                html.Append($"<td class=\"vol\">{Signed(view.VolShifts[j])} pt</td>");
                for (var i = 0; i < view.UnderlyingShifts.Count; i++)
                {
                    var value = row.Cells[i][j];
                    html.Append($"<td class=\"num heat {Shade(value, max)}\" data-raw=\"{value.ToString("R", C)}\" data-shift=\"{view.UnderlyingShifts[i].ToString(C)}\">{Fmt.Money((decimal)Math.Round(value, 2))}</td>");
                }

                html.Append("</tr>");
            }
        }

        html.Append("</tbody></table>");
    }

    /// <summary>Five steps each way (classes, since the CSP forbids inline styles).</summary>
    public static string Shade(double value, double max)
    {
        if (max <= 0 || Math.Abs(value) < 0.005)
        {
            return "heat-0";
        }

        var step = (int)Math.Ceiling(5 * Math.Abs(value) / max);
        return (value > 0 ? "heat-pos-" : "heat-neg-") + Math.Clamp(step, 1, 5).ToString(C);
    }

    private static string Col(string label) => $"<th scope=\"col\" class=\"num\">{Html.E(label)}</th>";

    private static string Signed(double value) => value > 0 ? "+" + value.ToString(C) : value.ToString(C);
}
