using System.Net;
using Frgm.Dashboard.Api;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Requests;

/// <summary>The request-level refusals of API.md, as JSON error bodies on every path (not only /api).</summary>
public static class RequestErrors
{
    public const string PayloadTooLarge = "payload_too_large";
    public const string RequestTimeout = "request_timeout";
    public const string UriTooLong = "uri_too_long";
    public const string HeadersTooLarge = "headers_too_large";
    public const string RateLimited = "rate_limited";

    public static Task BodyTooLargeAsync(HttpContext context, long limit, bool closeConnection = false) =>
        ApiGuardMiddleware.WriteAsync(context, HttpStatusCode.RequestEntityTooLarge, PayloadTooLarge,
            $"The request body is larger than this endpoint accepts ({limit} bytes).",
            closeConnection ? r => r.Headers.Connection = "close" : null);

    public static Task BodyTooSlowAsync(HttpContext context) =>
        ApiGuardMiddleware.WriteAsync(context, HttpStatusCode.RequestTimeout, RequestTimeout,
            "The request body arrived too slowly; send it at once.");

    public static Task UriTooLongAsync(HttpContext context, int limit) =>
        ApiGuardMiddleware.WriteAsync(context, HttpStatusCode.RequestUriTooLong, UriTooLong,
            $"The request target is longer than {limit} bytes.");

    public static Task HeadersTooLargeAsync(HttpContext context, string what) =>
        ApiGuardMiddleware.WriteAsync(context, HttpStatusCode.RequestHeaderFieldsTooLarge, HeadersTooLarge,
            $"The request headers are too large: {what}.");

    /// <summary>Kestrel's own rejection of a body read (size, rate, framing) as the matching JSON error.</summary>
    public static Task FromBadRequestAsync(HttpContext context, BadHttpRequestException ex, long limit)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => BodyTooLargeAsync(context, limit),
            StatusCodes.Status408RequestTimeout => BodyTooSlowAsync(context),
            _ => ApiGuardMiddleware.WriteAsync(context, HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter,
                "The request could not be read: " + MessageText.Prefix(ex.Message, 120)),
        };
    }
}
