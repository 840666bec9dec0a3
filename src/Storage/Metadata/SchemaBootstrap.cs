using System.Globalization;
using Microsoft.Data.Sqlite;

namespace VecStore.Storage.Metadata;

/// <summary>Creates VecStore's system tables in a new file and checks them in an existing one.</summary>
internal static class SchemaBootstrap
{
    /// <summary>What the SQLite file says about the database.</summary>
    public readonly record struct Facts(Guid DatabaseId, int PageSize, long CheckpointLsn, bool CreatedNow);

    /// <summary>Prepares the connection (WAL, synchronous) and returns the database's facts, creating the system tables when the file is new.</summary>
    public static Facts Initialize(MetadataConnection db, bool writable, int pageSizeForNew)
    {
        // Each setting is changed only where it is missing: another process may hold the write
        // lock of an existing database for a long time, and opening must not need it.
        if (writable && !string.Equals(db.Scalar("PRAGMA journal_mode", []) as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            // Pages the vector log frees after a checkpoint go back to the file system (PRAGMA
            // incremental_vacuum after each trim). SQLite takes this only while the file is new,
            // before the WAL switch and the first table; on an existing file it changes nothing.
            db.Execute("PRAGMA auto_vacuum=INCREMENTAL");
            // WAL lets readers run beside the writer; the setting is stored in the file.
            db.Execute("PRAGMA journal_mode=WAL");
        }

        bool exists = TableExists(db, "_vs_meta");
        bool created = false;
        if (!exists)
        {
            long userTables = Convert.ToInt64(db.Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", []), CultureInfo.InvariantCulture);
            if (userTables > 0)
                throw VecStoreException.CannotOpen(db.DisplayName, "it is a SQLite database, but not a VecStore database");
            if (!writable)
                throw VecStoreException.CannotOpen(db.DisplayName, "it is empty, and read-only mode cannot create a database");
            db.Execute("BEGIN IMMEDIATE");
            try
            {
                // Another process may have created it between the check and the lock.
                exists = TableExists(db, "_vs_meta");
                if (!exists)
                {
                    foreach (var sql in SystemTables.Create)
                        db.Execute(sql);
                    const string put = "INSERT INTO _vs_meta (key, value) VALUES ($0, $1)";
                    db.Execute(put, [SystemTables.MetaFormatVersion, (long)SystemTables.FormatVersion]);
                    db.Execute(put, [SystemTables.MetaDatabaseId, Guid.NewGuid().ToString("D")]);
                    db.Execute(put, [SystemTables.MetaCatalogVersion, 0L]);
                    db.Execute(put, [SystemTables.MetaCheckpointLsn, 0L]);
                    db.Execute(put, [SystemTables.MetaPageSize, (long)pageSizeForNew]);
                    created = true;
                }
                db.Execute("COMMIT");
            }
            catch
            {
                db.RollbackIfActive();
                throw;
            }
        }

        if (writable && !created)
        {
            if (!TableExists(db, "_vs_indexes"))
                db.Execute(SystemTables.CreateIndexes);
            if (!TableExists(db, "_vs_stats"))
                db.Execute(SystemTables.CreateStatistics);
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        using (var reader = db.Query("SELECT key, value FROM _vs_meta", []))
        {
            while (reader.Read())
            {
                // The key is the table's primary key: only a damaged file has a row without one.
                if (reader.IsDBNull(0) || reader.GetValue(0) is not string key)
                    throw VecStoreException.CorruptMetadata(db.DisplayName, "a row of _vs_meta has no key");
                values[key] = reader.IsDBNull(1) ? null : reader.GetValue(1);
            }
        }

        long version = AsLong(values, SystemTables.MetaFormatVersion, db);
        if (version > SystemTables.FormatVersion)
            throw VecStoreException.UnsupportedFormatVersion(db.DisplayName, (int)version, SystemTables.FormatVersion);
        if (values.GetValueOrDefault(SystemTables.MetaDatabaseId) is not string idText || !Guid.TryParse(idText, out var id))
            throw VecStoreException.CorruptMetadata(db.DisplayName, "the database id is missing");
        return new Facts(id, (int)AsLong(values, SystemTables.MetaPageSize, db), AsLong(values, SystemTables.MetaCheckpointLsn, db), created);
    }

    private static bool TableExists(MetadataConnection db, string name)
        => Convert.ToInt64(db.Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = $0", [name]), CultureInfo.InvariantCulture) > 0;

    private static long AsLong(Dictionary<string, object?> values, string key, MetadataConnection db)
        => values.GetValueOrDefault(key) is long l ? l : throw VecStoreException.CorruptMetadata(db.DisplayName, $"the meta value '{key}' is missing");

    /// <summary>True when the exception is SQLite saying the file is not a database.</summary>
    public static bool IsNotADatabase(SqliteException ex) => ex.SqliteErrorCode == 26;
}
