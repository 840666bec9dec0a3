using System.Globalization;
using Microsoft.Data.Sqlite;
using VecStore.Storage.Catalog;
using VecStore.Storage.Metadata;

namespace VecStore.Storage.Checking;

/// <summary>CHECK's look at the SQLite file: SQLite's own integrity check, then VecStore's catalog against the tables and indexes SQLite holds, and the meta values.</summary>
internal static class SqliteFileCheck
{
    public static void Run(MetadataConnection db, Catalog.Catalog catalog, Database database, CheckReport report)
    {
        report.Begin(db.DisplayName, "sqlite");
        Guarded(db, report, "integrity", () => IntegrityCheck(db, report));
        Guarded(db, report, "_vs_meta", () => CheckMeta(db, database, report));
        int objects = Guarded(db, report, "catalog", () => CheckCatalog(db, catalog, report));
        report.Summary("file", $"PRAGMA integrity_check ok; the {objects} SQLite tables and indexes behind the catalog's {catalog.Tables.Count} tables present; _vs_meta consistent");
    }

    private static int IntegrityCheck(MetadataConnection db, CheckReport report)
    {
        int lines = 0;
        // At most this many lines: past them SQLite stops, and the report says how many more there were.
        using var rows = db.Rows("PRAGMA integrity_check(" + CheckReport.MaxProblemsPerFile.ToString(CultureInfo.InvariantCulture) + ")", []);
        while (rows.MoveNext())
        {
            lines++;
            string line = rows.Text(0);
            if (line != "ok")
                report.Problem("integrity", "SQLite: " + line);
        }
        return lines;
    }

    private static int CheckMeta(MetadataConnection db, Database database, CheckReport report)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        using (var rows = db.Rows("SELECT key, value FROM _vs_meta", []))
            while (rows.MoveNext())
                values[rows.Text(0)] = rows.Value(1);

        if (values.GetValueOrDefault(SystemTables.MetaFormatVersion) is not long version || version < 1 || version > SystemTables.FormatVersion)
            report.Problem("_vs_meta", $"format_version is {Show(values, SystemTables.MetaFormatVersion)}, expected 1 to {SystemTables.FormatVersion}");
        if (values.GetValueOrDefault(SystemTables.MetaDatabaseId) is not string id || !Guid.TryParse(id, out var guid) || guid != database.DatabaseId)
            report.Problem("_vs_meta", $"database_id is {Show(values, SystemTables.MetaDatabaseId)}, the open database has {database.DatabaseId}");
        if (values.GetValueOrDefault(SystemTables.MetaPageSize) is not long pageSize || pageSize != database.Vectors.PageSize)
            report.Problem("_vs_meta", $"page_size is {Show(values, SystemTables.MetaPageSize)}, the vector file's pages are {database.Vectors.PageSize} bytes");
        if (values.GetValueOrDefault(SystemTables.MetaCatalogVersion) is not long catalogVersion || catalogVersion < 0)
            report.Problem("_vs_meta", $"catalog_version is {Show(values, SystemTables.MetaCatalogVersion)}, expected a whole number of at least 0");
        long last = Wal.VectorLog.LastLsn(db);
        if (values.GetValueOrDefault(SystemTables.MetaCheckpointLsn) is not long checkpoint || checkpoint < 0 || checkpoint > last)
            report.Problem("_vs_meta", $"checkpoint_lsn is {Show(values, SystemTables.MetaCheckpointLsn)}, expected 0 to the last LSN {last}");
        return 0;
    }

    private static string Show(Dictionary<string, object?> values, string key)
        => values.TryGetValue(key, out var value) ? value is null ? "NULL" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?" : "missing";

    /// <summary>Every table, column and scalar index of the catalog has its SQLite table, column and index; returns how many were found.</summary>
    private static int CheckCatalog(MetadataConnection db, Catalog.Catalog catalog, CheckReport report)
    {
        int found = 0;
        foreach (var table in catalog.Tables)
        {
            string tableName = Unquote(table.StorageName);
            var columns = new HashSet<string>(StringComparer.Ordinal);
            using (var rows = db.Rows("SELECT name FROM pragma_table_info($0)", [tableName]))
                while (rows.MoveNext())
                    columns.Add(rows.Text(0));
            if (columns.Count == 0)
            {
                report.Problem("table " + table.Name, $"the catalog lists it, but SQLite has no table {tableName} holding its rows");
                continue;
            }
            found++;
            foreach (var column in table.Columns)
                if (!columns.Contains(column.StorageName))
                    report.Problem("table " + table.Name, $"column '{column.Name}' is stored in {column.StorageName}, which {tableName} does not have");
            foreach (var index in table.Indexes)
            {
                if (index.Method != IndexMethod.Scalar)
                    continue;
                string indexName = Unquote(index.StorageName);
                if (Convert.ToInt64(db.Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = $0 AND tbl_name = $1", [indexName, tableName]), CultureInfo.InvariantCulture) == 0)
                    report.Problem("index " + index.Name, $"the catalog lists it, but SQLite has no index {indexName} on {tableName}");
                else
                    found++;
            }
        }
        return found;
    }

    private static string Unquote(string storageName) => storageName.Trim('"');

    /// <summary>Runs one step; a SQLite or VecStore error becomes a problem of the file instead of ending the check.</summary>
    private static int Guarded(MetadataConnection db, CheckReport report, string item, Func<int> step)
    {
        try
        {
            return step();
        }
        catch (SqliteException ex)
        {
            report.Problem(item, SqliteErrors.Translate(ex, db.DisplayName, "checking").Message);
        }
        catch (VecStoreException ex)
        {
            report.Problem(item, ex.Message);
        }
        return 0;
    }
}
