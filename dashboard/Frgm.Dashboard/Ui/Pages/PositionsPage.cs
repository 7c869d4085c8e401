using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>Positions by account: a table per account with its totals, P&amp;L coloured, Greeks.</summary>
public static class PositionsPage
{
    public static UiPage Page { get; } = new(
        "positions", "/positions", "Positions", '2', ["positions", "market", "alarms"],
        r => Layout.FilterForm(r), RenderAsync);

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var view = await r.Reader.GetPositionsAsync(ApiQuery.Filter(r.Query), r.Ct);
        if (view.Positions.Count == 0)
        {
            return Html.Empty(view.Date is null ? "No positions yet: drop a SOD or trade file into the buckets." : $"No positions for {Fmt.Date(view.Date)} with these filters.");
        }

        var catalog = r.Reader.Instruments;
        var html = new StringBuilder();
        var all = view.Positions;
        html.Append($"<div class=\"summary\"><span>Business date <b>{Fmt.Date(view.Date)}</b></span><span>{Fmt.Count(all.Count, "position")}</span>")
            .Append($"<span>Day P&amp;L <b class=\"{Fmt.SignClass(Sum(all, p => p.DayPnl))}\" data-total=\"day_pnl\">{Fmt.Money(Sum(all, p => p.DayPnl))}</b></span>")
            .Append($"<span>Delta <b>{Fmt.Greek(all.Sum(p => p.Delta))}</b></span></div>");
        foreach (var account in all.GroupBy(p => p.AccountId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = account.ToList();
            html.Append($"<h2 class=\"account\">{Html.E(account.Key)} <span class=\"sub\">{Fmt.Count(rows.Count, "position")}</span></h2>")
                .Append($"<table class=\"grid sortable\" data-account=\"{Html.E(account.Key)}\"><thead><tr>")
                .Append(Html.Th("Ticker")).Append(Html.Th("SOD qty", "num")).Append(Html.Th("SOD px", "num"))
                .Append(Html.Th("Net qty", "num")).Append(Html.Th("Avg px", "num")).Append(Html.Th("Mark", "num"))
                .Append(Html.Th("Realized", "num")).Append(Html.Th("Unrealized", "num")).Append(Html.Th("Day P&L", "num"))
                .Append(Html.Th("Delta", "num")).Append(Html.Th("Gamma", "num")).Append(Html.Th("Vega", "num")).Append(Html.Th("Theta", "num"))
                .Append(Html.Th("Greeks", "text", "where the Greeks come from: model (live implied vol), eod (EOD file) or none")).Append(Html.Th("Updated", "num")).Append("</tr></thead><tbody>");
            foreach (var p in rows)
            {
                html.Append($"<tr data-ticker=\"{Html.E(p.Ticker)}\">")
                    .Append(Html.Text(p.Ticker, "sym"))
                    .Append(Html.Num(Fmt.Qty(p.SodQty), p.SodQty))
                    .Append(Html.Num(Fmt.Price(p.SodPrice, catalog, p.Ticker), p.SodPrice))
                    .Append(Html.Num(Fmt.Qty(p.NetQty), p.NetQty, "qty " + Fmt.SignClass(p.NetQty)))
                    .Append(Html.Num(Fmt.Price(p.AvgPrice, catalog, p.Ticker), p.AvgPrice))
                    .Append(Html.Num(Fmt.Price(p.MarkPrice, catalog, p.Ticker), p.MarkPrice, "mark"))
                    .Append(Html.Pnl(p.RealizedPnl)).Append(Html.Pnl(p.UnrealizedPnl)).Append(Html.Pnl(p.DayPnl))
                    .Append(Html.Num(Fmt.Greek(p.Delta), p.Delta)).Append(Html.Num(Fmt.Greek(p.Gamma), p.Gamma))
                    .Append(Html.Num(Fmt.Greek(p.Vega), p.Vega)).Append(Html.Num(Fmt.Greek(p.Theta), p.Theta))
                    .Append(Html.Text(Frgm.Domain.Model.WireNames.Of(p.GreeksSource), "greeks-source"))
                    .Append(Html.Time(p.UpdatedAt, r.Now))
                    .Append("</tr>");
            }

            // Quantities of different contracts do not add up (ES + NQ + RTY lots are not a number of anything);
            // money and the account's Greeks do, so only those are totalled across instruments.
            var oneContract = rows.Select(p => p.Ticker).Distinct(StringComparer.Ordinal).Count() == 1;
            html.Append("</tbody><tfoot><tr><th scope=\"row\">Total</th>")
                .Append(oneContract ? Html.Num(Fmt.Qty(rows.Sum(p => p.SodQty)), null) : "<td></td>").Append("<td></td>")
                .Append(oneContract ? Html.Num(Fmt.Qty(rows.Sum(p => p.NetQty)), null) : "<td></td>").Append("<td></td><td></td>")
                .Append(Html.Pnl(Sum(rows, p => p.RealizedPnl))).Append(Html.Pnl(Sum(rows, p => p.UnrealizedPnl))).Append(Html.Pnl(Sum(rows, p => p.DayPnl)))
                .Append(Html.Num(Fmt.Greek(rows.Sum(p => p.Delta)), null)).Append(Html.Num(Fmt.Greek(rows.Sum(p => p.Gamma)), null))
                .Append(Html.Num(Fmt.Greek(rows.Sum(p => p.Vega)), null)).Append(Html.Num(Fmt.Greek(rows.Sum(p => p.Theta)), null))
                .Append("<td></td><td></td></tr></tfoot></table>");
        }

        return html.ToString();
    }

    /// <summary>A total of values that may be unknown: unknown when any is (an instrument without reference data).</summary>
    public static decimal? Sum(IEnumerable<Position> rows, Func<Position, decimal?> value)
    {
        decimal total = 0;
        foreach (var row in rows)
        {
            if (value(row) is not { } v)
            {
                return null;
            }

            total += v;
        }

        return total;
    }
}
