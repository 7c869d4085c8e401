using System.Text.Json;
using Frgm.Domain.Model;
using Frgm.Application.Ports;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// <see cref="IFileLedger"/> on SQLite. A claim reads and writes the entry inside one BEGIN IMMEDIATE
/// transaction, so concurrent deliveries of the same content see exactly one Claimed.
/// </summary>
public sealed class SqliteFileLedger : IFileLedger
{
    private const string Columns =
        "bucket, key, sha256, feed, status, rows, rejected_rows, errors, received_at, completed_at, attempts, duplicates";

    private readonly SqliteDatabase _db;

    internal SqliteFileLedger(SqliteDatabase db)
    {
        _db = db;
    }

    public Task<LedgerClaim> TryClaimAsync(BucketRole bucket, string key, string sha256, DateTimeOffset now, TimeSpan lease, CancellationToken ct) =>
        _db.WriteAsync(
            (c, t) =>
            {
                var existing = Read(c, t, bucket, key, sha256, out var leaseUntil);
                if (existing is not null)
                {
                    switch (existing.Status)
                    {
                        case FileStatus.Completed or FileStatus.CompletedWithErrors or FileStatus.Ignored or FileStatus.HandedOff:
                            return new LedgerClaim(LedgerClaimOutcome.AlreadyProcessed, existing, existing.Attempts);
                        case FileStatus.Processing when leaseUntil > now:
                            return new LedgerClaim(LedgerClaimOutcome.InProgress, existing, existing.Attempts);
                    }
                }

                var attempt = (existing?.Attempts ?? 0) + 1;
                var claimed = new LedgerEntry(
                    bucket, key, sha256, existing?.Feed, FileStatus.Processing, 0, 0, [], existing?.ReceivedAt ?? now, null, attempt);
                Upsert(c, t, claimed, now + lease);
                return new LedgerClaim(LedgerClaimOutcome.Claimed, existing, attempt);
            },
            ct);

    public Task<bool> RenewAsync(BucketRole bucket, string key, string sha256, int attempt, DateTimeOffset leaseUntil, CancellationToken ct) =>
        _db.WriteAsync(
            (c, t) =>
            {
                using var update = SqliteValues.Prepare(
                    c,
                    t,
                    "UPDATE ledger SET lease_until = $l WHERE bucket = $b AND key = $k AND sha256 = $h AND status = $s AND attempts = $a;",
                    "$l", "$b", "$k", "$h", "$s", "$a");
                SqliteValues.Bind(update, leaseUntil.UtcTicks, WireNames.Of(bucket), key, sha256, WireNames.Of(FileStatus.Processing), attempt);
                return update.ExecuteNonQuery() == 1;
            },
            ct);

    /// <summary>
    /// Start-up of the one process that ingests this data directory: a PROCESSING claim left in the ledger can only be
    /// from a run of this process that died (kill -9, power loss), so its lease ends now and the file is retried at once
    /// instead of after the lease. Returns how many claims were released.
    /// </summary>
    public Task<int> ReleaseStaleClaimsAsync(DateTimeOffset now, CancellationToken ct) =>
        _db.WriteAsync(
            (c, t) =>
            {
                using var update = SqliteValues.Prepare(
                    c, t, "UPDATE ledger SET lease_until = $l WHERE status = $s AND (lease_until IS NULL OR lease_until > $l);", "$l", "$s");
                SqliteValues.Bind(update, now.UtcTicks, WireNames.Of(FileStatus.Processing));
                return update.ExecuteNonQuery();
            },
            ct);

    public Task<int> ForgetAsync(BucketRole bucket, string key, CancellationToken ct) =>
        _db.WriteAsync(
            (c, t) =>
            {
                using var delete = c.CreateCommand();
                delete.Transaction = t;
                delete.CommandText = "DELETE FROM ledger WHERE bucket = $bucket AND key = $key";
                delete.Parameters.AddWithValue("$bucket", WireNames.Of(bucket));
                delete.Parameters.AddWithValue("$key", key);
                return delete.ExecuteNonQuery();
            },
            ct);

    public Task<bool> RemoveAsync(BucketRole bucket, string key, string sha256, CancellationToken ct) =>
        _db.WriteAsync(
            (c, t) =>
            {
                using var delete = SqliteValues.Prepare(c, t, "DELETE FROM ledger WHERE bucket = $b AND key = $k AND sha256 = $h;", "$b", "$k", "$h");
                SqliteValues.Bind(delete, WireNames.Of(bucket), key, sha256);
                var removed = delete.ExecuteNonQuery() == 1;
                using var notes = SqliteValues.Prepare(c, t, "DELETE FROM ledger_notes WHERE bucket = $b AND key = $k AND sha256 = $h;", "$b", "$k", "$h");
                SqliteValues.Bind(notes, WireNames.Of(bucket), key, sha256);
                notes.ExecuteNonQuery();
                return removed;
            },
            ct);

    public Task RecordAsync(LedgerEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _db.WriteAsync((c, t) => Upsert(c, t, entry, null), ct);
    }

    public Task<LedgerEntry?> GetAsync(BucketRole bucket, string key, string sha256, CancellationToken ct) =>
        _db.ReadAsync(c => Read(c, null, bucket, key, sha256, out _), ct);

    public Task<IReadOnlyList<LedgerEntry>> ListAsync(FileStatus? status, int limit, CancellationToken ct) =>
        _db.ReadAsync<IReadOnlyList<LedgerEntry>>(
            c =>
            {
                using var query = c.CreateCommand();
                query.CommandText =
                    $"SELECT {Columns}, lease_until, notes FROM ledger LEFT JOIN ledger_notes USING (bucket, key, sha256) {(status is null ? string.Empty : "WHERE status = $s ")}" +
                    "ORDER BY received_at DESC, key DESC LIMIT $n;";
                if (status is { } s)
                {
                    query.Parameters.AddWithValue("$s", WireNames.Of(s));
                }

                query.Parameters.AddWithValue("$n", limit <= 0 ? int.MaxValue : limit);
                var result = new List<LedgerEntry>();
                using var reader = query.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(ReadEntry(reader));
                }

                return result;
            },
            ct);

    private static LedgerEntry? Read(SqliteConnection c, SqliteTransaction? t, BucketRole bucket, string key, string sha256, out DateTimeOffset? leaseUntil)
    {
        using var query = SqliteValues.Prepare(
            c, t, $"SELECT {Columns}, lease_until, notes FROM ledger LEFT JOIN ledger_notes USING (bucket, key, sha256) WHERE bucket = $b AND key = $k AND sha256 = $h;", "$b", "$k", "$h");
        SqliteValues.Bind(query, WireNames.Of(bucket), key, sha256);
        using var reader = query.ExecuteReader();
        if (!reader.Read())
        {
            leaseUntil = null;
            return null;
        }

        leaseUntil = SqliteValues.ReadNullableInstant(reader, 12);
        return ReadEntry(reader);
    }

    private static LedgerEntry ReadEntry(SqliteDataReader reader) =>
        new(
            WireNames.ParseBucketRole(reader.GetString(0)),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : WireNames.ParseFeedKind(reader.GetString(3)),
            WireNames.ParseFileStatus(reader.GetString(4)),
            reader.GetInt32(5),
            reader.GetInt32(6),
            JsonSerializer.Deserialize(reader.GetString(7), EmbeddedJsonContext.Default.StringArray) ?? [],
            SqliteValues.ReadInstant(reader, 8),
            SqliteValues.ReadNullableInstant(reader, 9),
            reader.GetInt32(10))
        {
            Duplicates = reader.GetInt32(11),
            Notes = reader.IsDBNull(13) ? [] : JsonSerializer.Deserialize(reader.GetString(13), EmbeddedJsonContext.Default.StringArray) ?? [],
        };

    private static void Upsert(SqliteConnection c, SqliteTransaction t, LedgerEntry entry, DateTimeOffset? leaseUntil)
    {
        using var upsert = SqliteValues.Prepare(
            c,
            t,
            $"INSERT OR REPLACE INTO ledger ({Columns}, lease_until) VALUES ($b, $k, $h, $f, $s, $r, $x, $e, $ra, $ca, $at, $du, $l);",
            "$b", "$k", "$h", "$f", "$s", "$r", "$x", "$e", "$ra", "$ca", "$at", "$du", "$l");
        SqliteValues.Bind(
            upsert,
            WireNames.Of(entry.Bucket),
            entry.Key,
            entry.Sha256,
            entry.Feed is { } feed ? WireNames.Of(feed) : null,
            WireNames.Of(entry.Status),
            entry.Rows,
            entry.RejectedRows,
            JsonSerializer.Serialize(entry.Errors.ToArray(), EmbeddedJsonContext.Default.StringArray),
            entry.ReceivedAt.UtcTicks,
            SqliteValues.Ticks(entry.CompletedAt),
            entry.Attempts,
            entry.Duplicates,
            SqliteValues.Ticks(leaseUntil));
        upsert.ExecuteNonQuery();

        // Notes live beside the ledger row (a table of their own, so databases created before them need no migration).
        using var notes = SqliteValues.Prepare(
            c,
            t,
            entry.Notes.Count > 0
                ? "INSERT OR REPLACE INTO ledger_notes (bucket, key, sha256, notes) VALUES ($b, $k, $h, $n);"
                : "DELETE FROM ledger_notes WHERE bucket = $b AND key = $k AND sha256 = $h AND $n IS NULL;",
            "$b", "$k", "$h", "$n");
        SqliteValues.Bind(
            notes,
            WireNames.Of(entry.Bucket),
            entry.Key,
            entry.Sha256,
            entry.Notes.Count > 0 ? JsonSerializer.Serialize(entry.Notes.ToArray(), EmbeddedJsonContext.Default.StringArray) : null);
        notes.ExecuteNonQuery();
    }
}
