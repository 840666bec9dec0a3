using System.Globalization;
using System.Runtime.InteropServices;
using VecStore.Storage.Metadata;

namespace VecStore.Storage.Wal;

/// <summary>The vector write-ahead log: the <c>_vs_vector_log</c> table of the SQLite file.</summary>
/// <remarks>
/// A vector change is a log record written in the same SQLite transaction as the row it belongs
/// to, so the SQLite commit is the one commit point. LSNs come from AUTOINCREMENT: they grow in
/// commit order (SQLite admits one writer at a time) and are never reused after a trim.
/// </remarks>
internal static class VectorLog
{
    public delegate void RecordHandler(in LogRecord record);

    private const string AppendSql = "INSERT INTO _vs_vector_log (column_id, slot, row_id, vector) VALUES ($0, $1, $2, $3)";

    /// <summary>The highest LSN ever assigned, as of the connection's snapshot (0 before the first).</summary>
    public static long LastLsn(MetadataConnection db)
        => db.Scalar("SELECT seq FROM sqlite_sequence WHERE name = '_vs_vector_log'", []) is { } seq
            ? Convert.ToInt64(seq, CultureInfo.InvariantCulture) : 0;

    /// <summary>Logs a vector (in its column's element encoding) written to a slot.</summary>
    public static void AppendVector(MetadataConnection db, long columnId, long slot, long rowId, ReadOnlySpan<byte> vector, byte[] scratch)
    {
        var blob = scratch.Length == vector.Length ? scratch : new byte[vector.Length];
        vector.CopyTo(blob);
        db.Execute(AppendSql, [columnId, slot, rowId, blob]);
    }

    /// <summary>Logs that a slot no longer holds a vector.</summary>
    public static void AppendFree(MetadataConnection db, long columnId, long slot, long rowId)
        => db.Execute(AppendSql, [columnId, slot, rowId, null]);

    /// <summary>Logs that a vector column was dropped, so the checkpoint frees its pages.</summary>
    public static void AppendDrop(MetadataConnection db, long columnId)
        => db.Execute(AppendSql, [columnId, LogRecord.DropColumnSlot, null, null]);

    /// <summary>Streams the records with <paramref name="afterLsn"/> &lt; LSN &lt;= <paramref name="upToLsn"/> in LSN order.</summary>
    /// <param name="columnId">Only this column's records, or every column's when null.</param>
    public static long Read(MetadataConnection db, long afterLsn, long upToLsn, long? columnId, RecordHandler handler)
    {
        const string all = "SELECT lsn, column_id, slot, row_id, vector FROM _vs_vector_log WHERE lsn > $0 AND lsn <= $1 ORDER BY lsn";
        const string one = "SELECT lsn, column_id, slot, row_id, vector FROM _vs_vector_log WHERE lsn > $0 AND lsn <= $1 AND column_id = $2 ORDER BY lsn";
        using var rows = columnId is null ? db.Rows(all, [afterLsn, upToLsn]) : db.Rows(one, [afterLsn, upToLsn, columnId.Value]);
        long count = 0;
        while (rows.MoveNext())
        {
            long lsn = rows.Int64(0);
            scoped ReadOnlySpan<byte> vector = default;
            if (!rows.IsNull(4))
            {
                vector = rows.Blob(4);
                if (vector.Length == 0)
                    throw VecStoreException.CorruptLog(db.DisplayName, lsn, "a logged vector is empty");
            }
            handler(new LogRecord(lsn, rows.Int64(1), rows.Int64(2), rows.IsNull(3) ? 0 : rows.Int64(3), vector));
            count++;
        }
        return count;
    }

    /// <summary>Deletes the records a checkpoint has moved into the pages; the caller holds a write transaction.</summary>
    public static void Trim(MetadataConnection db, long upToLsn)
    {
        // Without a WHERE clause SQLite drops the table's pages wholesale instead of row by row;
        // AUTOINCREMENT keeps counting from the last LSN, so LSNs are still never reused.
        if (Convert.ToInt64(db.Scalar("SELECT coalesce(max(lsn), 0) FROM _vs_vector_log", []), CultureInfo.InvariantCulture) <= upToLsn)
            db.Execute("DELETE FROM _vs_vector_log");
        else
            db.Execute("DELETE FROM _vs_vector_log WHERE lsn <= $0", [upToLsn]);
    }
}
