using Microsoft.Data.Sqlite;
using VecStore.Indexes;
using VecStore.Storage.Metadata;
using VecStore.Storage.Wal;

namespace VecStore.Storage.Checking;

/// <summary>CHECK's look at the vector log (<c>_vs_vector_log</c>): records in LSN order, none past the last LSN, each naming a known vector column with a vector of that column's size.</summary>
internal static class VectorLogCheck
{
    public static void Run(MetadataConnection db, IReadOnlyDictionary<long, (VectorElement Element, int Dimensions)> shapes, CheckReport report)
    {
        report.Begin(db.DisplayName, "vector log");
        long records = 0, first = 0, previous = 0, last = 0;
        try
        {
            last = VectorLog.LastLsn(db);
            VectorLog.Read(db, 0, long.MaxValue, null, (in LogRecord r) =>
            {
                string item = "LSN " + r.Lsn;
                if (records++ == 0)
                    first = r.Lsn;
                if (r.Lsn <= previous)
                    report.Problem(item, $"it follows LSN {previous}: records are out of order");
                if (r.Lsn > last)
                    report.Problem(item, $"it is past the last LSN ever assigned ({last})");
                previous = r.Lsn;
                if (r.Slot < LogRecord.DropColumnSlot)
                    report.Problem(item, $"it names slot {r.Slot}");
                if (!shapes.TryGetValue(r.ColumnId, out var shape))
                {
                    report.Problem(item, $"it names vector column {r.ColumnId}, which the catalog does not know");
                    return;
                }
                int expected = VectorElements.BytesPerVector(shape.Element, shape.Dimensions);
                if (r.IsDrop && !r.Data.IsEmpty)
                    report.Problem(item, "a column drop carries a vector");
                else if (!r.IsDrop && !r.IsFree && r.Data.Length != expected)
                    report.Problem(item, $"a vector of {r.Data.Length} bytes where column {r.ColumnId} stores {expected}");
            });
        }
        catch (SqliteException ex)
        {
            report.Problem("records", SqliteErrors.Translate(ex, db.DisplayName, "checking the vector log").Message);
        }
        catch (VecStoreException ex)
        {
            report.Problem("records", ex.Message);
        }
        report.Summary("records", records == 0
            ? $"empty (last LSN {last}, everything checkpointed)"
            : $"{records} records, LSN {first} to {previous}, in order, each of its column's size");
    }
}
