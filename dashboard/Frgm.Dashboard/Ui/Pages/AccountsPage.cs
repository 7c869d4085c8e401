using System.Text;
using Frgm.Dashboard.Api;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>Per-account roll-up: P&amp;L, exposure, Greeks, active alarms; below it the intraday P&amp;L charts (<see cref="PnlChart"/>).</summary>
public static class AccountsPage
{
    public static UiPage Page { get; } = new(
        "accounts", "/accounts", "Accounts", '3', ["positions", "market", "alarms"],
        r => Layout.FilterForm(r), RenderAsync, Extra: PnlChart.Section);

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var view = await r.Reader.GetAccountsAsync(ApiQuery.Filter(r.Query), r.Ct);
        if (view.Accounts.Count == 0)
        {
            return Html.Empty("No accounts with positions for this date and filters.");
        }

        var html = new StringBuilder($"<div class=\"summary\"><span>Business date <b>{Fmt.Date(view.Date)}</b></span><span>{Fmt.Count(view.Accounts.Count, "account")}</span></div>");
        html.Append("<table class=\"grid sortable\"><thead><tr>")
            .Append(Html.Th("Account")).Append(Html.Th("Positions", "num")).Append(Html.Th("Day P&L", "num"))
            .Append(Html.Th("Realized", "num")).Append(Html.Th("Unrealized", "num")).Append(Html.Th("Gross exposure", "num"))
            .Append(Html.Th("Net exposure", "num")).Append(Html.Th("Delta", "num")).Append(Html.Th("Gamma", "num"))
            .Append(Html.Th("Vega", "num")).Append(Html.Th("Theta", "num")).Append(Html.Th("Active alarms", "num"))
            .Append("</tr></thead><tbody>");
        foreach (var a in view.Accounts)
        {
            html.Append($"<tr data-account=\"{Html.E(a.AccountId)}\">")
                .Append($"<td class=\"sym\"><a href=\"/positions{Html.E(Html.Query([new("account_id", a.AccountId), new("date", r.Query["date"])]))}\">{Html.E(a.AccountId)}</a></td>")
                .Append(Html.Num(Fmt.Qty(a.Positions), a.Positions))
                .Append(Html.Pnl(a.DayPnl)).Append(Html.Pnl(a.RealizedPnl)).Append(Html.Pnl(a.UnrealizedPnl))
                .Append(Html.Num(Fmt.Money(a.GrossExposure), a.GrossExposure)).Append(Html.Num(Fmt.Money(a.NetExposure), a.NetExposure, Fmt.SignClass(a.NetExposure)))
                .Append(Html.Num(Fmt.Greek(a.Delta), a.Delta)).Append(Html.Num(Fmt.Greek(a.Gamma), a.Gamma))
                .Append(Html.Num(Fmt.Greek(a.Vega), a.Vega)).Append(Html.Num(Fmt.Greek(a.Theta), a.Theta))
                .Append(Html.Num(Fmt.Qty(a.ActiveAlarms), a.ActiveAlarms, a.ActiveAlarms > 0 ? "alert" : null))
                .Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
