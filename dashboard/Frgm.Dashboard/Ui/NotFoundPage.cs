using System.Text;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Ui;

/// <summary>
/// An unknown UI path gets a readable HTML 404 in the page shell, with a way home, instead of an empty body.
/// <c>/api/*</c> is left alone: its 404 stays the JSON error of API.md (ApiGuardMiddleware writes it).
/// </summary>
public sealed class NotFoundPage(RequestDelegate next)
{
    private static readonly UiPage Shell = new("not-found", "/", "Page not found", ' ', [], _ => string.Empty, _ => Task.FromResult(string.Empty));

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await next(context);
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status404NotFound || response.HasStarted || response.ContentLength is not null || response.ContentType is not null
            || context.Request.Path.StartsWithSegments("/api")
            || !HttpMethods.IsGet(context.Request.Method))
        {
            return;
        }

        var html = Layout.Render(Shell, UiEndpoints.Pages, string.Empty, Body(context.Request.Path.Value ?? "/"), string.Empty);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
    }

    private static string Body(string path) =>
        $"<div class=\"not-found\"><p class=\"error\" role=\"alert\">There is no page at <code>{Html.E(Requests.MessageText.Prefix(path))}</code>.</p>" +
        "<p><a class=\"button\" href=\"/\">Go to the overview</a> or pick a page above (keys 1–8).</p></div>";
}
