using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Frgm.Dashboard.Monitoring;

/// <summary>
/// Who may write the monitoring SQLite file when several dashboard tasks share it on EFS: a lease row inside the same
/// file, taken or renewed in one IMMEDIATE transaction (SQLite's own file lock, which EFS's NFSv4 locks carry), so
/// two tasks can never both believe they hold it. The holder renews on every sample; when it stops (killed, deploy,
/// zone lost) the lease runs out after <see cref="Ttl"/> and the next task to ask takes it over. Others only read.
/// </summary>
public sealed class MonitoringWriterLease
{
    private readonly string _connectionString;

    public MonitoringWriterLease(string path, string owner, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        Owner = owner;
        Ttl = ttl;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = false }.ToString();
        using var connection = Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS writer_lease (id INTEGER PRIMARY KEY CHECK (id = 1), owner TEXT NOT NULL, expires_ms INTEGER NOT NULL)";
        create.ExecuteNonQuery();
    }

    public string Owner { get; }

    public TimeSpan Ttl { get; }

    /// <summary>True while this process holds the lease, as of the last <see cref="TryAcquire"/>.</summary>
    public bool IsHeld { get; private set; }

    /// <summary>Takes the lease if it is free or expired, renews it if ours; false while another task holds it.</summary>
    public bool TryAcquire(DateTimeOffset now)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: false);
        using var upsert = connection.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = """
            INSERT INTO writer_lease (id, owner, expires_ms) VALUES (1, $owner, $expires)
            ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, expires_ms = excluded.expires_ms
            WHERE writer_lease.owner = excluded.owner OR writer_lease.expires_ms < $now
            """;
        upsert.Parameters.AddWithValue("$owner", Owner);
        upsert.Parameters.AddWithValue("$expires", (now + Ttl).ToUnixTimeMilliseconds());
        upsert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        IsHeld = upsert.ExecuteNonQuery() == 1;
        tx.Commit();
        return IsHeld;
    }

    /// <summary>Lets another task take over at once (orderly shutdown) instead of after the TTL.</summary>
    public void Release()
    {
        if (!IsHeld)
        {
            return;
        }

        using var connection = Open();
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM writer_lease WHERE owner = $owner";
        delete.Parameters.AddWithValue("$owner", Owner);
        delete.ExecuteNonQuery();
        IsHeld = false;
    }

    /// <summary>The current holder and expiry, or null when nobody holds it.</summary>
    public (string Owner, DateTimeOffset Expires)? Holder()
    {
        using var connection = Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT owner, expires_ms FROM writer_lease WHERE id = 1";
        using var reader = select.ExecuteReader();
        return reader.Read()
            ? (reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))
            : null;
    }

    /// <summary>A name that tells tasks apart in the lease row and the logs: host (the task's hostname) and process id.</summary>
    public static string DefaultOwner() =>
        Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N")[..8];

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=DELETE; PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
