using Frgm.Dashboard.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Frgm.Dashboard.Monitoring;

/// <summary>/health, /ready and /metrics: no API key (API.md), for the load balancer and Prometheus.</summary>
public static class MonitoringEndpoints
{
    public static void MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok"))).WithTags("monitoring");

        app.MapGet("/ready", async (StoreProbes probes, HttpContext http) =>
        {
            var results = await probes.CheckAsync(http.RequestAborted);
            var stores = results.Select(r => new StoreStatusDto(r.Name, r.Ok, r.Error)).ToList();
            var failing = results.FirstOrDefault(r => !r.Ok);
            return failing is null
                ? Results.Json(new ReadyResponse("ready", null, null, stores), ApiJsonContext.Default.ReadyResponse)
                : Results.Json(
                    new ReadyResponse("unavailable", ApiErrorCodes.StoreUnavailable, $"store '{failing.Name}' did not answer: {failing.Error}", stores),
                    ApiJsonContext.Default.ReadyResponse,
                    statusCode: StatusCodes.Status503ServiceUnavailable);
        }).Produces<ReadyResponse>().Produces<ReadyResponse>(StatusCodes.Status503ServiceUnavailable).WithTags("monitoring");

        app.MapGet("/metrics", async (MetricsReport report, HttpContext http) =>
            Results.Text(await report.RenderAsync(http.RequestAborted), PrometheusText.ContentType)).WithTags("monitoring");
    }
}
