using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Frgm.Storage.Embedded;

/// <summary>
/// The one SQLite file: opens pooled connections with the session pragmas, applies the schema once, and
/// serialises write transactions in this process (SQLite allows one writer; waiting here is cheaper and
/// fairer than spinning on SQLITE_BUSY). BEGIN IMMEDIATE keeps other processes out for the same span.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs Dispose only once its AvailableWaitHandle is used; it never is.")]
internal sealed class SqliteDatabase
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _connectionString;
    private readonly string _sessionPragmas;

    public SqliteDatabase(string path, EmbeddedStorageOptions options)
    {
        Path = path;
        JournalMode = options.JournalMode;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();

        // WAL with synchronous=NORMAL is durable across process crashes; the rollback journal needs FULL for that.
        var synchronous = options.JournalMode == SqliteJournalMode.Wal ? "NORMAL" : "FULL";
        _sessionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous={synchronous};");
        Initialise();
    }

    public string Path { get; }

    public SqliteJournalMode JournalMode { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = _sessionPragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work, CancellationToken ct) =>
        WriteAsync<bool>(
            (c, t) =>
            {
                work(c, t);
                return true;
            },
            ct);

    /// <summary>Reads run concurrently with each other and (in WAL mode) with the writer.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = Open();
        return Task.FromResult(work(connection));
    }

    public string QueryJournalMode()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>An unusable existing file is a <see cref="StoreIntegrityException"/> naming it, never a new empty database.</summary>
    private void Initialise()
    {
        SqliteFileCheck.Check(Path);
        try
        {
            InitialiseSchema();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
        {
            throw new StoreIntegrityException(Path, $"the database is damaged ({ex.Message})", ex);
        }
    }

    private void InitialiseSchema()
    {
        using var connection = Open();
        using (var mode = connection.CreateCommand())
        {
            mode.CommandText = JournalMode == SqliteJournalMode.Wal ? "PRAGMA journal_mode=WAL;" : "PRAGMA journal_mode=DELETE;";
            var applied = Convert.ToString(mode.ExecuteScalar(), CultureInfo.InvariantCulture);
            var wanted = JournalMode == SqliteJournalMode.Wal ? "wal" : "delete";
            if (!string.Equals(applied, wanted, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite at '{Path}' refused journal_mode={wanted} (it reports '{applied}')");
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using (var schema = connection.CreateCommand())
        {
            schema.Transaction = transaction;
            schema.CommandText = SqliteSchema.Sql +
                string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA user_version={SqliteSchema.Version};");
            schema.ExecuteNonQuery();
        }

        SqliteColumnMigration.Apply(connection, transaction, SqliteSchema.AddedColumns);
        transaction.Commit();
    }
}
