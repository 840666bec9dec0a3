using Microsoft.Data.Sqlite;
using VecStore.Indexes;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;
using VecStore.Storage.Pages;
using VecStore.Storage.Views;

namespace VecStore.Storage.Checking;

/// <summary>
/// CHECK's look at the vector file: its header, every page's header and checksum read afresh
/// (not the per-process cache of pages already verified), the page directory (each page owned
/// once, as the directory in memory says), and the rows against the slots (every row's slot live
/// and carrying that row's id, no live slot without a row).
/// </summary>
/// <remarks>The caller holds the shared page latch, so no checkpoint changes pages meanwhile.</remarks>
internal static class VectorFileCheck
{
    /// <remarks>Reports the pages read through <paramref name="monitor"/>, which may stop the check.</remarks>
    public static void Run(MetadataConnection db, Catalog.Catalog catalog, Database database, IReadOnlyDictionary<long, (VectorElement Element, int Dimensions)> shapes,
        Func<ColumnSchema, ColumnView> viewOf, CheckReport report, StatementMonitor monitor)
    {
        var file = database.Vectors;
        report.Begin(file.DisplayName, "vector file");
        CheckHeader(file, database, report);
        // A checkpoint whose process died while changing pages leaves checksums not sealed yet;
        // every slot it changed is read from the log until the next writer finishes it.
        var interrupted = file.InterruptedApply;
        var (vectorPages, freePages) = CheckPages(file, database.Pages, shapes, trustChecksums: interrupted is null, report, monitor);
        long rows = 0;
        monitor.Begin("checking the rows' vectors", 0);
        foreach (var table in catalog.Tables)
            foreach (var column in table.VectorColumns)
                rows += CheckRows(db, table, column, viewOf, report);
        string checksums = interrupted is { } m
            ? $"checksums not checked: a checkpoint from LSN {m.FromLsn} to {m.TargetLsn} was interrupted and the next writer finishes it"
            : "with matching checksums";
        report.Summary("pages", $"header ok (checkpoint LSN {file.Header.CheckpointLsn}); {vectorPages} vector pages {checksums}, {freePages} free; {rows} row vectors each in a live slot carrying its row id, no live slot without a row");
    }

    private static void CheckHeader(VectorFile file, Database database, CheckReport report)
    {
        var header = FileHeader.TryRead(file.Page(0), out var problem);
        if (header is not { } h)
        {
            report.Problem("header", problem!);
            return;
        }
        if (h.DatabaseId != database.DatabaseId)
            report.Problem("header", "it belongs to another database (its database id differs)");
        if (h.PageSize != file.PageSize)
            report.Problem("header", $"it says pages of {h.PageSize} bytes, the file was opened with {file.PageSize}");
        if (h.CheckpointLsn != file.Header.CheckpointLsn)
            report.Problem("header", $"it says checkpoint LSN {h.CheckpointLsn}, this process last wrote or read {file.Header.CheckpointLsn}");
    }

    private static (long Vectors, long Free) CheckPages(VectorFile file, PageDirectory directory, IReadOnlyDictionary<long, (VectorElement Element, int Dimensions)> shapes, bool trustChecksums, CheckReport report, StatementMonitor monitor)
    {
        // Where the directory in memory says each column's pages are: every one must say so itself.
        var expected = new Dictionary<long, (long Column, int Index)>();
        foreach (long column in directory.Columns)
        {
            var pages = directory.Pages(column);
            for (int i = 0; i < pages.Length; i++)
                if (pages[i] >= 0)
                    expected[pages[i]] = (column, i);
        }

        var owners = new Dictionary<(long Column, int Index), long>();
        long vectors = 0, free = 0;
        monitor.Begin("checking the vector pages", file.PageCount - 1);
        for (long p = 1; p < file.PageCount; p++)
        {
            if (p % 64 == 0)
                monitor.Report(p);
            var page = file.Page(p);
            string item = "page " + p;
            bool listed = expected.TryGetValue(p, out var owner);
            if (!PageHeader.HasMagic(page))
            {
                // Never written (the file grew past it): unused unless a column relies on it.
                if (listed)
                    report.Problem(item, $"its header is damaged (it is page {owner.Index} of column {owner.Column})");
                continue;
            }
            ushort kind = PageHeader.Kind(page);
            if (kind == PageHeader.KindFree)
            {
                free++;
                if (listed)
                    report.Problem(item, $"it is marked free, but it is page {owner.Index} of column {owner.Column}");
                continue;
            }
            if (kind != PageHeader.KindVectors)
            {
                report.Problem(item, $"its header names page kind {kind}");
                continue;
            }
            vectors++;
            if (trustChecksums && !PageHeader.ChecksumMatches(page))
                report.Problem(item, "its checksum does not match its contents");
            long column = PageHeader.ColumnId(page);
            int index = PageHeader.PageIndex(page);
            if (owners.TryGetValue((column, index), out long other))
                report.Problem(item, $"it claims to be page {index} of column {column}, like page {other}");
            else
                owners[(column, index)] = p;
            if (!listed || owner != (column, index))
                report.Problem(item, $"it claims to be page {index} of column {column}, the page directory disagrees");
            if (!shapes.TryGetValue(column, out var shape))
                report.Problem(item, $"it belongs to column {column}, which the catalog does not know");
            else if (PageHeader.Element(page) != shape.Element || PageHeader.Dimensions(page) != shape.Dimensions)
                report.Problem(item, $"it holds {PageHeader.Element(page)?.ToString() ?? "unknown"} vectors of {PageHeader.Dimensions(page)} dimensions, the catalog says {shape.Element} of {shape.Dimensions}");
        }
        foreach (var (p, owner) in expected)
            if (p >= file.PageCount)
                report.Problem("page " + p, $"page {owner.Index} of column {owner.Column} lies past the end of the file");
        return (vectors, free);
    }

    /// <summary>Rows against slots for one vector column; returns the rows with a vector.</summary>
    private static long CheckRows(MetadataConnection db, TableSchema table, ColumnSchema column, Func<ColumnSchema, ColumnView> viewOf, CheckReport report)
    {
        string item = $"column {table.Name}.{column.Name}";
        long rows = 0;
        try
        {
            var view = viewOf(column);
            var referenced = new HashSet<long>();
            // Names made from catalog ids only (StorageName), never from user text.
            string sql = $"SELECT rowid, {column.StorageName} FROM {table.StorageName} WHERE {column.StorageName} IS NOT NULL";
            using (var cursor = db.Rows(sql, []))
            {
                while (cursor.MoveNext())
                {
                    rows++;
                    long rowId = cursor.Int64(0);
                    long slot = cursor.Int64(1);
                    if (!referenced.Add(slot))
                        report.Problem(item, $"row {rowId} points at vector slot {slot}, like another row");
                    long? carried = view.RowIdOf(slot);
                    if (carried is null)
                        report.Problem(item, $"row {rowId} points at vector slot {slot}, which holds no vector");
                    else if (carried != rowId)
                        report.Problem(item, $"row {rowId} points at vector slot {slot}, which carries row id {carried}");
                }
            }
            for (int b = 0; b < view.BlockCount; b++)
            {
                var block = view.GetBlock(b);
                for (int i = 0; i < block.Count; i++)
                    if (block.IsPresent(i) && !referenced.Contains(block.IdAt(i)))
                        report.Problem(item, $"vector slot {block.IdAt(i)} is live (row id {view.RowIdOf(block.IdAt(i))}) but no row points at it");
            }
        }
        catch (SqliteException ex)
        {
            report.Problem(item, SqliteErrors.Translate(ex, db.DisplayName, "checking rows against slots").Message);
        }
        catch (VecStoreException ex)
        {
            report.Problem(item, ex.Message);
        }
        return rows;
    }
}
