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

    /// <summary>Logs a vector written to a slot.</summary>
    public static void AppendVector(MetadataConnection db, long columnId, long slot, long rowId, ReadOnlySpan<float> vector, byte[] scratch)
    {
        int bytes = vector.Length * sizeof(float);
        var blob = scratch.Length == bytes ? scratch : new byte[bytes];
        MemoryMarshal.AsBytes(vector).CopyTo(blob);
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
        using var reader = columnId is null ? db.Query(all, [afterLsn, upToLsn]) : db.Query(one, [afterLsn, upToLsn, columnId.Value]);
        byte[] buffer = [];
        long count = 0;
        while (reader.Read())
        {
            long lsn = reader.GetInt64(0);
            long slot = reader.GetInt64(2);
            long rowId = reader.IsDBNull(3) ? 0 : reader.GetInt64(3);
            int floats = 0;
            if (!reader.IsDBNull(4))
            {
                long bytes = reader.GetBytes(4, 0, null, 0, 0);
                if (bytes % sizeof(float) != 0 || bytes == 0)
                    throw VecStoreException.CorruptLog(db.DisplayName, lsn, $"a vector of {bytes} bytes is not a whole number of floats");
                floats = (int)(bytes / sizeof(float));
                if (buffer.Length < bytes)
                    buffer = new byte[bytes];
                reader.GetBytes(4, 0, buffer, 0, (int)bytes);
            }
            handler(new LogRecord(lsn, reader.GetInt64(1), slot, rowId, MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, floats * sizeof(float)))));
            count++;
        }
        return count;
    }

    /// <summary>Deletes the records a checkpoint has moved into the pages.</summary>
    public static void Trim(MetadataConnection db, long upToLsn)
        => db.Execute("DELETE FROM _vs_vector_log WHERE lsn <= $0", [upToLsn]);
}
