using System.Text;
using System.Text.Json;

namespace Frgm.Functions.Observability;

/// <summary>
/// CloudWatch Embedded Metric Format: a log line whose <c>_aws</c> member tells CloudWatch to extract a metric,
/// so no CloudWatch SDK or API call is needed. One line per data point keeps each line's dimension set exact.
/// </summary>
public sealed class EmfWriter
{
    public const string Namespace = "FRGM";

    private readonly TextWriter _sink;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    public EmfWriter(TextWriter sink, TimeProvider? clock = null)
    {
        _sink = sink;
        _clock = clock ?? TimeProvider.System;
    }

    public void Write(string metric, double value, string unit, IReadOnlyList<KeyValuePair<string, string>> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var (name, _) in dimensions)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            json.WriteStartObject();
            json.WriteString("Name", metric);
            json.WriteString("Unit", unit);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (name, dimensionValue) in dimensions)
            {
                json.WriteString(name, dimensionValue);
            }

            json.WriteNumber(metric, value);
            if (Runtime.InvocationScope.RequestId is { } requestId)
            {
                // A plain member, not a dimension: it ties the data point to its invocation's log lines.
                json.WriteString("requestId", requestId);
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
}
