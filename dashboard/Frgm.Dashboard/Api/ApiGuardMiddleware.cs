using System.Net;
using System.Text.Json;
using Frgm.Dashboard.Hosting;
using Frgm.Dashboard.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Api;

/// <summary>
/// Wraps every <c>/api/*</c> request: API key check (header X-API-Key; the query api_key only in embedded mode, since
/// in AWS a key in the query string would land in the ALB access logs), and every failure as the
/// JSON error body of API.md: bad parameters 400, unknown routes 404, a throwing store 503. Never a stack trace.
/// </summary>
public sealed class ApiGuardMiddleware
{
    public const string HeaderName = "X-API-Key";
    public const string QueryName = "api_key";

    private readonly RequestDelegate _next;
    private readonly ApiKeyVerifier _keys;
    private readonly ILogger<ApiGuardMiddleware> _logger;
    private readonly ApiKeyFailureMetrics _failures;
    private readonly bool _behindLoadBalancer;
    private readonly bool _queryKeyAllowed;

    public ApiGuardMiddleware(RequestDelegate next, ApiKeyVerifier keys, ApiKeyFailureMetrics failures, DashboardSettings settings, ILogger<ApiGuardMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _queryKeyAllowed = settings.Mode == DashboardMode.Embedded;
        _next = next;
        _keys = keys;
        _failures = failures;
        _behindLoadBalancer = settings.Mode == DashboardMode.Aws;
        _logger = logger;
    }

    /// <summary>The key a request presents (header first, then query), or null. The rate limiter partitions on it too.</summary>
    /// <summary>The key a request presents: the header, or (embedded mode only) the query parameter.</summary>
    public static string? PresentedKey(HttpContext context, bool queryKeyAllowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Headers[HeaderName].FirstOrDefault()
            ?? (queryKeyAllowed ? context.Request.Query[QueryName].FirstOrDefault() : null);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presented = PresentedKey(context, _queryKeyAllowed);
        if (!_keys.IsValid(presented))
        {
            var why = string.IsNullOrEmpty(presented) ? "An API key is required" : "The API key is not valid";
            var how = _queryKeyAllowed ? $"the {HeaderName} header or the {QueryName} query parameter" : $"the {HeaderName} header (never the query string)";
            _failures.Failure();
            // Never the key itself (a near-miss is a secret too): who, what, and which kind of failure.
            _logger.LogWarning("API key rejected ({Why}) from client {Client}: {Method} {Path}",
                string.IsNullOrEmpty(presented) ? "missing" : "wrong", ClientAddress.Of(context, _behindLoadBalancer),
                context.Request.Method, MessageText.Prefix(context.Request.Path.Value));
            await WriteAsync(context, HttpStatusCode.Unauthorized, ApiErrorCodes.Unauthorized,
                $"{why}: send it in {how}.");
            return;
        }

        try
        {
            await _next(context);
        }
        catch (ApiProblemException problem)
        {
            await WriteAsync(context, problem.Status, problem.Code, problem.Message);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // every store failure becomes a 503 body; the exception itself goes to the log only
        catch (Exception ex) when (ex is not BadHttpRequestException)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "{Method} {Path} failed: a backing store threw", context.Request.Method, context.Request.Path);
            await WriteAsync(context, HttpStatusCode.ServiceUnavailable, ApiErrorCodes.StoreUnavailable,
                "A backing store did not answer; try again shortly (details are in the service log).");
            return;
        }

        await DescribeEmptyErrorAsync(context);
    }

    public static async Task WriteAsync(HttpContext context, HttpStatusCode status, string code, string message, Action<HttpResponse>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        headers?.Invoke(context.Response);
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorResponse(code, MessageText.Prefix(message, MessageText.MaxMessageChars)), ApiJsonContext.Default.ErrorResponse, context.RequestAborted);
    }

    /// <summary>Routing's own 404/405 come without a body: give them the JSON one.</summary>
    private static Task DescribeEmptyErrorAsync(HttpContext context)
    {
        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength is > 0 || response.ContentType is not null)
        {
            return Task.CompletedTask;
        }

        return response.StatusCode switch
        {
            404 => WriteAsync(context, HttpStatusCode.NotFound, ApiErrorCodes.NotFound, $"No API route {context.Request.Method} {MessageText.Prefix(context.Request.Path.Value)}: see API.md or /openapi/v1.json."),
            415 => WriteAsync(context, HttpStatusCode.UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "Send the body as application/json, e.g. {\"by\": \"<name>\"}."),
            405 => WriteAsync(context, HttpStatusCode.MethodNotAllowed, ApiErrorCodes.MethodNotAllowed, $"{context.Request.Method} is not allowed on {MessageText.Prefix(context.Request.Path.Value)}."),
            _ => WriteAsync(context, (HttpStatusCode)response.StatusCode, ApiErrorCodes.Error, $"The request failed with status {response.StatusCode}."),
        };
    }
}
