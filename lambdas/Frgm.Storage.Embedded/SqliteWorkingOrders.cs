using System.Globalization;
using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Working orders in SQLite, row per order: <c>working_orders (generation, seq, body)</c>, the body one order's JSON
/// (UTF-8 BLOB), and <c>working_order_sets</c> with one row per generation. A snapshot is written to a new generation
/// a batch per transaction; the commit flips <c>current</c> and deletes the previous generation in one transaction,
/// so readers see the old set or the new one. A generation never committed (a process killed mid-snapshot) is
/// deleted at the next start.
/// </summary>
internal static class SqliteWorkingOrders
{
    /// <summary>Staged generations younger than this may belong to another process still writing them.</summary>
    private static readonly TimeSpan StaleStaging = TimeSpan.FromMinutes(10);

    public static WorkingOrderSet? Current(SqliteConnection c, SqliteTransaction? t)
    {
        using var query = SqliteValues.Prepare(c, t, "SELECT generation, snapshot_time, order_count FROM working_order_sets WHERE current = 1 LIMIT 1;");
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new WorkingOrderSet(SqliteValues.ReadInstant(reader, 1), reader.GetInt32(2), reader.GetInt64(0).ToString(CultureInfo.InvariantCulture))
            : null;
    }

    public static long Begin(SqliteConnection c, SqliteTransaction t, DateTimeOffset now)
    {
        using var insert = SqliteValues.Prepare(c, t, "INSERT INTO working_order_sets (current, created_at) VALUES (0, $c) RETURNING generation;", "$c");
        SqliteValues.Bind(insert, now.UtcTicks);
        return Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static void Insert(SqliteConnection c, SqliteTransaction t, long generation, int firstSeq, IReadOnlyList<WorkingOrder> orders)
    {
        using var insert = SqliteValues.Prepare(c, t, "INSERT INTO working_orders (generation, seq, body) VALUES ($g, $s, $b);", "$g", "$s", "$b");
        for (var i = 0; i < orders.Count; i++)
        {
            SqliteValues.Bind(insert, generation, firstSeq + i, JsonSerializer.SerializeToUtf8Bytes(orders[i], EmbeddedJsonContext.Default.WorkingOrder));
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Switches to <paramref name="generation"/> unless (with <paramref name="onlyIfNewer"/>) the current set is as new; the loser is deleted.</summary>
    public static WorkingOrderSet? Commit(SqliteConnection c, SqliteTransaction t, long generation, int count, DateTimeOffset snapshotTime, bool onlyIfNewer)
    {
        var current = Current(c, t);
        if (onlyIfNewer && current is not null && current.SnapshotTime >= snapshotTime)
        {
            Delete(c, t, generation);
            return null;
        }

        if (current is not null)
        {
            Delete(c, t, long.Parse(current.Generation, CultureInfo.InvariantCulture));
        }

        using var flip = SqliteValues.Prepare(
            c, t, "UPDATE working_order_sets SET current = 1, snapshot_time = $t, order_count = $n WHERE generation = $g;", "$t", "$n", "$g");
        SqliteValues.Bind(flip, snapshotTime.UtcTicks, count, generation);
        flip.ExecuteNonQuery();
        using var legacy = SqliteValues.Prepare(c, t, "DELETE FROM latest_orders;"); // the whole-body form of older versions
        legacy.ExecuteNonQuery();
        return new WorkingOrderSet(snapshotTime, count, generation.ToString(CultureInfo.InvariantCulture));
    }

    public static void Delete(SqliteConnection c, SqliteTransaction t, long generation)
    {
        using var rows = SqliteValues.Prepare(c, t, "DELETE FROM working_orders WHERE generation = $g;", "$g");
        SqliteValues.Bind(rows, generation);
        rows.ExecuteNonQuery();
        using var set = SqliteValues.Prepare(c, t, "DELETE FROM working_order_sets WHERE generation = $g;", "$g");
        SqliteValues.Bind(set, generation);
        set.ExecuteNonQuery();
    }

    /// <summary>Deletes generations left staged by a process that died mid-snapshot.</summary>
    public static void DeleteAbandoned(SqliteConnection c, SqliteTransaction t, DateTimeOffset now)
    {
        var stale = new List<long>();
        using (var query = SqliteValues.Prepare(c, t, "SELECT generation FROM working_order_sets WHERE current = 0 AND created_at < $c;", "$c"))
        {
            SqliteValues.Bind(query, (now - StaleStaging).UtcTicks);
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                stale.Add(reader.GetInt64(0));
            }
        }

        foreach (var generation in stale)
        {
            Delete(c, t, generation);
        }
    }

    public static IReadOnlyList<WorkingOrder> Read(SqliteConnection c, WorkingOrderSet set, int start, int count)
    {
        if (!long.TryParse(set.Generation, NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            return [];
        }

        using var query = SqliteValues.Prepare(
            c, null, "SELECT body FROM working_orders WHERE generation = $g AND seq >= $s ORDER BY seq LIMIT $n;", "$g", "$s", "$n");
        SqliteValues.Bind(query, generation, start, count);
        using var reader = query.ExecuteReader();
        var orders = new List<WorkingOrder>(Math.Min(count, 1024));
        while (reader.Read())
        {
            var body = (byte[])reader.GetValue(0);
            orders.Add(JsonSerializer.Deserialize(body, EmbeddedJsonContext.Default.WorkingOrder)
                ?? throw new InvalidDataException($"working_orders generation {generation}: a null order"));
        }

        return orders;
    }

    /// <summary>A set kept by an older version as one JSON body becomes rows (once; the body row is then deleted).</summary>
    public static void MigrateLegacy(SqliteConnection c, SqliteTransaction t, DateTimeOffset now)
    {
        OrderSnapshot? legacy;
        using (var query = SqliteValues.Prepare(c, t, "SELECT body FROM latest_orders WHERE slot = 1;"))
        {
            legacy = query.ExecuteScalar() switch
            {
                byte[] utf8 => JsonSerializer.Deserialize(utf8, EmbeddedJsonContext.Default.OrderSnapshot),
                string text => JsonSerializer.Deserialize(text, EmbeddedJsonContext.Default.OrderSnapshot),
                _ => null,
            };
        }

        if (legacy is null)
        {
            return;
        }

        var generation = Begin(c, t, now);
        Insert(c, t, generation, 0, legacy.Orders);
        Commit(c, t, generation, legacy.Orders.Count, legacy.SnapshotTime, onlyIfNewer: true);
        using var delete = SqliteValues.Prepare(c, t, "DELETE FROM latest_orders;");
        delete.ExecuteNonQuery();
    }
}
