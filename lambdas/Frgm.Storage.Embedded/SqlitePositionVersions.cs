using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// Per-date version counters: the facts version, and the version each stored position set was computed from.
/// Callers run these inside one write transaction (BEGIN IMMEDIATE), which makes compare-and-replace atomic even
/// across processes sharing the database file.
/// </summary>
internal static class SqlitePositionVersions
{
    public const string FactsTable = "facts_versions";
    public const string HistoryTable = "position_versions";
    public const string LatestTable = "latest_position_versions";

    public static long Bump(SqliteConnection connection, SqliteTransaction transaction, DateOnly date)
    {
        using var bump = SqliteValues.Prepare(
            connection,
            transaction,
            $"INSERT INTO {FactsTable} (business_date, version) VALUES ($d, 1) ON CONFLICT (business_date) DO UPDATE SET version = version + 1 RETURNING version;",
            "$d");
        SqliteValues.Bind(bump, SqliteValues.Date(date));
        return Convert.ToInt64(bump.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The stored version for the date in <paramref name="table"/>, or null when there is none.</summary>
    public static long? Read(SqliteConnection connection, SqliteTransaction? transaction, string table, DateOnly date)
    {
        using var read = SqliteValues.Prepare(connection, transaction, $"SELECT version FROM {table} WHERE business_date = $d;", "$d");
        SqliteValues.Bind(read, SqliteValues.Date(date));
        return read.ExecuteScalar() is long version ? version : null;
    }

    /// <summary>True when <paramref name="version"/> may replace what is stored (nothing stored, or stored &lt;= version).</summary>
    public static bool MayReplace(SqliteConnection connection, SqliteTransaction transaction, string table, DateOnly date, long version) =>
        Read(connection, transaction, table, date) is not { } stored || stored <= version;

    public static void Set(SqliteConnection connection, SqliteTransaction transaction, string table, DateOnly date, long version)
    {
        using var upsert = SqliteValues.Prepare(
            connection, transaction, $"INSERT OR REPLACE INTO {table} (business_date, version) VALUES ($d, $v);", "$d", "$v");
        SqliteValues.Bind(upsert, SqliteValues.Date(date), version);
        upsert.ExecuteNonQuery();
    }
}
