using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>Adds the columns a newer schema defines to tables an older build created; idempotent.</summary>
internal static class SqliteColumnMigration
{
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<(string Table, string Column, string Definition)> columns)
    {
        foreach (var (table, column, definition) in columns)
        {
            if (HasColumn(connection, transaction, table, column))
            {
                continue;
            }

            using var alter = connection.CreateCommand();
            alter.Transaction = transaction;
#pragma warning disable CA2100 // table, column and definition are compile-time constants of SqliteSchema, never input
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition};";
#pragma warning restore CA2100
            alter.ExecuteNonQuery();
        }
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction transaction, string table, string column)
    {
        using var info = connection.CreateCommand();
        info.Transaction = transaction;
        info.CommandText = "SELECT 1 FROM pragma_table_info($t) WHERE name = $c;";
        info.Parameters.AddWithValue("$t", table);
        info.Parameters.AddWithValue("$c", column);
        return info.ExecuteScalar() is not null;
    }
}
