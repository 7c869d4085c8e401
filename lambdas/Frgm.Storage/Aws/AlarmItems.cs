using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using static Frgm.Storage.Aws.AttributeValues;

namespace Frgm.Storage.Aws;

/// <summary>
/// Alarm ⇄ item for the alarms table. An alarm is ONE item whose image carries the API.md snake_case fields
/// (the Slack notifier reads them from the stream). The "active key" guard item deliberately has no alarm_id,
/// so the notifier skips its stream records.
/// </summary>
internal static class AlarmItems
{
    public const string AlarmSort = "ALARM";
    public const string GuardSort = "KEY";
    private const string None = "-";

    public static string AlarmPartition(string alarmId) => "ALARM#" + alarmId;

    public static string StatePartition(AlarmState state) => "ALARMS#" + WireNames.Of(state);

    public static string GuardPartition(AlarmKey key) =>
        $"ACTIVE#{WireNames.Of(key.Type)}#{key.AccountId ?? None}#{key.Ticker ?? None}";

    public static Dictionary<string, AttributeValue> Alarm(Alarm a)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(AlarmPartition(a.AlarmId)),
            [TableShape.SortKey] = S(AlarmSort),
            [TableShape.Gsi1PartitionKey] = S(StatePartition(a.State)),
            [TableShape.Gsi1SortKey] = S(Format(a.RaisedAt) + "#" + a.AlarmId),
            ["alarm_id"] = S(a.AlarmId),
            ["type"] = S(WireNames.Of(a.Type)),
            ["severity"] = S(WireNames.Of(a.Severity)),
            ["state"] = S(WireNames.Of(a.State)),
            ["message"] = S(a.Message),
            ["raised_at"] = Time(a.RaisedAt),
            ["updated_at"] = Time(a.UpdatedAt),
        };
        PutIfNotNull(item, "account_id", a.AccountId);
        PutIfNotNull(item, "ticker", a.Ticker);
        PutIfNotNull(item, "value", a.Value);
        PutIfNotNull(item, "threshold", a.Threshold);
        PutIfNotNull(item, "acknowledged_by", a.AcknowledgedBy);
        PutIfNotNull(item, "cleared_at", a.ClearedAt);
        return item;
    }

    public static Alarm ToAlarm(Dictionary<string, AttributeValue> item) => new(
        item.GetString("alarm_id"),
        WireNames.ParseAlarmType(item.GetString("type")),
        WireNames.ParseAlarmSeverity(item.GetString("severity")),
        WireNames.ParseAlarmState(item.GetString("state")),
        item.GetStringOrNull("account_id"),
        item.GetStringOrNull("ticker"),
        item.GetString("message"),
        item.GetDecimalOrNull("value"),
        item.GetDecimalOrNull("threshold"),
        item.GetTime("raised_at"),
        item.GetTime("updated_at"),
        item.GetStringOrNull("acknowledged_by"),
        item.GetTimeOrNull("cleared_at"));

    /// <summary>The guard: "alarm <c>holder</c> is the open alarm for this key". No alarm_id attribute, on purpose.</summary>
    public static Dictionary<string, AttributeValue> Guard(Alarm a) => new()
    {
        [TableShape.PartitionKey] = S(GuardPartition(a.Key)),
        [TableShape.SortKey] = S(GuardSort),
        ["holder"] = S(a.AlarmId),
        ["kind"] = S("ACTIVE_KEY"),
    };
}
