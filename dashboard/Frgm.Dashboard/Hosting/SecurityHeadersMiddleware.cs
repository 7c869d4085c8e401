using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Hosting;

/// <summary>Nothing loads from outside the app (CSP default-src 'self'), no framing, no sniffing, no referrers.</summary>
public sealed class SecurityHeadersMiddleware
{
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    private readonly RequestDelegate _next;

    public SecurityHeadersMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return _next(context);
    }
}
