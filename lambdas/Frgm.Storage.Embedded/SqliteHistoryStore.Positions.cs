using Frgm.Domain.Model;
using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Positions per business date (the full set is replaced: a recompute may drop a position), versioned by the
/// date's facts version in the same transaction, and TT snapshots.
/// </summary>
public sealed partial class SqliteHistoryStore
{
    public Task<bool> PutPositionsAsync(DateOnly date, IReadOnlyList<Position> positions, long version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(positions);
        return _db.WriteAsync(
            (c, t) =>
            {
                if (!SqlitePositionVersions.MayReplace(c, t, SqlitePositionVersions.HistoryTable, date, version))
                {
                    return false;
                }

                SqlitePositionRows.Replace(c, t, "positions", date, positions);
                SqlitePositionVersions.Set(c, t, SqlitePositionVersions.HistoryTable, date, version);
                return true;
            },
            ct);
    }

    public Task<long> BumpFactsVersionAsync(DateOnly date, CancellationToken ct) =>
        _db.WriteAsync((c, t) => SqlitePositionVersions.Bump(c, t, date), ct);

    public Task<long> GetFactsVersionAsync(DateOnly date, CancellationToken ct) =>
        _db.ReadAsync(c => SqlitePositionVersions.Read(c, null, SqlitePositionVersions.FactsTable, date) ?? 0, ct);

    public Task<IReadOnlyList<Position>> GetPositionsAsync(DateOnly date, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<Position>>(
            c => SqlitePositionRows.Read(c, "positions", "business_date = $d", ("$d", SqliteValues.Date(date))),
            ct);

    /// <summary>Stores the snapshot until snapshot time + retention, and deletes the ones past theirs (the embedded TTL).</summary>
    public Task PutOrderSnapshotAsync(OrderSnapshot snapshot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // A BLOB: no UTF-16 copy.
        return PutSnapshotBodyAsync(snapshot.SnapshotTime, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(snapshot, EmbeddedJsonContext.Default.OrderSnapshot), ct);
    }

    /// <summary>The header only (a small JSON body naming the object): bounded whatever the snapshot's size.</summary>
    public Task PutOrderSnapshotHeaderAsync(OrderSnapshotHeader header, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        return PutSnapshotBodyAsync(header.SnapshotTime, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(header, EmbeddedJsonContext.Default.OrderSnapshotHeader), ct);
    }

    /// <summary>One order_snapshots row (whole snapshot or header), kept until its time + retention; expired rows go with it.</summary>
    private Task PutSnapshotBodyAsync(DateTimeOffset snapshotTime, byte[] body, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        return _db.WriteAsync(
            (c, t) =>
            {
                using var upsert = SqliteValues.Prepare(
                    c, t, "INSERT OR REPLACE INTO order_snapshots (snapshot_time, body, expires_at) VALUES ($s, $b, $e);", "$s", "$b", "$e");
                SqliteValues.Bind(upsert, snapshotTime.UtcTicks, body, (snapshotTime + _orderSnapshotRetention).UtcTicks);
                upsert.ExecuteNonQuery();
                DeleteExpiredSnapshots(c, t, now);
            },
            ct);
    }

    /// <summary>Removes order snapshots past their retention; runs on every put, callable on its own.</summary>
    public Task<int> DeleteExpiredOrderSnapshotsAsync(CancellationToken ct) =>
        _db.WriteAsync((c, t) => DeleteExpiredSnapshots(c, t, _clock.GetUtcNow()), ct);

    /// <summary>Snapshot times still held, oldest first (embedded-only: the port has no reader for them).</summary>
    public Task<IReadOnlyList<DateTimeOffset>> GetOrderSnapshotTimesAsync(CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<DateTimeOffset>>(
            c =>
            {
                using var query = Command(c, "SELECT snapshot_time FROM order_snapshots ORDER BY snapshot_time;");
                var result = new List<DateTimeOffset>();
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(SqliteValues.ReadInstant(reader, 0));
                }

                return result;
            },
            ct);

    private static int DeleteExpiredSnapshots(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction t, DateTimeOffset now)
    {
        using var delete = SqliteValues.Prepare(c, t, "DELETE FROM order_snapshots WHERE expires_at <= $n;", "$n");
        SqliteValues.Bind(delete, now.UtcTicks);
        return delete.ExecuteNonQuery();
    }
}
