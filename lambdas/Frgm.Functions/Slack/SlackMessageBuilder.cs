using System.Globalization;
using System.Text.Json;

namespace Frgm.Functions.Slack;

/// <summary>A Block Kit message for one alarm transition (header, fields, the alarm's message, a dashboard link).</summary>
public static class SlackMessageBuilder
{
    private const int HeaderMax = 150;
    private const int TextMax = 2900;

    public static byte[] Build(AlarmImage alarm, AlarmTransitionKind kind, string environment, Uri? dashboardUrl)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var title = Truncate($"{Emoji(alarm, kind)} {alarm.SeverityText} {alarm.Type} {Verb(kind)}{By(alarm, kind)}", HeaderMax);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();

            // Shown in notifications and by clients that cannot render blocks.
            json.WriteString("text", Truncate($"{title} [{environment}]: {alarm.Message}", TextMax));
            json.WriteStartArray("blocks");

            json.WriteStartObject();
            json.WriteString("type", "header");
            PlainText(json, "text", title);
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartArray("fields");
            Field(json, "Environment", environment);
            Field(json, "Account", alarm.AccountId ?? "—");
            Field(json, "Instrument", alarm.Ticker ?? "—");
            Field(json, "Value vs threshold", $"{Number(alarm.Value)} vs {Number(alarm.Threshold)}");
            Field(json, "Raised", alarm.RaisedAt ?? "—");
            Field(json, "Updated", alarm.UpdatedAt ?? "—");
            if (kind == AlarmTransitionKind.Acknowledged)
            {
                Field(json, "Acknowledged by", alarm.AcknowledgedBy ?? "—");
                Field(json, "Comment", alarm.Comment ?? "—");
            }

            if (kind == AlarmTransitionKind.Cleared || alarm.State == "CLEARED")
            {
                Field(json, "Cleared", $"{alarm.ClearedAt ?? "—"} by {alarm.ClearedBy ?? "system"}");
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", Truncate(Escape(alarm.Message ?? "(no message)"), TextMax));
            json.WriteEndObject();
            json.WriteEndObject();

            if (dashboardUrl is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "actions");
                json.WriteStartArray("elements");
                json.WriteStartObject();
                json.WriteString("type", "button");
                PlainText(json, "text", "Open alarms");
                json.WriteString("url", AlarmsUrl(dashboardUrl).ToString());
                json.WriteString("action_id", "open_alarms");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", $"alarm `{Escape(alarm.AlarmId)}` · state {alarm.State}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static Uri AlarmsUrl(Uri dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        return new Uri(dashboard.ToString().TrimEnd('/') + "/alarms");
    }

    private static string Emoji(AlarmImage alarm, AlarmTransitionKind kind) => kind switch
    {
        AlarmTransitionKind.Cleared => ":white_check_mark:",
        AlarmTransitionKind.Acknowledged => ":eyes:",
        _ => alarm.SeverityText switch
        {
            "CRITICAL" => ":rotating_light:",
            "WARNING" => ":warning:",
            _ => ":information_source:",
        },
    };

    private static string Verb(AlarmTransitionKind kind) => kind switch
    {
        AlarmTransitionKind.Raised => "raised",
        AlarmTransitionKind.Escalated => "escalated",
        AlarmTransitionKind.Acknowledged => "acknowledged",
        _ => "cleared",
    };

    private static string By(AlarmImage alarm, AlarmTransitionKind kind) =>
        kind == AlarmTransitionKind.Acknowledged && alarm.AcknowledgedBy is { } by ? " by " + by : string.Empty;

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "—";

    private static void PlainText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "plain_text");
        json.WriteString("text", text);
        json.WriteBoolean("emoji", true);
        json.WriteEndObject();
    }

    private static void Field(Utf8JsonWriter json, string label, string value)
    {
        json.WriteStartObject();
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", $"*{label}*\n{Escape(value)}");
        json.WriteEndObject();
    }

    /// <summary>Slack mrkdwn needs &amp;, &lt; and &gt; escaped, or text could forge links and mentions.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
