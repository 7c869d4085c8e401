using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Frgm.Dashboard.Api;

/// <summary>Marks a route as a CSV list (the OpenAPI document and /ui/export find it by this).</summary>
public sealed record CsvExportMetadata(string FileStem, bool Paged);

/// <summary>
/// Adds CSV to a JSON list route without touching its handler: when <see cref="CsvExport.IsRequested"/>, the filter runs
/// the handler itself (so the filters, validation and errors are exactly the JSON ones) and writes the rows it
/// returned as CSV. To add a list, append one call to its route, e.g. for the risk scenarios:
/// <code>.WithCsv("risk-scenarios", (ScenariosResponse r) => r.Rows.Select(FlatScenarioRow.From))</code>
/// where the selector turns each JSON row into a flat record registered in <see cref="ApiJsonContext"/> (nested
/// lists such as <c>children</c> or <c>cells</c> should become one record per leaf or per cell).
/// Paged lists (blotter, orders) pass <c>nextCursor</c>: the CSV then streams every page from the request's
/// <c>cursor</c> (or the first page) to the last, reading <c>limit</c> rows a page (default the maximum, 5000), so
/// a download is the whole filtered list in one file while memory holds one page.
/// </summary>
public static class CsvEndpointFilter
{
    public static RouteHandlerBuilder WithCsv<TResponse, TRow>(
        this RouteHandlerBuilder route,
        string fileStem,
        Func<TResponse, IEnumerable<TRow>> rows,
        Func<TResponse, string?>? nextCursor = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(rows);
        return route
            .WithMetadata(new CsvExportMetadata(fileStem, nextCursor is not null))
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.Append("Vary", "Accept");
                if (!CsvExport.IsRequested(http.Request))
                {
                    return await next(context);
                }

                if (nextCursor is not null && ApiQuery.Text(http.Request.Query, "limit") is null)
                {
                    WithQuery(http.Request, "limit", ApiQuery.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                // The first page before any byte is sent: a bad parameter is still the JSON 400 of API.md.
                var first = Unwrap<TResponse>(await next(context));
                var fileName = CsvExport.FileName(fileStem, http.Request);
                return new CsvResult<TRow>(fileName, Pages(first, context, next, rows, nextCursor));
            });
    }

    private static async IAsyncEnumerable<IEnumerable<TRow>> Pages<TResponse, TRow>(
        TResponse first,
        EndpointFilterInvocationContext context,
        EndpointFilterDelegate next,
        Func<TResponse, IEnumerable<TRow>> rows,
        Func<TResponse, string?>? nextCursor)
    {
        var page = first;
        while (true)
        {
            yield return rows(page);
            if (nextCursor?.Invoke(page) is not { } cursor)
            {
                yield break;
            }

            WithQuery(context.HttpContext.Request, "cursor", cursor);
            page = Unwrap<TResponse>(await next(context));
        }
    }

    private static void WithQuery(HttpRequest request, string name, string value)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        query[name] = new StringValues(value);
        request.Query = new QueryCollection(query);
    }

    /// <summary>The handler's response object: a typed result's value, or the JSON body of a pre-serialized one (positions).</summary>
    private static TResponse Unwrap<TResponse>(object? result) => result switch
    {
        TResponse value => value,
        IValueHttpResult { Value: TResponse value } => value,
        FileContentHttpResult bytes => (TResponse)(JsonSerializer.Deserialize(bytes.FileContents.Span, typeof(TResponse), ApiJsonContext.Default)
            ?? throw new InvalidOperationException("empty JSON body")),
        _ => throw new InvalidOperationException($"a CSV list handler returned {result?.GetType().Name ?? "null"}, not {typeof(TResponse).Name}"),
    };

    private sealed class CsvResult<TRow>(string fileName, IAsyncEnumerable<IEnumerable<TRow>> pages) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => CsvExport.WriteAsync(httpContext, fileName, pages);
    }
}
