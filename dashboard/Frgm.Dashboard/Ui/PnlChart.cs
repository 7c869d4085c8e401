using Frgm.Dashboard.Api;
using Frgm.Dashboard.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Frgm.Dashboard.Ui;

/// <summary>
/// The Accounts page's intraday P&amp;L charts: a section outside the live panel (so a refresh does not redraw the
/// charts from nothing) that wwwroot/js/pnl-chart.js fills, one chart per account listed in the panel, from
/// /ui/pnl-history/{account_id} (the API's body, without the key, like every /ui route).
/// </summary>
public static class PnlChart
{
    /// <summary>More accounts than this are listed in the table but not charted (each chart is one request per refresh).</summary>
    public const int MaxCharts = 12;

    public const string Section =
        "<section class=\"charts pnl-charts\" id=\"pnl-charts\" aria-label=\"Intraday P&amp;L per account (UTC)\" data-max=\"12\"></section>" +
        "<script src=\"/static/js/pnl-chart.js\" defer></script>";

    public static void MapPnlChart(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/pnl-history/{account_id}", async (string account_id, HttpContext http, PnlHistoryReader history) =>
        {
            try
            {
                var body = await PnlHistoryEndpoints.ReadAsync(history, account_id, http.Request.Query, http.RequestAborted);
                return Results.Json(body, ApiJsonContext.Default.PnlHistoryResponse);
            }
            catch (ApiProblemException problem)
            {
                return Results.Json(new ErrorResponse(problem.Code, problem.Message), ApiJsonContext.Default.ErrorResponse, statusCode: (int)problem.Status);
            }
        }).ExcludeFromDescription();
    }
}
