namespace Frgm.Storage.Embedded;

public sealed class EmbeddedStorageOptions
{
    /// <summary>Wal by default; Delete when the data directory is on NFS/EFS.</summary>
    public SqliteJournalMode JournalMode { get; set; } = SqliteJournalMode.Wal;

    /// <summary>How long a connection waits for another process's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long TT order snapshots stay in history (the DynamoDB TTL in AWS mode).</summary>
    public TimeSpan OrderSnapshotRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Clock for expiry; the system clock unless a test supplies one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
}
