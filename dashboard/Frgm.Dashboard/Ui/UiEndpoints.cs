using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Api;
using Frgm.Dashboard.Core;
using Frgm.Dashboard.Streaming;
using Frgm.Dashboard.Ui.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Ui;

/// <summary>
/// The operator pages and the internal endpoints their script calls (/ui/*). These carry no API key: locally the
/// UI is open on loopback, in AWS the load balancer authenticates it (API.md). /api/* keeps its key check.
/// </summary>
public static class UiEndpoints
{
    public const string UiHeader = "X-FRGM-UI";

    public static IReadOnlyList<UiPage> Pages { get; } =
    [
        OverviewPage.Page, PositionsPage.Page, AccountsPage.Page, MarketPage.Page,
        OrdersPage.Page, BlotterPage.Page, AlarmsPage.Page, FilesPage.Page, RiskPage.Page,
    ];

    public static void MapUi(this IEndpointRouteBuilder app)
    {
        foreach (var page in Pages)
        {
            app.MapGet(page.Path, (HttpContext http, DashboardReader reader, ILoggerFactory logs) => RenderPageAsync(page, http, reader, logs))
                .ExcludeFromDescription();
        }

        app.MapGet("/ui/fragments/{slug}", async (string slug, HttpContext http, DashboardReader reader, ILoggerFactory logs) =>
        {
            var page = Pages.FirstOrDefault(p => p.Slug == slug);
            if (page is null)
            {
                return Results.Content(Html.Empty($"No page '{Requests.MessageText.Prefix(slug)}'."), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            var (status, panel) = await RenderPanelAsync(page, Request(http, reader), logs);
            return Results.Content(panel, "text/html; charset=utf-8", statusCode: status);
        }).ExcludeFromDescription();

        app.MapGet("/ui/stream", (HttpContext http, ChangeHub hub) => ServerSentEvents.StreamAsync(http, hub)).ExcludeFromDescription();

        app.MapGet("/ui/bars", async (HttpContext http, DashboardReader reader) =>
        {
            var ticker = http.Request.Query["ticker"].ToString();
            if (string.IsNullOrWhiteSpace(ticker))
            {
                return Results.Json(new ErrorResponse(ApiErrorCodes.BadParameter, "Parameter 'ticker' is required."), ApiJsonContext.Default.ErrorResponse, statusCode: 400);
            }

            var bars = await reader.GetBarsAsync(ticker, TimeSpan.FromHours(2), http.RequestAborted);
            return Results.Json(
                new BarsResponse(
                    ticker,
                    bars.Select(b => b.MinuteStart.ToUnixTimeSeconds()).ToList(),
                    bars.Select(b => b.Close).ToList(),
                    bars.Select(b => b.High).ToList(),
                    bars.Select(b => b.Low).ToList()),
                ApiJsonContext.Default.BarsResponse);
        }).ExcludeFromDescription();

        app.MapPost("/ui/alarms/{alarm_id}/ack", async (string alarm_id, HttpContext http, AlarmAcknowledger acknowledger, Identity.AlbIdentity identity) =>
        {
            // A custom header cannot be sent cross-site without a CORS preflight, which this app never grants.
            if (http.Request.Headers[UiHeader] != "1" || http.Request.Headers["Sec-Fetch-Site"] is [var site] && site is not ("same-origin" or "none"))
            {
                return Results.Json(new ErrorResponse("forbidden", "Acknowledge from the dashboard page."), ApiJsonContext.Default.ErrorResponse, statusCode: 403);
            }

            try
            {
                var ack = await AckRequestReader.ReadAsync(http, identity);
                var alarm = await ApiEndpoints.AcknowledgeAsync(acknowledger, alarm_id, ack, http.RequestAborted);
                return Results.Json(ApiMapper.ToDto(alarm), ApiJsonContext.Default.AlarmDto);
            }
            catch (ApiProblemException problem)
            {
                return Results.Json(new ErrorResponse(problem.Code, problem.Message), ApiJsonContext.Default.ErrorResponse, statusCode: (int)problem.Status);
            }
        }).ExcludeFromDescription();
    }

    private static async Task<IResult> RenderPageAsync(UiPage page, HttpContext http, DashboardReader reader, ILoggerFactory logs)
    {
        var request = Request(http, reader);
        var (status, panel) = await RenderPanelAsync(page, request, logs);
        var fragment = $"/ui/fragments/{page.Slug}{http.Request.QueryString}";
        var html = Layout.Render(page, Pages, page.Controls(request) + CsvDownloads.Link(page.Slug, http.Request.Query), panel, fragment);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status == 200 ? 200 : status);
    }

    /// <summary>The panel's HTML, or a readable message in its place when a parameter is bad or a store is down.</summary>
    private static async Task<(int Status, string Html)> RenderPanelAsync(UiPage page, UiRequest request, ILoggerFactory logs)
    {
        try
        {
            return (200, await page.Panel(request));
        }
        catch (ApiProblemException problem)
        {
            return ((int)problem.Status, $"<p class=\"error\" role=\"alert\">{Html.E(problem.Message)}</p>");
        }
        catch (OperationCanceledException) when (request.Ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // the page must say the stores are down, not crash
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logs.CreateLogger("Frgm.Dashboard.Ui").LogError(ex, "page {Page} failed: a backing store threw", page.Slug);
            return ((int)HttpStatusCode.ServiceUnavailable, "<p class=\"error\" role=\"alert\">A backing store did not answer; this view retries on the next update.</p>");
        }
    }

    private static UiRequest Request(HttpContext http, DashboardReader reader) =>
        new(reader, http.Request.Query, reader.Now, http.RequestAborted) { Services = http.RequestServices };
}
