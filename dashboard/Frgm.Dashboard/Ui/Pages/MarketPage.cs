using System.Text;
using Frgm.Dashboard.Api;

namespace Frgm.Dashboard.Ui.Pages;

/// <summary>Latest prices with their age, and small live charts of 1-minute bars (uPlot, drawn by app.js).</summary>
public static class MarketPage
{
    /// <summary>Older than this, a price is shown as stale.</summary>
    public const double StaleSeconds = 60;

    public static UiPage Page { get; } = new(
        "market", "/market", "Market", '4', ["market"],
        r => Layout.FilterForm(r, date: false, account: false), RenderAsync,
        Extra: "<section class=\"charts\" id=\"charts\" aria-label=\"1-minute charts\"></section>");

    private static async Task<string> RenderAsync(UiRequest r)
    {
        var prices = await r.Reader.GetMarketAsync(ApiQuery.Filter(r.Query).Ticker, r.Ct);
        if (prices.Count == 0)
        {
            return Html.Empty("No market data yet: drop an Actant market-data file into buckets/actant/market-data/.");
        }

        var catalog = r.Reader.Instruments;
        var html = new StringBuilder("<table class=\"grid sortable\" id=\"prices\"><thead><tr>")
            .Append(Html.Th("Ticker")).Append(Html.Th("Price", "num")).Append(Html.Th("Bid", "num")).Append(Html.Th("Ask", "num"))
            .Append(Html.Th("Volume", "num")).Append(Html.Th("Time", "num")).Append(Html.Th("Age", "num"))
            .Append("</tr></thead><tbody>");
        foreach (var view in prices)
        {
            var p = view.Price;
            var stale = view.AgeSeconds > StaleSeconds ? "stale" : "fresh";
            html.Append($"<tr data-ticker=\"{Html.E(p.Instrument)}\" class=\"{stale}\">")
                .Append(Html.Text(p.Instrument, "sym"))
                .Append(Html.Num(Fmt.Price(p.Price, catalog, p.Instrument), p.Price, "last"))
                .Append(Html.Num(Fmt.Price(p.Bid, catalog, p.Instrument), p.Bid))
                .Append(Html.Num(Fmt.Price(p.Ask, catalog, p.Instrument), p.Ask))
                .Append(Html.Num(Fmt.Qty(p.Volume), p.Volume))
                .Append(Html.Time(p.Timestamp, r.Now))
                .Append(Html.Num(Fmt.Age(view.AgeSeconds), (decimal)view.AgeSeconds, "age " + stale))
                .Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
