using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Frgm.Dashboard.Api;

/// <summary>What an acknowledgement asks for: who acknowledges, and an optional comment.</summary>
public sealed record AckInput(string By, string? Comment);

/// <summary>
/// The one reader of acknowledgement requests (<c>{"by": "...", "comment": "..."}</c>), shared by the API and the
/// dashboard page. A bad body throws <see cref="ApiProblemException"/> naming the field.
/// </summary>
public static class AckRequestReader
{
    public const int MaxByLength = 200;
    public const int MaxCommentLength = 1000;

    public static async Task<AckInput> ReadAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        AckRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, ApiJsonContext.Default.AckRequest, http.RequestAborted);
        }
        catch (JsonException)
        {
            throw new ApiProblemException(HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter,
                "The body must be JSON of the form {\"by\": \"<name>\", \"comment\": \"<optional text>\"}.");
        }

        var comment = body?.Comment?.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            throw ApiProblemException.BadParameter("comment", $"at most {MaxCommentLength} characters", comment[..40] + "…");
        }

        return new AckInput(ResolveBy(http, body), string.IsNullOrEmpty(comment) ? null : comment);
    }

    /// <summary>Who acknowledges: the one place that decides it (a verified identity, when one exists, belongs here).</summary>
    private static string ResolveBy(HttpContext http, AckRequest? body)
    {
        _ = http;
        var by = body?.By?.Trim();
        return string.IsNullOrEmpty(by) || by.Length > MaxByLength
            ? throw ApiProblemException.BadParameter("by", $"a non-empty name of at most {MaxByLength} characters in the JSON body {{\"by\": \"<name>\"}}", body?.By)
            : by;
    }
}
