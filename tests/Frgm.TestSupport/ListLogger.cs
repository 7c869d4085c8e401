using Microsoft.Extensions.Logging;

namespace Frgm.TestSupport;

/// <summary>One log call as an operator would read it: the level, the formatted message and the exception's message.</summary>
public sealed record LogLine(LogLevel Level, string Text, Exception? Exception)
{
    public override string ToString() => Exception is null ? $"{Level}: {Text}" : $"{Level}: {Text} | {Exception.Message}";
}

/// <summary>Keeps every log call so a test can check what an operator would read.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<LogLine> _entries = [];

    public IReadOnlyList<LogLine> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Each entry as "Level: message | exception message".</summary>
    public IReadOnlyList<string> Lines => [.. Entries.Select(e => e.ToString())];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_entries)
        {
            _entries.Add(new LogLine(logLevel, formatter(state, exception), exception));
        }
    }
}
