using System.Net;

namespace Frgm.Dashboard.Api;

/// <summary>A request the API refuses; the guard middleware turns it into the JSON error body of API.md.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(HttpStatusCode status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public ApiProblemException()
        : this(HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter, "Bad request.")
    {
    }

    public ApiProblemException(string message)
        : this(HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter, message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = HttpStatusCode.BadRequest;
        Code = ApiErrorCodes.BadParameter;
    }

    public HttpStatusCode Status { get; }

    public string Code { get; }

    public static ApiProblemException BadParameter(string parameter, string expected, string? got) =>
        new(HttpStatusCode.BadRequest, ApiErrorCodes.BadParameter, $"Parameter '{parameter}' must be {expected}; got '{Requests.MessageText.Prefix(got)}'.");

    public static ApiProblemException NotFound(string message) => new(HttpStatusCode.NotFound, ApiErrorCodes.NotFound, message);
}

public static class ApiErrorCodes
{
    public const string BadParameter = "bad_parameter";
    public const string Unauthorized = "unauthorized";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string StoreUnavailable = "store_unavailable";
    public const string Error = "error";
}
