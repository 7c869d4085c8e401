using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Frgm.Dashboard.Monitoring;

/// <summary>
/// The dashboard's own monitoring history (feed ages, alarm counts, request totals, store health) in a SQLite
/// file. In AWS the file lives on EFS (NFS): rollback journal (journal_mode=DELETE), never WAL, and this service
/// is its only writer.
/// </summary>
public sealed class MonitoringHistory : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public MonitoringHistory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
        using var connection = Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS samples (
                at_ms  INTEGER NOT NULL,
                metric TEXT    NOT NULL,
                label  TEXT    NOT NULL,
                value  REAL    NOT NULL
            );
            CREATE INDEX IF NOT EXISTS samples_by_metric ON samples (metric, label, at_ms);
            """);
    }

    public string Path { get; }

    public string JournalMode()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    public async Task RecordAsync(DateTimeOffset at, IReadOnlyList<(string Metric, string Label, double Value)> samples, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(samples);
        await _writer.WaitAsync(ct);
        try
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO samples (at_ms, metric, label, value) VALUES ($at, $metric, $label, $value)";
            var pAt = insert.Parameters.Add("$at", SqliteType.Integer);
            var pMetric = insert.Parameters.Add("$metric", SqliteType.Text);
            var pLabel = insert.Parameters.Add("$label", SqliteType.Text);
            var pValue = insert.Parameters.Add("$value", SqliteType.Real);
            pAt.Value = at.ToUnixTimeMilliseconds();
            foreach (var (metric, label, value) in samples)
            {
                pMetric.Value = metric;
                pLabel.Value = label;
                pValue.Value = value;
                await insert.ExecuteNonQueryAsync(ct);
            }

            using var prune = connection.CreateCommand();
            prune.Transaction = tx;
            prune.CommandText = "DELETE FROM samples WHERE at_ms < $cutoff";
            prune.Parameters.AddWithValue("$cutoff", (at - Retention).ToUnixTimeMilliseconds());
            await prune.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Samples of one metric and label since a time, oldest first.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, double Value)>> ReadAsync(string metric, string label, DateTimeOffset since, CancellationToken ct)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at_ms, value FROM samples WHERE metric = $metric AND label = $label AND at_ms >= $since ORDER BY at_ms";
        command.Parameters.AddWithValue("$metric", metric);
        command.Parameters.AddWithValue("$label", label);
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        var rows = new List<(DateTimeOffset, double)>();
        using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetDouble(1)));
        }

        return rows;
    }

    public void Dispose() => _writer.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per connection: NFS (EFS) cannot carry WAL's shared-memory index safely.
        Execute(connection, "PRAGMA journal_mode=DELETE; PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
