using System.Text;
using Frgm.Dashboard.Api;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>The current TT working-order set, a page at a time (the API's cursor), filterable by account and ticker.</summary>
public static class OrdersPage
{
    public const int PageSize = 200;

    public static UiPage Page { get; } = new(
        "orders", "/orders", "Orders", '5', ["orders"],
        r => Layout.FilterForm(r, date: false), RenderAsync);

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var filter = ApiQuery.Filter(r.Query);
        var cursor = ApiQuery.Cursor(r.Query);
        Core.OrdersPageView snapshot;
        try
        {
            snapshot = await r.Reader.GetOrdersAsync(filter, PageSize, cursor, r.Ct);
        }
        catch (Exception ex) when (cursor is not null && ex is ArgumentException or FormatException)
        {
            // A live update after a new snapshot: the old page is gone, so show the new set from its start.
            cursor = null;
            snapshot = await r.Reader.GetOrdersAsync(filter, PageSize, null, r.Ct);
        }

        if (snapshot.SnapshotTime is not { } at)
        {
            return Html.Empty("No working-order snapshot yet.");
        }

        var catalog = r.Reader.Instruments;
        var age = Math.Max(0, (r.Now - at).TotalSeconds);
        var html = new StringBuilder($"<div class=\"summary\"><span>Snapshot <b><time datetime=\"{Fmt.Iso(at)}\">{Fmt.Clock(at, r.Now)}</time></b></span><span>age {Fmt.Age(age)}</span><span>{Fmt.Count(snapshot.Matched, "order")}</span><span>{snapshot.Orders.Count} on this page</span>");
        if (cursor is not null)
        {
            html.Append($"<a class=\"button\" href=\"/orders{Html.E(Html.Query([new("account_id", filter.AccountId), new("ticker", filter.Ticker)]))}\">⟲ First page</a>");
        }

        if (snapshot.NextCursor is not null)
        {
            var next = Html.Query([new("account_id", filter.AccountId), new("ticker", filter.Ticker), new("cursor", snapshot.NextCursor)]);
            html.Append($"<a class=\"button\" rel=\"next\" href=\"/orders{Html.E(next)}\">Next page →</a>");
        }

        html.Append("</div>");
        if (snapshot.Orders.Count == 0)
        {
            return html.Append(Html.Empty("No working orders match.")).ToString();
        }

        html.Append("<table class=\"grid sortable\"><thead><tr>")
            .Append(Html.Th("Order")).Append(Html.Th("Account")).Append(Html.Th("Ticker")).Append(Html.Th("Side"))
            .Append(Html.Th("Qty", "num")).Append(Html.Th("Price", "num")).Append(Html.Th("Leaves", "num")).Append(Html.Th("Filled", "num"))
            .Append(Html.Th("Status")).Append(Html.Th("Type")).Append(Html.Th("TIF")).Append(Html.Th("Updated", "num"))
            .Append("</tr></thead><tbody>");
        foreach (var o in snapshot.Orders)
        {
            html.Append($"<tr data-order=\"{Html.E(o.OrderId)}\">")
                .Append(Html.Text(o.OrderId, "id")).Append(Html.Text(o.AccountId)).Append(Html.Text(o.Ticker, "sym"))
                .Append(Html.Text(o.Side, SideClass(o.Side)))
                .Append(Html.Num(Fmt.Qty(o.Quantity), o.Quantity))
                .Append(Html.Num(o.Ticker is null ? Fmt.Price(o.Price, null) : Fmt.Price(o.Price, catalog, o.Ticker), o.Price))
                .Append(Html.Num(Fmt.Qty(o.LeavesQty), o.LeavesQty)).Append(Html.Num(Fmt.Qty(o.CumQty), o.CumQty))
                .Append(Html.Text(o.Status)).Append(Html.Text(o.OrderType)).Append(Html.Text(o.TimeInForce))
                .Append(Html.Time(o.UpdatedAt, r.Now))
                .Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    public static string? SideClass(string? side) => side?.ToUpperInvariant() switch
    {
        "BUY" => "buy",
        "SELL" => "sell",
        _ => null,
    };
}
