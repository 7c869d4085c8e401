using System.Text;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// <see cref="IAlarmStore"/> on SQLite. A unique partial index over the key of open alarms makes raising
/// conditional: INSERT OR IGNORE keeps whichever open alarm got there first, across threads and processes.
/// Each alarm row and its history row are written in one transaction, and the history row only when the
/// alarm row was (an ignored raise leaves no event behind).
/// </summary>
public sealed class SqliteAlarmStore : IAlarmStore
{
    private const string Columns =
        "alarm_id, type, severity, state, account_id, ticker, message, value, threshold, raised_at, updated_at, acknowledged_by, cleared_at, " +
        "subject, cleared_by, comment";

    private static readonly string[] Parameters =
        ["$id", "$k", "$ty", "$se", "$st", "$a", "$ti", "$m", "$v", "$th", "$r", "$u", "$b", "$c", "$su", "$cb", "$co"];

    private readonly SqliteDatabase _db;

    internal SqliteAlarmStore(SqliteDatabase db)
    {
        _db = db;
    }

    public Task<IReadOnlyList<Alarm>> GetOpenAsync(CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<Alarm>>(c => Query(c, "state <> 'CLEARED'", []), ct);

    public Task SaveAsync(IReadOnlyList<AlarmChange> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _db.WriteAsync(
            (c, t) =>
            {
                // An existing id is a lifecycle update; OR IGNORE there too so a stale reopen cannot break the index. A
                // write without an acknowledgement never replaces one: it was computed from a read taken before
                // someone acknowledged, and the next evaluation redoes it from the acknowledged alarm.
                using var update = SqliteValues.Prepare(
                    c,
                    t,
                    "UPDATE OR IGNORE alarms SET alarm_key = $k, type = $ty, severity = $se, state = $st, account_id = $a, ticker = $ti, " +
                    "message = $m, value = $v, threshold = $th, raised_at = $r, updated_at = $u, acknowledged_by = $b, cleared_at = $c, " +
                    "subject = $su, cleared_by = $cb, comment = $co WHERE alarm_id = $id AND (acknowledged_by IS NULL OR $b IS NOT NULL);",
                    Parameters);
                using var exists = SqliteValues.Prepare(c, t, "SELECT 1 FROM alarms WHERE alarm_id = $id;", "$id");
                using var insert = SqliteValues.Prepare(
                    c,
                    t,
                    $"INSERT OR IGNORE INTO alarms (alarm_key, {Columns}) VALUES ($k, $id, $ty, $se, $st, $a, $ti, $m, $v, $th, $r, $u, $b, $c, $su, $cb, $co);",
                    Parameters);
                using var history = SqliteValues.Prepare(
                    c,
                    t,
                    "INSERT INTO alarm_history (alarm_id, at, event, state, severity, value, by_name, comment) VALUES ($id, $at, $e, $st, $se, $v, $by, $co);",
                    "$id", "$at", "$e", "$st", "$se", "$v", "$by", "$co");
                foreach (var (alarm, e) in changes)
                {
                    SqliteValues.Bind(exists, alarm.AlarmId);
                    var command = exists.ExecuteScalar() is null ? insert : update;
                    SqliteValues.Bind(
                        command,
                        alarm.AlarmId,
                        KeyText(alarm.Key),
                        WireNames.Of(alarm.Type),
                        WireNames.Of(alarm.Severity),
                        WireNames.Of(alarm.State),
                        SqliteValues.Text(alarm.AccountId),
                        SqliteValues.Text(alarm.Ticker),
                        alarm.Message,
                        SqliteValues.Text(alarm.Value),
                        SqliteValues.Text(alarm.Threshold),
                        alarm.RaisedAt.UtcTicks,
                        alarm.UpdatedAt.UtcTicks,
                        SqliteValues.Text(alarm.AcknowledgedBy),
                        SqliteValues.Ticks(alarm.ClearedAt),
                        SqliteValues.Text(alarm.Subject),
                        SqliteValues.Text(alarm.ClearedBy),
                        SqliteValues.Text(alarm.Comment));
                    if (command.ExecuteNonQuery() == 0)
                    {
                        continue;
                    }

                    SqliteValues.Bind(
                        history,
                        e.AlarmId,
                        e.At.UtcTicks,
                        WireNames.Of(e.Event),
                        WireNames.Of(e.State),
                        WireNames.Of(e.Severity),
                        SqliteValues.Text(e.Value),
                        SqliteValues.Text(e.By),
                        SqliteValues.Text(e.Comment));
                    history.ExecuteNonQuery();
                }
            },
            ct);
    }

    public Task<Alarm?> GetAsync(string alarmId, CancellationToken ct) =>
        _db.ReadAsync(c => Query(c, "alarm_id = $id", [("$id", alarmId)]).FirstOrDefault(), ct);

    public Task<IReadOnlyList<Alarm>> QueryAsync(AlarmQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new StringBuilder("1 = 1");
        var parameters = new List<(string, object)>();
        if (query.State is { } state)
        {
            where.Append(" AND state = $s");
            parameters.Add(("$s", WireNames.Of(state)));
        }

        if (query.AccountId is not null)
        {
            where.Append(" AND account_id = $a");
            parameters.Add(("$a", query.AccountId));
        }

        if (query.Ticker is not null)
        {
            where.Append(" AND ticker = $t");
            parameters.Add(("$t", query.Ticker));
        }

        if (query.NeedsAck is { } needsAck)
        {
            where.Append(needsAck ? " AND acknowledged_by IS NULL" : " AND acknowledged_by IS NOT NULL");
        }

        return _db.ReadAsync<IReadOnlyList<Alarm>>(c => Query(c, where.ToString(), parameters), ct);
    }

    public Task<IReadOnlyList<AlarmHistoryEvent>> GetHistoryAsync(string alarmId, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<AlarmHistoryEvent>>(
            c =>
            {
                using var command = c.CreateCommand();
                command.CommandText =
                    "SELECT alarm_id, at, event, state, severity, value, by_name, comment FROM alarm_history WHERE alarm_id = $id ORDER BY seq;";
                command.Parameters.AddWithValue("$id", alarmId);
                var events = new List<AlarmHistoryEvent>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    events.Add(new AlarmHistoryEvent(
                        reader.GetString(0),
                        SqliteValues.ReadInstant(reader, 1),
                        WireNames.ParseAlarmEventType(reader.GetString(2)),
                        WireNames.ParseAlarmState(reader.GetString(3)),
                        WireNames.ParseAlarmSeverity(reader.GetString(4)),
                        SqliteValues.ReadNullableDecimal(reader, 5),
                        SqliteValues.ReadNullableString(reader, 6),
                        SqliteValues.ReadNullableString(reader, 7)));
                }

                return events;
            },
            ct);

    /// <summary>Unambiguous text for the unique index: parts are length-prefixed so no account/ticker/subject spelling can collide.</summary>
    private static string KeyText(AlarmKey key) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{WireNames.Of(key.Type)}|{key.AccountId?.Length ?? -1}:{key.AccountId}|{key.Ticker?.Length ?? -1}:{key.Ticker}")
        + (key.Subject is { } subject ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"|{subject.Length}:{subject}") : string.Empty);

    private static List<Alarm> Query(SqliteConnection connection, string where, IReadOnlyList<(string Name, object Value)> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alarms WHERE {where} ORDER BY raised_at DESC, alarm_id;";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = new List<Alarm>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new Alarm(
                reader.GetString(0),
                WireNames.ParseAlarmType(reader.GetString(1)),
                WireNames.ParseAlarmSeverity(reader.GetString(2)),
                WireNames.ParseAlarmState(reader.GetString(3)),
                SqliteValues.ReadNullableString(reader, 4),
                SqliteValues.ReadNullableString(reader, 5),
                reader.GetString(6),
                SqliteValues.ReadNullableDecimal(reader, 7),
                SqliteValues.ReadNullableDecimal(reader, 8),
                SqliteValues.ReadInstant(reader, 9),
                SqliteValues.ReadInstant(reader, 10),
                SqliteValues.ReadNullableString(reader, 11),
                SqliteValues.ReadNullableInstant(reader, 12),
                SqliteValues.ReadNullableString(reader, 13),
                SqliteValues.ReadNullableString(reader, 14),
                SqliteValues.ReadNullableString(reader, 15)));
        }

        return result;
    }
}
