using Frgm.Application.Ports;

namespace Frgm.Storage.Embedded;

/// <summary>Builds the embedded adapter set over one data directory: <c>frgm.db</c> plus <c>buckets/&lt;role&gt;/</c>.</summary>
public static class EmbeddedStorage
{
    public const string DatabaseFileName = "frgm.db";

    public const string BucketsFolderName = "buckets";

    public static StorageSet Create(string dataDir, EmbeddedStorageOptions? options = null) => Open(dataDir, options).Set;

    /// <summary>The set and the adapters the folder watcher needs by their own type (it lists folders and releases stale claims).</summary>
    public static EmbeddedStore Open(string dataDir, EmbeddedStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        options ??= new EmbeddedStorageOptions();
        var root = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(root);
        var db = new SqliteDatabase(Path.Combine(root, DatabaseFileName), options);
        var objects = new FolderObjectStore(Path.Combine(root, BucketsFolderName));
        var ledger = new SqliteFileLedger(db);
        var set = new StorageSet(
            objects,
            new EmbeddedLatestStateStore(db),
            new SqliteHistoryStore(db, options),
            new SqliteAlarmStore(db),
            ledger,
            new InProcessChangeFeed(),
            [new SqliteProbe(db), new FolderProbe(objects)])
        {
            PnlHistory = new SqlitePnlHistoryStore(db),
        };
        return new EmbeddedStore(set, objects, ledger);
    }

    /// <summary>The journal mode SQLite reports for the set's database (wal or delete).</summary>
    public static string JournalModeOf(StorageSet storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Probes.OfType<SqliteProbe>().FirstOrDefault() is { } probe
            ? probe.Database.QueryJournalMode()
            : throw new ArgumentException("not an embedded storage set", nameof(storage));
    }

    /// <summary>Closes pooled connections so the data directory can be deleted or the file moved.</summary>
    public static void ReleaseConnections() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}

/// <summary>An embedded adapter set with its folder store and ledger typed, so nobody downcasts a port to reach them.</summary>
public sealed record EmbeddedStore(StorageSet Set, FolderObjectStore Folders, SqliteFileLedger Ledger);
