using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>/ready's "sqlite": the database file opens and answers a query.</summary>
internal sealed class SqliteProbe(SqliteDatabase db) : IStoreProbe
{
    public SqliteDatabase Database => db;

    public string Name => "sqlite";

    public Task PingAsync(CancellationToken ct) =>
        db.ReadAsync(
            c =>
            {
                using var command = c.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM ledger WHERE 0;";
                return command.ExecuteScalar();
            },
            ct);
}
