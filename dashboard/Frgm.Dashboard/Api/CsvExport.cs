using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Frgm.Dashboard.Api;

/// <summary>
/// The one CSV mechanism of the API (API.md: every list answers <c>format=csv</c> or <c>Accept: text/csv</c>).
/// RFC 4180: a header row of the JSON names, CRLF line ends, fields with a comma, quote, CR or LF (or edge spaces)
/// quoted with inner quotes doubled. Columns are the row record's JSON properties in order (ApiJsonContext), so a
/// CSV row is the JSON row flattened: numbers in invariant form, timestamps ISO 8601 UTC, a list of strings one line
/// per item inside one field, nested objects as their JSON. A text cell starting with = + - @ TAB or CR gets a
/// leading apostrophe so a spreadsheet shows it instead of running it as a formula (OWASP "CSV injection"); numbers
/// are never altered, so -5 stays -5. Rows are written and flushed page by page: memory is bounded by one page.
/// </summary>
public static class CsvExport
{
    public const string MediaType = "text/csv";

    public const string ContentType = "text/csv; charset=utf-8; header=present";

    /// <summary>Set by /ui/export so the dashboard's download links get CSV from the same handler.</summary>
    internal const string ForcedItem = "frgm.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary><c>format=csv|json</c> decides (anything else is a 400 naming it); else the Accept header, when it prefers text/csv.</summary>
    public static bool IsRequested(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Items.ContainsKey(ForcedItem))
        {
            return true;
        }

        var format = ApiQuery.Text(request.Query, "format");
        if (format is not null)
        {
            return format.ToUpperInvariant() switch
            {
                "CSV" => true,
                "JSON" => false,
                _ => throw ApiProblemException.BadParameter("format", "csv or json", format),
            };
        }

        double csv = 0, json = 0;
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        foreach (var media in accepted)
        {
            var q = media.Quality ?? 1;
            if (media.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
            {
                csv = Math.Max(csv, q);
            }
            else if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, q);
            }
        }

        return csv > 0 && csv >= json;
    }

    /// <summary>attachment; filename="positions-2026-11-20.csv" (the date part only when the request names one).</summary>
    public static string FileName(string stem, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var date = ApiQuery.Date(request.Query);
        return date is { } d ? $"{stem}-{d:yyyy-MM-dd}.csv" : $"{stem}.csv";
    }

    /// <summary>Streams the header row, then every page's rows, flushing after each page.</summary>
    public static async Task WriteAsync<TRow>(HttpContext http, string fileName, IAsyncEnumerable<IEnumerable<TRow>> pages)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pages);
        var columns = Columns<TRow>();
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        var ct = http.RequestAborted;
        await using var writer = new StreamWriter(response.Body, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        var line = new StringBuilder();
        AppendRow(line, columns.Select(c => (object?)c.Name), guard: false);
        await writer.WriteAsync(line, ct);
        try
        {
            await foreach (var page in pages.WithCancellation(ct))
            {
                foreach (var row in page)
                {
                    line.Clear();
                    AppendRow(line, columns.Select(c => c.Get!(row!)), guard: true);
                    await writer.WriteAsync(line, ct);
                }

                await writer.FlushAsync(ct);
            }
        }
        catch (Exception) when (response.HasStarted && !ct.IsCancellationRequested)
        {
            // Past the headers a 200 is already sent: abort, so the client sees a broken transfer, never a short file.
            http.Abort();
            throw;
        }
    }

    /// <summary>The header row: the row record's JSON names, in order.</summary>
    public static IReadOnlyList<string> Header<TRow>() => Columns<TRow>().Select(c => c.Name).ToList();

    /// <summary>One CSV line (with its CRLF) for the values.</summary>
    public static void AppendRow(StringBuilder line, IEnumerable<object?> values, bool guard)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(values);
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            AppendField(line, Cell(value, guard));
        }

        line.Append("\r\n");
    }

    /// <summary>A value's text as the JSON would spell it; text cells guarded against formula injection.</summary>
    public static string Cell(object? value, bool guard) => value switch
    {
        null => string.Empty,
        string s => guard ? Guard(s) : s,
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable number when value is decimal or double or float or int or long or short or byte => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => guard ? Guard(string.Join("\n", list)) : string.Join("\n", list),
        _ => Guard(JsonSerializer.Serialize(value, value.GetType(), ApiJsonContext.Default)),
    };

    /// <summary>OWASP's list of characters a spreadsheet treats as the start of a formula.</summary>
    public static string Guard(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void AppendField(StringBuilder line, string text)
    {
        var quote = text.Length > 0 && (text[0] == ' ' || text[^1] == ' ' || text.AsSpan().IndexOfAny(",\"\r\n") >= 0);
        if (!quote)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static IList<JsonPropertyInfo> Columns<TRow>()
    {
        var info = ApiJsonContext.Default.Options.GetTypeInfo(typeof(TRow));
        return info.Kind == JsonTypeInfoKind.Object
            ? info.Properties
            : throw new InvalidOperationException($"{typeof(TRow).Name} is not a JSON object row; CSV needs flat records");
    }
}
