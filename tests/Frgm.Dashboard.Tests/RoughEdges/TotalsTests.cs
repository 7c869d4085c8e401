using System.Text.RegularExpressions;
using Frgm.Dashboard.Tests.Support;

namespace Frgm.Dashboard.Tests.RoughEdges;

/// <summary>Totals rows add only what adds up: never lots of different contracts; counts in the right number.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class TotalsTests
{
    private readonly DashboardApiFactory _app;

    public TotalsTests(DashboardApiFactory app) => _app = app;

    [Fact]
    public async Task Quantity_totals_appear_only_for_one_contract_and_counts_are_singular_or_plural()
    {
        using var client = _app.CreateClient();
        var html = await client.GetStringAsync("/ui/fragments/positions?date=" + SampleFeeds.SampleDate);
        var tables = Table().Matches(html);
        Assert.Contains(tables, t => t.Groups[1].Value == "MM1");
        foreach (Match table in tables)
        {
            var body = table.Groups[2].Value;
            var tickers = Row().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Count();
            var cells = Cell().Matches(Foot().Match(body).Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
            var (sodTotal, netTotal) = (cells[0], cells[2]);
            if (tickers > 1)
            {
                Assert.True(sodTotal.Length == 0 && netTotal.Length == 0, $"{table.Groups[1].Value}: lots of {tickers} contracts were added up ({sodTotal}, {netTotal})");
            }
            else
            {
                Assert.NotEmpty(netTotal);
            }

            var heading = Regex.Match(html, $"<h2 class=\"account\">{Regex.Escape(table.Groups[1].Value)} <span class=\"sub\">([^<]+)</span>").Groups[1].Value;
            Assert.Equal(tickers == 1 ? "1 position" : $"{tickers} positions", heading);
        }
    }

    [GeneratedRegex("<table class=\"grid sortable\" data-account=\"([^\"]+)\">(.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex Table();

    [GeneratedRegex("<tr data-ticker=\"([^\"]+)\">")]
    private static partial Regex Row();

    [GeneratedRegex("<tfoot><tr><th scope=\"row\">Total</th>(.*?)</tr></tfoot>", RegexOptions.Singleline)]
    private static partial Regex Foot();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
