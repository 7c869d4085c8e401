using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Frgm.Dashboard.Monitoring;

/// <summary>Counts every request by route template (not raw path, so ids do not explode the label set) and times it.</summary>
public sealed class RequestMetricsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RequestMetrics _metrics;

    public RequestMetricsMiddleware(RequestDelegate next, RequestMetrics metrics)
    {
        _next = next;
        _metrics = metrics;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            var endpoint = context.GetEndpoint();
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText is { } raw
                ? "/" + raw.TrimStart('/')
                : "(unmatched)";
            // A stream's duration is how long the page stayed open, not a latency.
            var streaming = context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.Ordinal) == true;
            _metrics.Record(route, context.Request.Method, context.Response.StatusCode,
                streaming ? null : Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
