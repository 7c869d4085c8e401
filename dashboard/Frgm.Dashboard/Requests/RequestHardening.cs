using System.Threading.RateLimiting;
using Frgm.Dashboard.Api;
using Frgm.Dashboard.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Requests;

/// <summary>Kestrel's limits, the API-key failure rate limiter and their middleware, in one place.</summary>
public static class RequestHardening
{
    public static readonly TimeSpan KeyFailureWindow = TimeSpan.FromMinutes(1);

    public static void Add(WebApplicationBuilder builder, DashboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var limits = RequestLimitSettings.From(builder.Configuration);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<ApiKeyFailureMetrics>();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            // Hard caps above the soft ones: RequestLimitsMiddleware answers with JSON before these bite.
            o.Limits.MaxRequestLineSize = limits.MaxUrlBytes * RequestLimitSettings.HardCapFactor;
            o.Limits.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes * RequestLimitSettings.HardCapFactor;
            o.Limits.MaxRequestHeaderCount = limits.MaxHeaderCount * RequestLimitSettings.HardCapFactor;
            o.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
            o.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, limits.BodyGracePeriod);
        });
        var behindLoadBalancer = settings.Mode == DashboardMode.Aws;
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var keys = context.RequestServices.GetRequiredService<ApiKeyVerifier>();
                if (keys.IsValid(ApiGuardMiddleware.PresentedKey(context, queryKeyAllowed: !behindLoadBalancer)))
                {
                    return RateLimitPartition.GetNoLimiter("valid-key");
                }

                // Only failed keys spend a client's budget: a right key is never slowed by someone else's guesses.
                return RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress.Of(context, behindLoadBalancer),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.ApiKeyFailuresPerMinute,
                        Window = KeyFailureWindow,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            o.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                var count = context.RequestServices.GetRequiredService<ApiKeyFailureMetrics>().Limited();
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestHardening));
                // Log the first refusal and every 1000th after it: the metric carries the count, the log the fact.
                if (count == 1 || count % 1000 == 0)
                {
                    logger.LogWarning("API key failures rate-limited for client {Client}: more than {Limit} per minute ({Count} refused in total)",
                        ClientAddress.Of(context, behindLoadBalancer), limits.ApiKeyFailuresPerMinute, count);
                }

                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : KeyFailureWindow;
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                await ApiGuardMiddleware.WriteAsync(context, System.Net.HttpStatusCode.TooManyRequests, RequestErrors.RateLimited,
                    $"Too many requests with a missing or wrong API key from this client; retry after {seconds} s.",
                    r => r.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            };
        });
    }
}
