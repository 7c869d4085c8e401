using System.Text;
using Frgm.Dashboard.Api;
using Frgm.Domain.Model;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>Executed trades for a business date, a page at a time (the API's cursor).</summary>
public static class BlotterPage
{
    public const int PageSize = 100;

    public static UiPage Page { get; } = new(
        "blotter", "/blotter", "Blotter", '6', ["positions", "files"],
        r => Layout.FilterForm(r), RenderAsync);

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var filter = ApiQuery.Filter(r.Query);
        var cursor = ApiQuery.Cursor(r.Query);
        var (date, page) = await r.Reader.GetBlotterAsync(filter, PageSize, cursor, r.Ct);
        var html = new StringBuilder($"<div class=\"summary\"><span>Business date <b>{Fmt.Date(date)}</b></span><span>{Fmt.Count(page.Trades.Count, "trade")} on this page</span>");
        if (cursor is not null)
        {
            html.Append($"<a class=\"button\" href=\"/blotter{Html.E(Html.Query([new("date", Fmt.Date(date)), new("account_id", filter.AccountId), new("ticker", filter.Ticker)]))}\">⟲ First page</a>");
        }

        if (page.NextCursor is not null)
        {
            var next = Html.Query([new("date", Fmt.Date(date)), new("account_id", filter.AccountId), new("ticker", filter.Ticker), new("cursor", page.NextCursor)]);
            html.Append($"<a class=\"button\" rel=\"next\" href=\"/blotter{Html.E(next)}\">Next page →</a>");
        }

        html.Append("</div>");
        if (page.Trades.Count == 0)
        {
            return html.Append(Html.Empty("No trades for this date and filters.")).ToString();
        }

        var catalog = r.Reader.Instruments;
        html.Append("<table class=\"grid sortable\"><thead><tr>")
            .Append(Html.Th("Trade")).Append(Html.Th("Exec time", "num")).Append(Html.Th("Account")).Append(Html.Th("Ticker"))
            .Append(Html.Th("Side")).Append(Html.Th("Qty", "num")).Append(Html.Th("Price", "num")).Append(Html.Th("Order"))
            .Append(Html.Th("Trader")).Append(Html.Th("Source file"))
            .Append("</tr></thead><tbody>");
        foreach (var t in page.Trades)
        {
            var side = WireNames.Of(t.Side);
            html.Append($"<tr data-trade=\"{Html.E(t.TradeId)}\">")
                .Append(Html.Text(t.TradeId, "id")).Append(Html.Time(t.ExecTime, r.Now)).Append(Html.Text(t.AccountId))
                .Append(Html.Text(t.Ticker, "sym")).Append(Html.Text(side, OrdersPage.SideClass(side)))
                .Append(Html.Num(Fmt.Qty(t.Quantity), t.Quantity)).Append(Html.Num(Fmt.Price(t.Price, catalog, t.Ticker), t.Price))
                .Append(Html.Text(t.OrderId)).Append(Html.Text(t.Trader)).Append(Html.Text(t.SourceFile, "path"))
                .Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
