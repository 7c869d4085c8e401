using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Requests;

/// <summary>
/// Who sent a request, for per-client limits and logs. Behind the ALB the connection comes from the load balancer,
/// which appends the real client as the last X-Forwarded-For entry (earlier entries are the client's own claims,
/// so they are never trusted); anywhere else the connection's own address.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context, bool behindLoadBalancer)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (behindLoadBalancer && context.Request.Headers["X-Forwarded-For"].LastOrDefault() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',').Last().Trim();
            if (last.Length > 0)
            {
                return MessageText.Prefix(last, 45);
            }
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "local";
    }
}
