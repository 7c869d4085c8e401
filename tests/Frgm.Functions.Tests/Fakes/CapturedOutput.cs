using System.Text;
using System.Text.Json;
using Frgm.Functions.Observability;
using Microsoft.Extensions.Logging;

namespace Frgm.Functions.Tests.Fakes;

/// <summary>Collects the JSON log and EMF lines a handler writes (its stdout in Lambda).</summary>
public sealed class CapturedOutput
{
    private readonly StringBuilder _text = new();

    public CapturedOutput(string environment = "test", TimeProvider? clock = null)
    {
        Writer = TextWriter.Synchronized(new StringWriter(_text));
        Loggers = new JsonLineLoggerProvider(Writer, LogLevel.Debug, clock);
        Metrics = new FrgmMetrics(new EmfWriter(Writer, clock), environment);
    }

    public TextWriter Writer { get; }

    public JsonLineLoggerProvider Loggers { get; }

    public FrgmMetrics Metrics { get; }

    public IReadOnlyList<JsonElement> Lines
    {
        get
        {
            string text;
            lock (_text)
            {
                text = _text.ToString();
            }

            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone())
                .ToList();
        }
    }

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>EMF data points of one metric: (dimension values by name, value).</summary>
    public IReadOnlyList<(Dictionary<string, string> Dimensions, double Value)> Metric(string name) =>
        Lines.Where(l => l.TryGetProperty("_aws", out _) && l.TryGetProperty(name, out _))
            .Select(l =>
            {
                var definition = l.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
                var dims = definition.GetProperty("Dimensions")[0].EnumerateArray()
                    .Select(d => d.GetString()!)
                    .ToDictionary(d => d, d => l.GetProperty(d).GetString()!);
                return (dims, l.GetProperty(name).GetDouble());
            })
            .ToList();
}
