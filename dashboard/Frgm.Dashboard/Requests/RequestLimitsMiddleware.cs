using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Requests;

/// <summary>
/// Applies the request limits before any handler runs: target length (414), header size and count (431), and the
/// endpoint's body limit (its <see cref="IRequestSizeLimitMetadata"/>, else the default), answered with 413 from
/// Content-Length or when a read runs over it; a body slower than the minimum rate is a 408. All JSON, and none
/// of them is a store failure, so they never reach the 503 path or the 5xx alarms.
/// </summary>
public sealed class RequestLimitsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RequestLimitSettings _limits;
    private readonly ILogger<RequestLimitsMiddleware> _logger;

    public RequestLimitsMiddleware(RequestDelegate next, RequestLimitSettings limits, ILogger<RequestLimitsMiddleware> logger)
    {
        _next = next;
        _limits = limits;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var targetLength = request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (targetLength > _limits.MaxUrlBytes)
        {
            await RequestErrors.UriTooLongAsync(context, _limits.MaxUrlBytes);
            return;
        }

        if (request.Headers.Count > _limits.MaxHeaderCount)
        {
            await RequestErrors.HeadersTooLargeAsync(context, $"more than {_limits.MaxHeaderCount} headers");
            return;
        }

        if (HeaderBytes(request.Headers) > _limits.MaxHeaderBytes)
        {
            await RequestErrors.HeadersTooLargeAsync(context, $"more than {_limits.MaxHeaderBytes} bytes in total");
            return;
        }

        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? _limits.MaxBodyBytes;
        var hardCap = limit * RequestLimitSettings.HardCapFactor;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Kestrel's cap stays above ours, so after our 413 it drains the rest and keeps the connection alive;
            // set before the Content-Length refusal too, or the drain hits the server-wide cap and closes the
            // connection the client has already pooled, failing its next request.
            size.MaxRequestBodySize = hardCap;
        }

        if (request.ContentLength > limit)
        {
            // Too big to drain: say so, so the client opens a new connection instead of reusing this one.
            await RequestErrors.BodyTooLargeAsync(context, limit, closeConnection: request.ContentLength > hardCap);
            return;
        }

        request.Body = new BodyLimitStream(request.Body, limit);

        try
        {
            await _next(context);
        }
        catch (BadHttpRequestException ex)
        {
            _logger.LogInformation("{Method} {Path} refused while reading the body: {Status} {Reason}",
                request.Method, MessageText.Prefix(request.Path.Value), ex.StatusCode, MessageText.Prefix(ex.Message, 120));
            await RequestErrors.FromBadRequestAsync(context, ex, limit);
        }
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length + 4;
            foreach (var value in values)
            {
                total += value?.Length ?? 0;
            }
        }

        return total;
    }
}
