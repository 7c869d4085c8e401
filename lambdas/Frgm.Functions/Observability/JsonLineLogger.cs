using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Observability;

/// <summary>
/// One JSON object per line (CloudWatch Logs Insights parses these without a pattern): the custom runtime
/// sends stdout to CloudWatch unprefixed, so a line stays one object. During an invocation each line carries
/// its <c>requestId</c>. Structured-logging
/// placeholders become fields; nothing here ever sees a secret value because callers never log one.
/// </summary>
public sealed class JsonLineLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly TextWriter _sink;
    private readonly LogLevel _minimum;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    public JsonLineLoggerProvider(TextWriter sink, LogLevel minimum = LogLevel.Information, TimeProvider? clock = null)
    {
        _sink = sink;
        _minimum = minimum;
        _clock = clock ?? TimeProvider.System;
    }

    public ILogger CreateLogger(string categoryName) => new JsonLineLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // A single sink by design: Lambda ships stdout to CloudWatch Logs.
    }

    public void Dispose() => _sink.Flush();

    private void Write(string category, LogLevel level, string message, Exception? exception, object? state)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", level.ToString());
            json.WriteString("category", category);
            json.WriteString("message", message);
            if (Runtime.InvocationScope.RequestId is { } requestId)
            {
                json.WriteString("requestId", requestId);
            }
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (name, value) in fields)
                {
                    if (name == "{OriginalFormat}" || name is "timestamp" or "level" or "category" or "message" or "requestId")
                    {
                        continue;
                    }

                    WriteField(json, name, value);
                }
            }

            if (exception is not null)
            {
                json.WriteString("error", exception.GetType().Name + ": " + exception.Message);
                json.WriteString("stack", exception.ToString());
            }

            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            _sink.WriteLine(line);
            _sink.Flush();
        }
    }

    private static void WriteField(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case bool b:
                json.WriteBoolean(name, b);
                break;
            case int or long or short or byte:
                json.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case decimal d:
                json.WriteNumber(name, d);
                break;
            case double or float:
                json.WriteNumber(name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset t:
                json.WriteString(name, t.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IFormattable f:
                json.WriteString(name, f.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(name, value.ToString());
                break;
        }
    }

    private sealed class JsonLineLogger(JsonLineLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, formatter(state, exception), exception, state);
            }
        }
    }
}
