using System.Globalization;
using Frgm.Domain.Model;
using Frgm.Functions.Events;

namespace Frgm.Functions.Slack;

/// <summary>
/// The alarm fields of one alarms-table stream image (attribute names as API.md spells them: alarm_id,
/// type, severity, state, ...). Kept as text where Slack only shows the value.
/// </summary>
public sealed record AlarmImage(
    string AlarmId,
    string Type,
    AlarmSeverity? Severity,
    string SeverityText,
    string State,
    string? AccountId,
    string? Ticker,
    string? Message,
    decimal? Value,
    decimal? Threshold,
    string? RaisedAt,
    string? UpdatedAt,
    string? AcknowledgedBy,
    string? ClearedAt,
    string? Comment = null,
    string? ClearedBy = null)
{
    /// <summary>
    /// Null when the image is absent or is not an alarm item: no alarm_id (a key guard, a history event), or a sort
    /// key other than the alarm's own (history events share the alarm's partition).
    /// </summary>
    public static AlarmImage? From(Dictionary<string, DynamoDbValue>? image)
    {
        if (image is null || Text(image, "alarm_id") is not { } id || Text(image, "sk") is { } sk && sk != "ALARM")
        {
            return null;
        }

        var severityText = Text(image, "severity") ?? "UNKNOWN";
        return new AlarmImage(
            AlarmId: id,
            Type: Text(image, "type") ?? "UNKNOWN",
            Severity: WireNames.TryParse<AlarmSeverity>(severityText, WireNames.Of, out var severity) ? severity : null,
            SeverityText: severityText.ToUpperInvariant(),
            State: (Text(image, "state") ?? "ACTIVE").ToUpperInvariant(),
            AccountId: Text(image, "account_id"),
            Ticker: Text(image, "ticker"),
            Message: Text(image, "message"),
            Value: Number(image, "value"),
            Threshold: Number(image, "threshold"),
            RaisedAt: Text(image, "raised_at"),
            UpdatedAt: Text(image, "updated_at"),
            AcknowledgedBy: Text(image, "acknowledged_by"),
            ClearedAt: Text(image, "cleared_at"),
            Comment: Text(image, "comment"),
            ClearedBy: Text(image, "cleared_by"));
    }

    private static string? Text(Dictionary<string, DynamoDbValue> image, string name) =>
        image.TryGetValue(name, out var value) && value.Text is { Length: > 0 } text ? text : null;

    private static decimal? Number(Dictionary<string, DynamoDbValue> image, string name) =>
        Text(image, name) is { } text && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
