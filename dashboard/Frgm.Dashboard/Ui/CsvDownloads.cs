using System.Net;
using Frgm.Dashboard.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Logging;

namespace Frgm.Dashboard.Ui;

/// <summary>
/// The pages' "Download CSV" links. A link goes to <c>/ui/export/&lt;api path&gt;?&lt;the page's filters&gt;</c>, which runs
/// the API route's own handler and CSV filter (<see cref="CsvEndpointFilter"/>), so the file has exactly the rows the
/// API would give for those filters. Like the other /ui routes it carries no API key (the UI is open on loopback, behind
/// the load balancer's authentication in AWS) and it reaches only routes marked with <see cref="CsvExportMetadata"/>.
/// </summary>
public static class CsvDownloads
{
    public const string Prefix = "/ui/export";

    /// <summary>Page slug → the API list behind it. A page not listed (overview) gets no link.</summary>
    public static IReadOnlyDictionary<string, string> ApiPaths { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["positions"] = "positions",
        ["accounts"] = "accounts",
        ["market"] = "market",
        ["orders"] = "orders",
        ["blotter"] = "blotter",
        ["alarms"] = "alarms",
        ["files"] = "files",
        ["risk"] = "risk",
    };

    /// <summary>The link for a page, carrying its filters (not the paging cursor: the file is the whole filtered list).</summary>
    public static string Link(string slug, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!ApiPaths.TryGetValue(slug, out var path))
        {
            return string.Empty;
        }

        var kept = Kept(query);
        var label = "Download CSV";
        if (slug == "alarms")
        {
            label = AlarmFilters(kept);
        }

        return Anchor(path, kept, label);
    }

    /// <summary>A link to one more list of a page (the Risk page's scenarios), with the page's filters.</summary>
    public static string LinkTo(string apiPath, IQueryCollection query, string label)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Anchor(apiPath, Kept(query), label);
    }

    private static List<KeyValuePair<string, string?>> Kept(IQueryCollection query) => query
        .Where(q => q.Key is not ("cursor" or "limit" or "format" or "alarm") && !string.IsNullOrWhiteSpace(q.Value.ToString()))
        .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
        .ToList();

    private static string Anchor(string apiPath, List<KeyValuePair<string, string?>> kept, string label)
    {
        var href = $"{Prefix}/{apiPath}{Html.Query(kept)}";
        return $"<a class=\"button csv-download\" href=\"{Html.E(href)}\" download>{Html.E(label)}</a>";
    }

    /// <summary>
    /// The Alarms page's "show" choices in API terms: NEEDS_ACK is needs_ack=true, ALL is no state. Its default view
    /// (open plus cleared-unacknowledged) is two API queries, so its link says it downloads every state.
    /// </summary>
    private static string AlarmFilters(List<KeyValuePair<string, string?>> kept)
    {
        var state = kept.FirstOrDefault(q => q.Key == "state").Value;
        kept.RemoveAll(q => q.Key == "state");
        if (string.Equals(state, Pages.AlarmsPage.NeedsAck, StringComparison.OrdinalIgnoreCase))
        {
            kept.Add(new("needs_ack", "true"));
        }
        else if (state is not null && !string.Equals(state, "ALL", StringComparison.OrdinalIgnoreCase))
        {
            kept.Add(new("state", state));
        }

        return state is null ? "Download CSV (all states)" : "Download CSV";
    }

    public static void MapCsvDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "/{**path}", async (string path, HttpContext http, EndpointDataSource endpoints, ILoggerFactory logs) =>
        {
            var apiPath = new PathString("/api/" + path.TrimStart('/'));
            foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
            {
                if (endpoint.Metadata.GetMetadata<CsvExportMetadata>() is null || endpoint.RoutePattern.RawText is not { } pattern)
                {
                    continue;
                }

                var values = new RouteValueDictionary();
                if (!new TemplateMatcher(TemplateParser.Parse(pattern.TrimStart('/')), new RouteValueDictionary()).TryMatch(apiPath, values))
                {
                    continue;
                }

                http.Request.RouteValues = values;
                http.Items[CsvExport.ForcedItem] = true;
                await RunAsync(endpoint, http, logs);
                return;
            }

            await ApiGuardMiddleware.WriteAsync(http, HttpStatusCode.NotFound, ApiErrorCodes.NotFound, $"No list '{Requests.MessageText.Prefix(path)}' to export as CSV.");
        }).ExcludeFromDescription();
    }

    private static async Task RunAsync(RouteEndpoint endpoint, HttpContext http, ILoggerFactory logs)
    {
        try
        {
            await endpoint.RequestDelegate!(http);
        }
        catch (ApiProblemException problem)
        {
            await ApiGuardMiddleware.WriteAsync(http, problem.Status, problem.Code, problem.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // like the pages: a store failure is a 503 that says so, never a trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logs.CreateLogger("Frgm.Dashboard.Ui").LogError(ex, "CSV export {Path} failed: a backing store threw", http.Request.Path);
            await ApiGuardMiddleware.WriteAsync(http, HttpStatusCode.ServiceUnavailable, ApiErrorCodes.StoreUnavailable,
                "A backing store did not answer; try the download again shortly.");
        }
    }
}
