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

    public static async Task<AckInput> ReadAsync(HttpContext http, Identity.AlbIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(identity);
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

        // Behind the ALB's authentication the verified identity is who acknowledged, whatever name was typed.
        var verified = await identity.VerifiedAsync(http, http.RequestAborted);
        return new AckInput(verified ?? TypedBy(body), string.IsNullOrEmpty(comment) ? null : comment);
    }

    /// <summary>The name typed into the request, where no verified identity exists.</summary>
    private static string TypedBy(AckRequest? body)
    {
        var by = body?.By?.Trim();
        return string.IsNullOrEmpty(by) || by.Length > MaxByLength
            ? throw ApiProblemException.BadParameter("by", $"a non-empty name of at most {MaxByLength} characters in the JSON body {{\"by\": \"<name>\"}}", body?.By)
            : by;
    }
}
