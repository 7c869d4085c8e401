using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Hosting;

/// <summary>
/// Nothing loads from outside the app (CSP default-src 'self'), no framing, no sniffing, no referrers; nothing but
/// the static assets is cached (API data and UI fragments hold positions); HSTS when the client reached us over
/// TLS, directly or through the ALB (X-Forwarded-Proto). Set as the response starts, so an error body written
/// after <c>Response.Clear()</c> carries them too.
/// </summary>
public sealed class SecurityHeadersMiddleware
{
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";
    public const string NoStore = "no-store";

    private readonly RequestDelegate _next;

    public SecurityHeadersMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/static") || http.Response.StatusCode >= 400)
            {
                headers.CacheControl = NoStore;
            }

            if (IsHttps(http.Request))
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return Task.CompletedTask;
        }, context);
        return _next(context);
    }

    /// <summary>The ALB terminates TLS and says so in X-Forwarded-Proto (its value, never a list).</summary>
    public static bool IsHttps(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"].LastOrDefault()?.Trim(), "https", StringComparison.OrdinalIgnoreCase);
    }
}
