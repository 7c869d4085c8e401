namespace Frgm.Storage.Embedded;

/// <summary>WAL on a local disk; DELETE (rollback journal) on network file systems such as EFS, where WAL is unsafe.</summary>
public enum SqliteJournalMode
{
    Wal,
    Delete,
}
