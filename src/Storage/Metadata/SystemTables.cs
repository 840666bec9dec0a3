namespace VecStore.Storage.Metadata;

/// <summary>VecStore's own tables inside the SQLite file, and the meta keys it keeps.</summary>
/// <remarks>The same layout is documented in docs/format.md.</remarks>
internal static class SystemTables
{
    /// <summary>Version of the layout below; a file with a newer one is refused.</summary>
    public const int FormatVersion = 1;

    public const string MetaFormatVersion = "format_version";
    public const string MetaDatabaseId = "database_id";
    public const string MetaCatalogVersion = "catalog_version";
    public const string MetaCheckpointLsn = "checkpoint_lsn";
    public const string MetaPageSize = "page_size";

    /// <summary>Creates every system table; run once, inside the transaction that creates the database.</summary>
    public static readonly string[] Create =
    [
        // key/value facts about the database: format version, id shared with the vector file, ...
        "CREATE TABLE _vs_meta (key TEXT PRIMARY KEY, value ANY) STRICT",
        // user tables; the SQLite table holding a table's rows is named "t" + table_id
        "CREATE TABLE _vs_tables (table_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE) STRICT",
        // columns; a scalar's SQLite column is "c" + column_id, a vector column's slot number "v" + column_id
        "CREATE TABLE _vs_columns (column_id INTEGER PRIMARY KEY AUTOINCREMENT, table_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, " +
        "name TEXT NOT NULL, type TEXT NOT NULL, dimensions INTEGER NOT NULL, metric TEXT NOT NULL, not_null INTEGER NOT NULL, " +
        "pk_position INTEGER NOT NULL, default_value ANY, next_slot INTEGER NOT NULL DEFAULT 0) STRICT",
        "CREATE INDEX _vs_columns_by_table ON _vs_columns (table_id, ordinal)",
        // slots freed by deletes, reused by later inserts
        "CREATE TABLE _vs_free_slots (column_id INTEGER NOT NULL, slot INTEGER NOT NULL, PRIMARY KEY (column_id, slot)) STRICT, WITHOUT ROWID",
        // the vector write-ahead log: one record per vector written, freed or column dropped;
        // vector NULL frees the slot; slot -1 drops the column's pages
        "CREATE TABLE _vs_vector_log (lsn INTEGER PRIMARY KEY AUTOINCREMENT, column_id INTEGER NOT NULL, slot INTEGER NOT NULL, " +
        "row_id INTEGER, vector BLOB) STRICT",
        CreateIndexes,
        CreateStatistics,
    ];

    /// <summary>Indexes: a scalar index is the SQLite index "i" + index_id; a vector index, the file name.vdb-index-&lt;index_id&gt;.</summary>
    /// <remarks>Files made before indexes existed get the table when first opened for writing.</remarks>
    public const string CreateIndexes =
        "CREATE TABLE IF NOT EXISTS _vs_indexes (index_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, " +
        "table_id INTEGER NOT NULL, method TEXT NOT NULL, columns TEXT NOT NULL, options TEXT NOT NULL) STRICT";

    /// <summary>What ANALYZE gathered per table: its row count and a sample of its row ids (a JSON array), from which the planner estimates how many rows a filter passes.</summary>
    /// <remarks>Files made before ANALYZE existed get the table when first opened for writing.</remarks>
    public const string CreateStatistics =
        "CREATE TABLE IF NOT EXISTS _vs_stats (table_id INTEGER PRIMARY KEY, row_count INTEGER NOT NULL, sample TEXT NOT NULL) STRICT";
}
