using System.Data;
using System.Globalization;
using VecStore.Storage.Catalog;
using VecStore.Storage.Indexing;

namespace VecStore;

/// <summary>The ADO.NET schema collections a <see cref="VecStoreConnection"/> answers in <c>GetSchema</c>.</summary>
/// <remarks>
/// The common collections (MetaDataCollections, DataSourceInformation, DataTypes, Restrictions,
/// ReservedWords) and the catalog ones: Tables, Columns, Indexes, IndexColumns and VectorColumns.
/// Restrictions are positional, as ADO.NET defines them: catalog, schema, table, then the column
/// or index name. The catalog is <c>main</c>; VecStore has no schemas, so TABLE_SCHEMA is NULL and
/// a schema restriction matches nothing. A null or empty restriction matches everything; names
/// match ignoring case, as VecStore's identifiers do.
/// </remarks>
internal static partial class SchemaCollections
{
    private sealed record Collection(string Name, string[] Restrictions, int IdentifierParts, Func<Catalog?, string?[], DataTable> Build, bool NeedsCatalog);

    private static readonly string[] TableRestrictions = ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE"];
    private static readonly string[] ColumnRestrictions = ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME"];
    private static readonly string[] IndexRestrictions = ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "INDEX_NAME"];
    private static readonly string[] IndexColumnRestrictions = ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "INDEX_NAME", "COLUMN_NAME"];

    private static readonly Collection[] All =
    [
        new("MetaDataCollections", [], 0, (_, _) => MetaDataCollections(), false),
        new("DataSourceInformation", [], 0, (_, _) => DataSourceInformation(), false),
        new("DataTypes", [], 0, (_, _) => DataTypes(), false),
        new("Restrictions", [], 0, (_, _) => Restrictions(), false),
        new("ReservedWords", [], 0, (_, _) => ReservedWords(), false),
        new("Tables", TableRestrictions, 3, (c, r) => Tables(c!, r), true),
        new("Columns", ColumnRestrictions, 4, (c, r) => Columns(c!, r), true),
        new("Indexes", IndexRestrictions, 4, (c, r) => Indexes(c!, r), true),
        new("IndexColumns", IndexColumnRestrictions, 5, (c, r) => IndexColumns(c!, r), true),
        new("VectorColumns", ColumnRestrictions, 4, (c, r) => VectorColumns(c!, r), true),
    ];

    /// <summary>The collection <paramref name="name"/> (ignoring case), reading the catalog from <paramref name="catalog"/> when it needs it.</summary>
    public static DataTable Get(string name, string?[]? restrictions, Func<Catalog> catalog)
    {
        restrictions ??= [];
        foreach (var collection in All)
        {
            if (!string.Equals(collection.Name, name, StringComparison.OrdinalIgnoreCase))
                continue;
            if (restrictions.Length > collection.Restrictions.Length)
                throw new VecStoreException(ErrorCode.UnsupportedOperation,
                    $"schema collection '{collection.Name}' takes at most {collection.Restrictions.Length} restrictions ({Describe(collection.Restrictions)}), not {restrictions.Length}");
            var table = collection.Build(collection.NeedsCatalog ? catalog() : null, restrictions);
            table.TableName = collection.Name;
            return table;
        }
        throw new VecStoreException(ErrorCode.UnsupportedOperation,
            $"schema collection '{name}' is not available; the collections are {string.Join(", ", All.Select(c => c.Name))}");
    }

    private static string Describe(string[] restrictions) => restrictions.Length == 0 ? "none" : string.Join(", ", restrictions);

    private static DataTable MetaDataCollections()
    {
        var table = NewTable(("CollectionName", typeof(string)), ("NumberOfRestrictions", typeof(int)), ("NumberOfIdentifierParts", typeof(int)));
        foreach (var collection in All)
            table.Rows.Add(collection.Name, collection.Restrictions.Length, collection.IdentifierParts);
        return table;
    }

    private static DataTable Restrictions()
    {
        var table = NewTable(("CollectionName", typeof(string)), ("RestrictionName", typeof(string)), ("RestrictionDefault", typeof(string)), ("RestrictionNumber", typeof(int)));
        foreach (var collection in All)
            for (int i = 0; i < collection.Restrictions.Length; i++)
                table.Rows.Add(collection.Name, collection.Restrictions[i], DBNull.Value, i + 1);
        return table;
    }

    private static DataTable Tables(Catalog catalog, string?[] r)
    {
        var table = NewTable(("TABLE_CATALOG", typeof(string)), ("TABLE_SCHEMA", typeof(string)), ("TABLE_NAME", typeof(string)), ("TABLE_TYPE", typeof(string)));
        const string TableType = "BASE TABLE";
        foreach (var t in TablesMatching(catalog, r))
            if (Matches(r, 3, TableType))
                table.Rows.Add(VecStoreDbColumn.CatalogName, DBNull.Value, t.Name, TableType);
        return table;
    }

    private static DataTable Columns(Catalog catalog, string?[] r)
    {
        var table = NewTable(
            ("TABLE_CATALOG", typeof(string)), ("TABLE_SCHEMA", typeof(string)), ("TABLE_NAME", typeof(string)), ("COLUMN_NAME", typeof(string)),
            ("ORDINAL_POSITION", typeof(int)), ("COLUMN_DEFAULT", typeof(string)), ("IS_NULLABLE", typeof(bool)), ("DATA_TYPE", typeof(string)),
            ("COLUMN_TYPE", typeof(string)), ("DIMENSIONS", typeof(int)), ("ELEMENT_TYPE", typeof(string)), ("METRIC", typeof(string)),
            ("IS_PRIMARY_KEY", typeof(bool)), ("PRIMARY_KEY_POSITION", typeof(int)));
        foreach (var t in TablesMatching(catalog, r))
        {
            foreach (var c in t.Columns)
            {
                if (!Matches(r, 3, c.Name))
                    continue;
                table.Rows.Add(VecStoreDbColumn.CatalogName, DBNull.Value, t.Name, c.Name,
                    c.Ordinal + 1, c.DefaultValue is null ? DBNull.Value : SqlLiterals.Format(c.DefaultValue), !c.NotNull && !(t.KeyIsRowId && c.IsPrimaryKey),
                    c.IsVector ? "VECTOR" : c.Type.ToString().ToUpperInvariant(), c.TypeText,
                    c.IsVector ? c.Dimensions : DBNull.Value, c.IsVector ? ElementType(c) : DBNull.Value, c.IsVector ? MetricNames.ToSql(c.Metric) : DBNull.Value,
                    c.IsPrimaryKey, c.IsPrimaryKey ? c.PrimaryKeyPosition : DBNull.Value);
            }
        }
        return table;
    }

    private static DataTable Indexes(Catalog catalog, string?[] r)
    {
        var table = NewTable(
            ("TABLE_CATALOG", typeof(string)), ("TABLE_SCHEMA", typeof(string)), ("TABLE_NAME", typeof(string)), ("INDEX_NAME", typeof(string)),
            ("INDEX_METHOD", typeof(string)), ("IS_VECTOR_INDEX", typeof(bool)), ("IS_UNIQUE", typeof(bool)), ("COLUMNS", typeof(string)),
            ("OPTIONS", typeof(string)), ("DEFINITION", typeof(string)), ("STATE", typeof(string)));
        foreach (var t in TablesMatching(catalog, r))
            foreach (var index in t.Indexes)
                if (Matches(r, 3, index.Name))
                    table.Rows.Add(VecStoreDbColumn.CatalogName, DBNull.Value, t.Name, index.Name,
                        MethodName(index.Method), index.Method != IndexMethod.Scalar, false, string.Join(", ", index.Columns.Select(c => c.Name)),
                        OptionsText(index), index.ToCreateStatement(t), StateText(index));
        return table;
    }

    private static DataTable IndexColumns(Catalog catalog, string?[] r)
    {
        var table = NewTable(
            ("TABLE_CATALOG", typeof(string)), ("TABLE_SCHEMA", typeof(string)), ("TABLE_NAME", typeof(string)), ("INDEX_NAME", typeof(string)),
            ("COLUMN_NAME", typeof(string)), ("ORDINAL_POSITION", typeof(int)));
        foreach (var t in TablesMatching(catalog, r))
            foreach (var index in t.Indexes)
                if (Matches(r, 3, index.Name))
                    for (int i = 0; i < index.Columns.Count; i++)
                        if (Matches(r, 4, index.Columns[i].Name))
                            table.Rows.Add(VecStoreDbColumn.CatalogName, DBNull.Value, t.Name, index.Name, index.Columns[i].Name, i + 1);
        return table;
    }

    private static DataTable VectorColumns(Catalog catalog, string?[] r)
    {
        var table = NewTable(
            ("TABLE_CATALOG", typeof(string)), ("TABLE_SCHEMA", typeof(string)), ("TABLE_NAME", typeof(string)), ("COLUMN_NAME", typeof(string)),
            ("ORDINAL_POSITION", typeof(int)), ("COLUMN_TYPE", typeof(string)), ("DIMENSIONS", typeof(int)), ("ELEMENT_TYPE", typeof(string)),
            ("METRIC", typeof(string)), ("BYTES_PER_VECTOR", typeof(int)), ("IS_NULLABLE", typeof(bool)), ("VECTOR_INDEXES", typeof(string)));
        foreach (var t in TablesMatching(catalog, r))
        {
            foreach (var c in t.VectorColumns)
            {
                if (!Matches(r, 3, c.Name))
                    continue;
                var indexes = t.Indexes.Where(i => i.Method != IndexMethod.Scalar && i.Columns.Any(ic => ic.ColumnId == c.ColumnId)).Select(i => i.Name);
                table.Rows.Add(VecStoreDbColumn.CatalogName, DBNull.Value, t.Name, c.Name, c.Ordinal + 1, c.TypeText, c.Dimensions, ElementType(c),
                    MetricNames.ToSql(c.Metric), c.VectorBytes, !c.NotNull, string.Join(", ", indexes));
            }
        }
        return table;
    }

    /// <summary>An index's WITH options as written: <c>ef_search = 40, m = 16</c>; empty for a scalar index.</summary>
    /// <remarks>What the engine chose for itself (a tuned breadth, a waiting or self-sized inverted file) is <see cref="StateText"/>.</remarks>
    public static string OptionsText(IndexSchema index)
        => index.Method == IndexMethod.Scalar ? ""
            : string.Join(", ", index.Options.Where(o => !IndexSchema.IsEngineNote(o.Key)).OrderBy(o => o.Key, StringComparer.Ordinal)
                .Select(o => $"{o.Key} = {o.Value.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// What the engine decided for an index beside its options, in words: <c>ef_search 48 by default (tuned on held-out
    /// vectors)</c>, <c>waiting for 1000 vectors to train (searches are exact until then)</c>, <c>980 lists (chosen at
    /// training)</c>; empty when there is nothing to say.
    /// </summary>
    public static string StateText(IndexSchema index)
    {
        var parts = new List<string>(2);
        if (index.Options.ContainsKey(DeferredTraining.WaitingKey))
            parts.Add($"waiting for {DeferredTraining.RowsNeeded(index).ToString(CultureInfo.InvariantCulture)} vectors to train (searches are exact until then)");
        if (index.Options.TryGetValue(DeferredTraining.ListsKey, out long lists))
            parts.Add($"{lists.ToString(CultureInfo.InvariantCulture)} lists (chosen at training)");
        if (index.Options.TryGetValue(BreadthTuner.OptionKey, out long breadth))
            parts.Add($"{(index.Method == IndexMethod.Hnsw ? "ef_search" : "nprobe")} {breadth.ToString(CultureInfo.InvariantCulture)} by default (tuned on held-out vectors)");
        return string.Join("; ", parts);
    }

    /// <summary>The method as SQL writes it: <c>HNSW</c>, <c>IVF</c>, <c>IVFPQ</c> or <c>SCALAR</c>.</summary>
    public static string MethodName(IndexMethod method) => method.ToString().ToUpperInvariant();

    private static string ElementType(ColumnSchema column) => column.Element.ToString().ToLowerInvariant();

    // The tables the catalog, schema and table restrictions (positions 0 to 2) allow, in name order.
    private static IEnumerable<TableSchema> TablesMatching(Catalog catalog, string?[] r)
    {
        if (!Matches(r, 0, VecStoreDbColumn.CatalogName) || (r.Length > 1 && !string.IsNullOrEmpty(r[1])))
            yield break;
        foreach (var table in catalog.Tables)
            if (Matches(r, 2, table.Name))
                yield return table;
    }

    private static bool Matches(string?[] restrictions, int position, string value)
        => position >= restrictions.Length || string.IsNullOrEmpty(restrictions[position])
            || string.Equals(restrictions[position], value, StringComparison.OrdinalIgnoreCase);

    private static DataTable NewTable(params (string Name, Type Type)[] columns)
    {
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var (name, type) in columns)
            table.Columns.Add(name, type);
        return table;
    }
}
