using Microsoft.Data.Sqlite;
using VecStore.Storage.Checking;
using VecStore.Storage.Indexing;
using VecStore.Storage.Metadata;

namespace VecStore.Storage;

// CHECK: the state of every file of the database, as the current statement's snapshot sees it.
public sealed partial class Session
{
    /// <summary>Checks the SQLite file, the vector log, the vector file and every vector index; one line per file, and one per problem found.</summary>
    /// <remarks>
    /// Runs inside a read statement, so it sees one consistent snapshot while writers go on, and
    /// works on a read-only connection. A problem it can describe becomes a line of the report,
    /// never an exception. The vector pages are read under the shared page latch, so a checkpoint
    /// waits until the check is done. Each part reports through <see cref="Monitor"/>; a stopped
    /// check fails with the stop error at the next part (what it found so far is dropped).
    /// </remarks>
    public IReadOnlyList<CheckFinding> Check()
    {
        var scope = RequireStatement();
        var report = new CheckReport();
        _monitor.Begin("checking the SQLite file", 0);
        SqliteFileCheck.Run(_db, _catalog, _database, report);
        _monitor.Begin("checking the vector log", 0);

        Dictionary<long, (Indexes.VectorElement Element, int Dimensions)> shapes;
        try
        {
            shapes = CatalogStore.VectorColumnShapes(_db);
        }
        catch (SqliteException ex)
        {
            report.Begin(_db.DisplayName, "sqlite");
            report.Problem("_vs_columns", SqliteErrors.Translate(ex, DisplayName, "reading the vector columns").Message);
            return report.Finish();
        }
        VectorLogCheck.Run(_db, shapes, report);

        _database.Latch.EnterShared();
        try
        {
            VectorFileCheck.Run(_db, _catalog, _database, shapes, scope.View, report, _monitor);
            var indexes = _catalog.VectorIndexes().ToList();
            int checkedIndexes = 0;
            _monitor.Begin("checking the vector indexes", indexes.Count);
            foreach (var (table, index) in indexes)
            {
                CheckIndex(scope, table, index, report);
                _monitor.Report(++checkedIndexes);
            }
        }
        finally
        {
            _database.Latch.ExitShared();
        }
        _monitor.ThrowIfStopped();
        return report.Finish();
    }

    private void CheckIndex(StatementScope scope, Catalog.TableSchema table, Catalog.IndexSchema index, CheckReport report)
    {
        var column = index.Columns[0];
        string? path = _database.Options.IsMemory ? null : IndexFiles.PathOf(_database.Options.DataSource, index.IndexId);
        report.Begin(path ?? $":memory: index {index.Name}", "vector index");
        if (DeferredTraining.IsWaiting(index))
        {
            // An inverted-file index declared before its rows has no file and no entries yet: nothing to compare.
            report.Summary($"index {index.Name} on {table.Name}",
                $"{index.Method} index waiting to train: it trains once the column holds {DeferredTraining.RowsNeeded(index)} vectors; searched exactly until then");
            return;
        }
        if (path is not null)
            VectorIndexCheck.CheckFile(path, index, column, report);
        long live = 0;
        string how = "searched exactly until it can be built";
        try
        {
            var state = LoadIndex(index);
            if (state is not null)
            {
                live = VectorIndexCheck.CheckAgreement(state, scope.CommittedView(column), SnapshotLsn,
                    newer => _database.SlotsChangedBetween(column.ColumnId, SnapshotLsn, newer), report);
                how = $"covers LSN {state.CoveredLsn}";
            }
        }
        catch (SqliteException ex)
        {
            report.Problem("entries", SqliteErrors.Translate(ex, DisplayName, "checking an index").Message);
        }
        catch (VecStoreException ex)
        {
            report.Problem("entries", ex.Message);
        }
        report.Summary($"index {index.Name} on {table.Name}", $"{index.Method} index{(path is null ? "" : ", file readable")}; holds each of the {live} live rows with its current vector; {how}");
    }
}
