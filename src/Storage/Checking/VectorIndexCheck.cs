using VecStore.Indexes;
using VecStore.Storage.Catalog;
using VecStore.Storage.Indexing;
using VecStore.Storage.Views;

namespace VecStore.Storage.Checking;

/// <summary>
/// CHECK's look at one vector index: its file read afresh (header, checksum, parameters), and
/// the index queries use against the table: every live row held with its current vector, nothing
/// held that the table does not have, the same count.
/// </summary>
internal static class VectorIndexCheck
{
    /// <summary>Reads the index file as an open would; a damaged or missing file is reported (queries rebuild the index from the table).</summary>
    public static void CheckFile(string path, IndexSchema schema, ColumnSchema column, CheckReport report)
    {
        if (!File.Exists(path))
        {
            report.Problem("file", "the index file is missing; the index is rebuilt from the table when the database is opened for writing");
            return;
        }
        try
        {
            using var index = VectorIndexFactory.Load(schema, path, out long stamp);
            if (!VectorIndexFactory.Matches(index, schema, column))
                report.Problem("file", "it was built for other parameters or another column; the index is rebuilt from the table");
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            report.Problem("file", $"it cannot be read ({ex.Message}); the index is rebuilt from the table when the database is opened for writing");
        }
    }

    /// <summary>Compares the loaded index with the column as this statement sees it; returns the live rows compared.</summary>
    /// <param name="state">The index queries use; held still (its apply gate) while compared.</param>
    /// <param name="view">The committed vectors of the column at this statement's snapshot.</param>
    /// <param name="snapshot">The LSN of <paramref name="view"/>.</param>
    /// <param name="changedAfterSnapshot">Slots changed between the snapshot and a given newer LSN (the index may be ahead of this statement).</param>
    public static long CheckAgreement(VectorIndexState state, ColumnView view, long snapshot, Func<long, HashSet<long>> changedAfterSnapshot, CheckReport report)
    {
        lock (state.ApplyGate)
        {
            var index = state.Index;
            long covered = state.CoveredLsn;
            // Slots changed between the index's LSN and the snapshot (either way round) are
            // ranked exactly by queries, not taken from the index: they are not compared.
            var changed = view.ChangedSince(Math.Min(covered, snapshot));
            HashSet<long>? ahead = covered > snapshot ? changedAfterSnapshot(covered) : null;
            bool Skipped(long slot) => changed.IsChanged(slot) || (ahead is not null && ahead.Contains(slot));

            int bytes = VectorElements.BytesPerVector(view.ElementType, view.Dimensions);
            long live = 0;
            for (int b = 0; b < view.BlockCount; b++)
            {
                var block = view.GetBlock(b);
                for (int i = 0; i < block.Count; i++)
                {
                    if (!block.IsPresent(i))
                        continue;
                    long slot = block.IdAt(i);
                    live++;
                    if (Skipped(slot))
                        continue;
                    if (!index.Holds(slot, block.Data.Slice(i * bytes, bytes)))
                        report.Problem("entries", index.Contains(slot)
                            ? $"vector slot {slot} (row {view.RowIdOf(slot)}) is held with another vector than the table's"
                            : $"vector slot {slot} (row {view.RowIdOf(slot)}) is missing from the index");
                }
            }
            foreach (long slot in index.LiveIds())
                if (!Skipped(slot) && view.RowIdOf(slot) is null)
                    report.Problem("entries", $"it holds vector slot {slot}, which no row of the table has");
            // With changes on either side of the snapshot the counts legitimately differ; the
            // entry-by-entry comparison above already covers every slot they do not touch.
            if (changed.IsEmpty && (ahead is null || ahead.Count == 0) && index.Count != live)
                report.Problem("entries", $"it holds {index.Count} vectors, the table has {live}");
            return live;
        }
    }
}
