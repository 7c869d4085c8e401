using Amazon.DynamoDBv2.Model;
using Frgm.Domain.Model;
using static Frgm.Storage.Aws.AttributeValues;

namespace Frgm.Storage.Aws;

/// <summary>
/// Alarm ⇄ item for the alarms table. An alarm is ONE item whose image carries the API.md snake_case fields
/// (the Slack notifier reads them from the stream). The "active key" guard item deliberately has no alarm_id,
/// so the notifier skips its stream records; so does each history item (<c>ALARM#id</c> / <c>EVENT#at#event</c>),
/// written in the same transaction as the alarm.
/// </summary>
internal static class AlarmItems
{
    public const string AlarmSort = "ALARM";
    public const string GuardSort = "KEY";
    public const string EventSortPrefix = "EVENT#";
    private const string None = "-";

    public static string AlarmPartition(string alarmId) => "ALARM#" + alarmId;

    /// <summary>gsi1 partition of an alarm: its state, with cleared alarms nobody acknowledged apart (they still need a person).</summary>
    public static string StatePartition(AlarmState state, bool needsAck) =>
        "ALARMS#" + WireNames.Of(state) + (state == AlarmState.Cleared && needsAck ? "#NEEDS_ACK" : string.Empty);

    /// <summary>The gsi1 partitions holding the alarms of a state (any when null) and acknowledgement (any when null).</summary>
    public static IEnumerable<string> StatePartitions(AlarmState? state, bool? needsAck)
    {
        (AlarmState State, bool NeedsAck)[] all =
            [(AlarmState.Active, true), (AlarmState.Acknowledged, false), (AlarmState.Cleared, true), (AlarmState.Cleared, false)];
        return all
            .Where(p => (state is null || p.State == state) && (needsAck is null || p.NeedsAck == needsAck))
            .Select(p => StatePartition(p.State, p.NeedsAck));
    }

    public static string GuardPartition(AlarmKey key) =>
        $"ACTIVE#{WireNames.Of(key.Type)}#{key.AccountId ?? None}#{key.Ticker ?? None}" + (key.Subject is { } subject ? "#" + subject : string.Empty);

    public static Dictionary<string, AttributeValue> Alarm(Alarm a)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(AlarmPartition(a.AlarmId)),
            [TableShape.SortKey] = S(AlarmSort),
            [TableShape.Gsi1PartitionKey] = S(StatePartition(a.State, a.NeedsAck)),
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
        PutIfNotNull(item, "subject", a.Subject);
        PutIfNotNull(item, "cleared_by", a.ClearedBy);
        PutIfNotNull(item, "comment", a.Comment);
        return item;
    }

    /// <summary>One history event. No alarm_id attribute, on purpose: the notifier posts alarm items only.</summary>
    public static Dictionary<string, AttributeValue> Event(AlarmHistoryEvent e)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [TableShape.PartitionKey] = S(AlarmPartition(e.AlarmId)),
            [TableShape.SortKey] = S(EventSortPrefix + Format(e.At) + "#" + WireNames.Of(e.Event)),
            ["kind"] = S("ALARM_EVENT"),
            ["at"] = Time(e.At),
            ["event"] = S(WireNames.Of(e.Event)),
            ["state"] = S(WireNames.Of(e.State)),
            ["severity"] = S(WireNames.Of(e.Severity)),
        };
        PutIfNotNull(item, "value", e.Value);
        PutIfNotNull(item, "by", e.By);
        PutIfNotNull(item, "comment", e.Comment);
        return item;
    }

    public static AlarmHistoryEvent ToEvent(string alarmId, Dictionary<string, AttributeValue> item) => new(
        alarmId,
        item.GetTime("at"),
        WireNames.ParseAlarmEventType(item.GetString("event")),
        WireNames.ParseAlarmState(item.GetString("state")),
        WireNames.ParseAlarmSeverity(item.GetString("severity")),
        item.GetDecimalOrNull("value"),
        item.GetStringOrNull("by"),
        item.GetStringOrNull("comment"));

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
        item.GetTimeOrNull("cleared_at"),
        item.GetStringOrNull("subject"),
        item.GetStringOrNull("cleared_by"),
        item.GetStringOrNull("comment"));

    /// <summary>The guard: "alarm <c>holder</c> is the open alarm for this key". No alarm_id attribute, on purpose.</summary>
    public static Dictionary<string, AttributeValue> Guard(Alarm a) => new()
    {
        [TableShape.PartitionKey] = S(GuardPartition(a.Key)),
        [TableShape.SortKey] = S(GuardSort),
        ["holder"] = S(a.AlarmId),
        ["kind"] = S("ACTIVE_KEY"),
    };
}
