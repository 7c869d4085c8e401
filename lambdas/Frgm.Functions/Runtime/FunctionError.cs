using System.Text.Json;

namespace Frgm.Functions.Runtime;

/// <summary>
/// The body Lambda expects on <c>/error</c> and <c>/init/error</c>. Only the exception's type name and message
/// go out: the caller of the function (or whoever reads a DLQ) never sees stack traces or file paths;
/// the full exception is in the function's own log.
/// </summary>
public sealed record FunctionError(string ErrorType, string ErrorMessage)
{
    public const string TimeoutType = "Runtime.DeadlineExceeded";

    public static FunctionError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        while (exception is AggregateException { InnerExceptions.Count: 1 } single)
        {
            exception = single.InnerExceptions[0];
        }

        return new FunctionError(exception.GetType().Name, exception.Message);
    }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorType", ErrorType);
            json.WriteString("errorMessage", ErrorMessage);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
