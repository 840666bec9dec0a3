namespace VecStore.Storage.Backup;

/// <summary>What BACKUP wrote.</summary>
/// <param name="Path">The archive's absolute path.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Tables">Tables in the backup.</param>
/// <param name="Rows">Rows in all tables, at the backup's snapshot.</param>
/// <param name="SnapshotLsn">The log position of the snapshot: the backup holds exactly the commits up to it.</param>
public sealed record BackupSummary(string Path, long Bytes, long Tables, long Rows, long SnapshotLsn);

/// <summary>What RESTORE brought back.</summary>
public sealed record RestoreSummary(string Path, long Tables, long Rows, long SnapshotLsn);
