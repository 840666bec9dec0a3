using System.Globalization;
using System.Text;
using VecStore.Indexes.Distance;
using VecStore.Storage.Catalog;

namespace VecStore.Storage.Metadata;

/// <summary>Reads and changes the catalog tables (<c>_vs_tables</c>, <c>_vs_columns</c>) and the SQLite tables behind user tables.</summary>
internal static partial class CatalogStore
{
    /// <summary>Loads every table as of the connection's current snapshot.</summary>
    public static Catalog.Catalog Load(MetadataConnection db, long version)
    {
        try
        {
            return LoadTables(db, version);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or FormatException or OverflowException or System.Text.Json.JsonException)
        {
            // The catalog tables are STRICT and their columns NOT NULL: a value that cannot be read is damage.
            throw VecStoreException.CorruptMetadata(db.DisplayName, "the catalog cannot be read: " + ex.Message);
        }
    }

    private static Catalog.Catalog LoadTables(MetadataConnection db, long version)
    {
        var columnsByTable = new Dictionary<long, List<ColumnSchema>>();
        using (var reader = db.Query(
            "SELECT column_id, table_id, ordinal, name, type, dimensions, metric, not_null, pk_position, default_value " +
            "FROM _vs_columns ORDER BY table_id, ordinal", []))
        {
            while (reader.Read())
            {
                long tableId = reader.GetInt64(1);
                if (!TryParseType(reader.GetString(4), out var type, out var element))
                    throw VecStoreException.CorruptMetadata(db.DisplayName, $"column {reader.GetInt64(0)} has an unknown type '{reader.GetString(4)}'");
                if (!MetricNames.TryParse(reader.GetString(6), out var metric))
                    throw VecStoreException.CorruptMetadata(db.DisplayName, $"column {reader.GetInt64(0)} has an unknown metric");
                object? defaultValue = reader.IsDBNull(9) ? null : reader.GetValue(9);
                if (type == ColumnType.Boolean && defaultValue is long b)
                    defaultValue = b != 0;
                var column = new ColumnSchema(reader.GetInt64(0), reader.GetInt32(2), reader.GetString(3), type,
                    reader.GetInt32(5), metric, reader.GetInt64(7) != 0, reader.GetInt32(8), defaultValue, element);
                if (!columnsByTable.TryGetValue(tableId, out var list))
                    columnsByTable[tableId] = list = [];
                list.Add(column);
            }
        }

        var indexesByTable = LoadIndexes(db, columnsByTable);
        var tables = new List<TableSchema>();
        using (var reader = db.Query("SELECT table_id, name FROM _vs_tables", []))
        {
            while (reader.Read())
            {
                long id = reader.GetInt64(0);
                tables.Add(new TableSchema(id, reader.GetString(1), columnsByTable.GetValueOrDefault(id) ?? [], indexesByTable.GetValueOrDefault(id)));
            }
        }
        return new Catalog.Catalog(version, tables);
    }

    private static Dictionary<long, List<IndexSchema>> LoadIndexes(MetadataConnection db, Dictionary<long, List<ColumnSchema>> columnsByTable)
    {
        var indexes = new Dictionary<long, List<IndexSchema>>();
        // A file opened read-only may predate indexes and not have the table.
        if (Convert.ToInt64(db.Scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_vs_indexes'", []), CultureInfo.InvariantCulture) == 0)
            return indexes;
        using var reader = db.Query("SELECT index_id, name, table_id, method, columns, options FROM _vs_indexes ORDER BY index_id", []);
        while (reader.Read())
        {
            long indexId = reader.GetInt64(0), tableId = reader.GetInt64(2);
            var tableColumns = columnsByTable.GetValueOrDefault(tableId) ?? [];
            var columns = new List<ColumnSchema>();
            foreach (var part in reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                long columnId = long.Parse(part, CultureInfo.InvariantCulture);
                columns.Add(tableColumns.Find(c => c.ColumnId == columnId)
                    ?? throw VecStoreException.CorruptMetadata(db.DisplayName, $"index {indexId} names column {columnId}, which its table does not have"));
            }
            var method = reader.GetString(3) switch
            {
                "SCALAR" => IndexMethod.Scalar,
                "HNSW" => IndexMethod.Hnsw,
                "IVF" => IndexMethod.Ivf,
                "IVFPQ" => IndexMethod.IvfPq,
                var other => throw VecStoreException.CorruptMetadata(db.DisplayName, $"index {indexId} has an unknown method '{other}'"),
            };
            var options = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(5)) ?? [];
            if (!indexes.TryGetValue(tableId, out var list))
                indexes[tableId] = list = [];
            list.Add(new IndexSchema(indexId, reader.GetString(1), tableId, method, columns, options));
        }
        return indexes;
    }

    /// <summary>Records an index; a scalar one also becomes a SQLite index. Returns its id. The caller holds a write transaction.</summary>
    public static long CreateIndex(MetadataConnection db, IndexDefinition definition)
    {
        long indexId = Convert.ToInt64(db.Scalar(
            "INSERT INTO _vs_indexes (name, name_key, table_id, method, columns, options) VALUES ($0, $1, $2, $3, $4, $5) RETURNING index_id",
            [definition.Name, NameKey(definition.Name), definition.Table.TableId, definition.Method.ToString().ToUpperInvariant(),
             string.Join(",", definition.Columns.Select(c => c.ColumnId.ToString(CultureInfo.InvariantCulture))),
             System.Text.Json.JsonSerializer.Serialize(definition.Options)]), CultureInfo.InvariantCulture);
        if (definition.Method == IndexMethod.Scalar)
            db.Execute(ScalarIndexSql(indexId, definition.Table, definition.Columns, withoutColumnId: null));
        BumpVersion(db);
        return indexId;
    }

    /// <summary>The SQLite CREATE INDEX of a scalar index: its columns, then the slot of each of the table's vector columns (all but <paramref name="withoutColumnId"/>).</summary>
    /// <remarks>
    /// The trailing slots make the index cover the candidate list of a filtered vector search
    /// (<c>SELECT rowid, slot ... WHERE slot IS NOT NULL AND filter</c>): SQLite reads the
    /// passing rows' slots from the index entries instead of looking each table row up, about
    /// five times faster (docs/benchmarks.md). Scalar indexes are never UNIQUE, so the extra
    /// columns change no constraint, and the order of the index's own columns is unchanged.
    /// Made of ids only: no user text reaches SQLite as SQL.
    /// </remarks>
    internal static string ScalarIndexSql(long indexId, TableSchema table, IReadOnlyList<ColumnSchema> columns, long? withoutColumnId)
    {
        var sql = new StringBuilder("CREATE INDEX \"i").Append(indexId.ToString(CultureInfo.InvariantCulture)).Append("\" ON ")
            .Append(table.StorageName).Append(" (");
        for (int i = 0; i < columns.Count; i++)
            sql.Append(i == 0 ? "\"" : ", \"").Append(columns[i].StorageName).Append('"');
        foreach (var vector in table.VectorColumns)
            if (vector.ColumnId != withoutColumnId && !columns.Any(c => c.ColumnId == vector.ColumnId))
                sql.Append(", \"").Append(vector.StorageName).Append('"');
        return sql.Append(')').ToString();
    }

    /// <summary>Replaces an index's options (CREATE INDEX records what it tuned); the caller holds a write transaction.</summary>
    public static void SetIndexOptions(MetadataConnection db, long indexId, IReadOnlyDictionary<string, long> options)
    {
        db.Execute("UPDATE _vs_indexes SET options = $0 WHERE index_id = $1", [System.Text.Json.JsonSerializer.Serialize(options), indexId]);
        BumpVersion(db);
    }

    /// <summary>Removes an index from the catalog (and SQLite); a vector index's file is the caller's to delete after commit.</summary>
    public static void DropIndex(MetadataConnection db, IndexSchema index)
    {
        if (index.Method == IndexMethod.Scalar)
            db.Execute("DROP INDEX IF EXISTS " + index.StorageName);
        db.Execute("DELETE FROM _vs_indexes WHERE index_id = $0", [index.IndexId]);
        BumpVersion(db);
    }

    /// <summary>The catalog version in the current snapshot.</summary>
    public static long Version(MetadataConnection db)
        => Convert.ToInt64(db.Scalar("SELECT value FROM _vs_meta WHERE key = $0", [SystemTables.MetaCatalogVersion]), CultureInfo.InvariantCulture);

    /// <summary>Records a new table and creates its SQLite table; the caller holds a write transaction.</summary>
    public static void CreateTable(MetadataConnection db, TableDefinition definition)
    {
        long tableId = Convert.ToInt64(db.Scalar(
            "INSERT INTO _vs_tables (name, name_key) VALUES ($0, $1) RETURNING table_id",
            [definition.Name, NameKey(definition.Name)]), CultureInfo.InvariantCulture);

        var columns = new List<ColumnSchema>();
        for (int i = 0; i < definition.Columns.Count; i++)
            columns.Add(InsertColumn(db, tableId, i, definition.Columns[i]));

        var table = new TableSchema(tableId, definition.Name, columns);
        db.Execute(CreateTableSql(table));
        BumpVersion(db);
    }

    /// <summary>Records one column of a table in <c>_vs_columns</c>; its id names its SQLite column.</summary>
    private static ColumnSchema InsertColumn(MetadataConnection db, long tableId, int ordinal, ColumnDefinition c)
    {
        long columnId = Convert.ToInt64(db.Scalar(
            "INSERT INTO _vs_columns (table_id, ordinal, name, type, dimensions, metric, not_null, pk_position, default_value) " +
            "VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8) RETURNING column_id",
            [tableId, (long)ordinal, c.Name, TypeName(c.Type, c.Element), (long)c.Dimensions, MetricNames.ToSql(c.Metric),
             c.NotNull ? 1L : 0L, (long)c.PrimaryKeyPosition, StoredValue(c.DefaultValue)]), CultureInfo.InvariantCulture);
        return new ColumnSchema(columnId, ordinal, c.Name, c.Type, c.Dimensions, c.Metric, c.NotNull, c.PrimaryKeyPosition, c.DefaultValue, c.Element);
    }

    /// <summary>A scalar value as SQLite stores it: BOOLEAN as 0 or 1.</summary>
    private static object? StoredValue(object? value) => value is bool b ? (b ? 1L : 0L) : value;

    /// <summary>Removes a table from the catalog and drops its SQLite table; vector pages are freed by the log's drop records.</summary>
    /// <remarks>
    /// A vector column's row stays, under the negated table id, until a checkpoint applies the
    /// column's drop record: the checkpoint needs its element type and dimensions to apply the
    /// records logged before the drop.
    /// </remarks>
    public static void DropTable(MetadataConnection db, TableSchema table)
    {
        db.Execute("DROP TABLE " + table.StorageName);
        foreach (var column in table.VectorColumns)
            db.Execute("DELETE FROM _vs_free_slots WHERE column_id = $0", [column.ColumnId]);
        db.Execute("DELETE FROM _vs_columns WHERE table_id = $0 AND type NOT IN ('VECTOR', 'VECTOR HALF', 'BIT')", [table.TableId]);
        db.Execute("UPDATE _vs_columns SET table_id = -table_id WHERE table_id = $0", [table.TableId]);
        db.Execute("DELETE FROM _vs_tables WHERE table_id = $0", [table.TableId]);
        db.Execute("DELETE FROM _vs_indexes WHERE table_id = $0", [table.TableId]);
        BumpVersion(db);
    }

    /// <summary>Element type and dimensions of every vector column, dropped ones whose pages are not freed yet included.</summary>
    public static Dictionary<long, (VecStore.Indexes.VectorElement Element, int Dimensions)> VectorColumnShapes(MetadataConnection db)
    {
        var shapes = new Dictionary<long, (VecStore.Indexes.VectorElement, int)>();
        using var rows = db.Rows("SELECT column_id, type, dimensions FROM _vs_columns WHERE type IN ('VECTOR', 'VECTOR HALF', 'BIT')", []);
        while (rows.MoveNext())
        {
            TryParseType(rows.Text(1), out _, out var element);
            shapes[rows.Int64(0)] = (element, (int)rows.Int64(2));
        }
        return shapes;
    }

    /// <summary>Forgets dropped vector columns once a checkpoint has freed their pages.</summary>
    public static void ForgetDroppedColumns(MetadataConnection db, IEnumerable<long> columnIds)
    {
        foreach (var id in columnIds)
            db.Execute("DELETE FROM _vs_columns WHERE column_id = $0 AND table_id < 0", [id]);
    }

    /// <summary>How a column type is written in <c>_vs_columns.type</c>.</summary>
    private static string TypeName(ColumnType type, VecStore.Indexes.VectorElement element) => type switch
    {
        ColumnType.Vector => element switch
        {
            VecStore.Indexes.VectorElement.Float16 => "VECTOR HALF",
            VecStore.Indexes.VectorElement.Bit => "BIT",
            _ => "VECTOR",
        },
        _ => type.ToString().ToUpperInvariant(),
    };

    private static bool TryParseType(string text, out ColumnType type, out VecStore.Indexes.VectorElement element)
    {
        element = VecStore.Indexes.VectorElement.Float32;
        switch (text)
        {
            case "VECTOR": type = ColumnType.Vector; return true;
            case "VECTOR HALF": type = ColumnType.Vector; element = VecStore.Indexes.VectorElement.Float16; return true;
            case "BIT": type = ColumnType.Vector; element = VecStore.Indexes.VectorElement.Bit; return true;
            default: return Enum.TryParse(text, ignoreCase: true, out type) && type != ColumnType.Vector;
        }
    }

    /// <summary>The key names are unique by: the name folded to upper case.</summary>
    public static string NameKey(string name) => name.ToUpperInvariant();

    private static void BumpVersion(MetadataConnection db)
        => db.Execute("UPDATE _vs_meta SET value = value + 1 WHERE key = $0", [SystemTables.MetaCatalogVersion]);

    // The DDL is made of catalog ids and fixed keywords only: no user text reaches SQLite as SQL.
    private static string CreateTableSql(TableSchema table)
    {
        var sql = new StringBuilder("CREATE TABLE ").Append(table.StorageName).Append(" (");
        bool keyIsRowId = table.KeyIsRowId;
        for (int i = 0; i < table.Columns.Count; i++)
        {
            var c = table.Columns[i];
            if (i > 0)
                sql.Append(", ");
            AppendColumnSql(sql, c, keyIsRowId && c.IsPrimaryKey);
        }
        if (!keyIsRowId && table.PrimaryKey.Count > 0)
        {
            sql.Append(", PRIMARY KEY (");
            for (int i = 0; i < table.PrimaryKey.Count; i++)
                sql.Append(i == 0 ? "\"" : ", \"").Append(table.PrimaryKey[i].StorageName).Append('"');
            sql.Append(')');
        }
        return sql.Append(") STRICT").ToString();
    }

    /// <summary>One column of a SQLite table, named from its id: its storage type, NOT NULL, and BOOLEAN's check.</summary>
    private static void AppendColumnSql(StringBuilder sql, ColumnSchema c, bool isRowId)
    {
        sql.Append('"').Append(c.StorageName).Append("\" ").Append(StorageType(c.Type));
        if (isRowId)
            sql.Append(" PRIMARY KEY");
        else if (c.NotNull || c.IsPrimaryKey)
            sql.Append(" NOT NULL");
        if (c.Type == ColumnType.Boolean)
            sql.Append(" CHECK (\"").Append(c.StorageName).Append("\" IN (0, 1))");
    }

    /// <summary>The STRICT type SQLite stores a column's values as; a vector column holds its slot number.</summary>
    private static string StorageType(ColumnType type) => type switch
    {
        ColumnType.Integer => "INTEGER",
        ColumnType.Real => "REAL",
        ColumnType.Text => "TEXT",
        ColumnType.Blob => "BLOB",
        ColumnType.Boolean => "INTEGER",
        ColumnType.Vector => "INTEGER",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
