using System.Data;
using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

/// <summary>GetSchema answers ADO.NET's common collections and the catalog's, with positional restrictions.</summary>
public sealed class SchemaCollectionsTests
{
    private static VecStoreConnection OpenWithSchema()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT 'untitled', emb VECTOR(4) METRIC cosine, bits BIT(16))");
        connection.Execute("CREATE TABLE notes (a TEXT, b INTEGER, half VECTOR(2) HALF, w VECTOR(2), PRIMARY KEY (a, b))");
        connection.Execute("INSERT INTO docs VALUES (1, 'a', [1, 0, 0, 0], NULL), (2, 'b', [0, 1, 0, 0], NULL), (3, 'c', [0, 0, 1, 0], NULL), (4, 'd', [0, 0, 0, 1], NULL)");
        connection.Execute("CREATE INDEX docs_title ON docs (title)");
        connection.Execute("CREATE INDEX docs_emb ON docs USING HNSW (emb) WITH (m = 8)");
        connection.Execute("INSERT INTO notes VALUES ('x', 1, [1, 2], [1, 2]), ('y', 2, [2, 1], [2, 1])");
        connection.Execute("CREATE INDEX notes_ivf ON notes USING IVF (w) WITH (lists = 2)");
        return connection;
    }

    private static List<DataRow> Rows(DataTable table) => [.. table.Rows.Cast<DataRow>()];

    [Fact]
    public void MetaDataCollections_lists_every_collection_with_its_restriction_count()
    {
        using var connection = OpenWithSchema();
        var collections = Rows(connection.GetSchema()).ToDictionary(r => (string)r["CollectionName"], r => (int)r["NumberOfRestrictions"]);
        Assert.Equal(0, collections["MetaDataCollections"]);
        Assert.Equal(0, collections["DataSourceInformation"]);
        Assert.Equal(0, collections["DataTypes"]);
        Assert.Equal(0, collections["Restrictions"]);
        Assert.Equal(0, collections["ReservedWords"]);
        Assert.Equal(4, collections["Tables"]);
        Assert.Equal(4, collections["Columns"]);
        Assert.Equal(4, collections["Indexes"]);
        Assert.Equal(5, collections["IndexColumns"]);
        Assert.Equal(4, collections["VectorColumns"]);
        // Every listed collection can be read, and the Restrictions collection names each restriction.
        foreach (var name in collections.Keys)
            Assert.Equal(name, connection.GetSchema(name).TableName);
        var restrictions = Rows(connection.GetSchema("Restrictions")).Where(r => (string)r["CollectionName"] == "Columns")
            .OrderBy(r => (int)r["RestrictionNumber"]).Select(r => (string)r["RestrictionName"]);
        Assert.Equal(["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME"], restrictions);
    }

    [Fact]
    public void Tables_are_filtered_by_catalog_schema_and_name()
    {
        using var connection = OpenWithSchema();
        Assert.Equal(["docs", "notes"], Rows(connection.GetSchema("Tables")).Select(r => (string)r["TABLE_NAME"]));
        var docs = Assert.Single(Rows(connection.GetSchema("Tables", [null, null, "DOCS"])));
        Assert.Equal(("main", DBNull.Value, "docs", "BASE TABLE"), (docs["TABLE_CATALOG"], docs["TABLE_SCHEMA"], docs["TABLE_NAME"], docs["TABLE_TYPE"]));
        Assert.Equal(2, connection.GetSchema("Tables", ["main"]).Rows.Count);
        Assert.Empty(Rows(connection.GetSchema("Tables", ["other"])));
        Assert.Empty(Rows(connection.GetSchema("Tables", [null, "dbo"])));
        Assert.Empty(Rows(connection.GetSchema("Tables", [null, null, null, "VIEW"])));
    }

    [Fact]
    public void Columns_describe_types_keys_defaults_and_vectors()
    {
        using var connection = OpenWithSchema();
        var columns = Rows(connection.GetSchema("Columns", [null, null, "docs"])).ToDictionary(r => (string)r["COLUMN_NAME"]);
        Assert.Equal(["id", "title", "emb", "bits"], columns.Keys);
        Assert.Equal((1, "INTEGER", true, false, 1), ((int)columns["id"]["ORDINAL_POSITION"], columns["id"]["DATA_TYPE"], columns["id"]["IS_PRIMARY_KEY"], columns["id"]["IS_NULLABLE"], columns["id"]["PRIMARY_KEY_POSITION"]));
        Assert.Equal(("'untitled'", false), (columns["title"]["COLUMN_DEFAULT"], columns["title"]["IS_NULLABLE"]));
        var emb = columns["emb"];
        Assert.Equal(("VECTOR", "VECTOR(4) METRIC cosine", 4, "float32", "cosine", true),
            (emb["DATA_TYPE"], emb["COLUMN_TYPE"], emb["DIMENSIONS"], emb["ELEMENT_TYPE"], emb["METRIC"], emb["IS_NULLABLE"]));
        var one = Assert.Single(Rows(connection.GetSchema("Columns", [null, null, "notes", "B"])));
        Assert.Equal((2, true), (one["PRIMARY_KEY_POSITION"], one["IS_PRIMARY_KEY"]));
    }

    [Fact]
    public void Indexes_and_their_columns_name_method_options_and_definition()
    {
        using var connection = OpenWithSchema();
        var indexes = Rows(connection.GetSchema("Indexes")).ToDictionary(r => (string)r["INDEX_NAME"]);
        Assert.Equal(["docs_title", "docs_emb", "notes_ivf"], indexes.Keys);
        Assert.Equal(("SCALAR", false, "title"), (indexes["docs_title"]["INDEX_METHOD"], indexes["docs_title"]["IS_VECTOR_INDEX"], indexes["docs_title"]["COLUMNS"]));
        var hnsw = indexes["docs_emb"];
        Assert.Equal(("HNSW", true, "emb", "docs"), (hnsw["INDEX_METHOD"], hnsw["IS_VECTOR_INDEX"], hnsw["COLUMNS"], hnsw["TABLE_NAME"]));
        Assert.Contains("m = 8", (string)hnsw["OPTIONS"]);
        Assert.StartsWith("CREATE INDEX docs_emb ON docs USING HNSW (emb) WITH (", (string)hnsw["DEFINITION"]);
        // An IVF index's definition says IVF (it used to say HNSW for every vector index).
        Assert.StartsWith("CREATE INDEX notes_ivf ON notes USING IVF (w)", (string)indexes["notes_ivf"]["DEFINITION"]);

        Assert.Equal(["docs_emb"], Rows(connection.GetSchema("Indexes", [null, null, "docs", "DOCS_EMB"])).Select(r => (string)r["INDEX_NAME"]));
        var indexColumn = Assert.Single(Rows(connection.GetSchema("IndexColumns", [null, null, null, "docs_title"])));
        Assert.Equal(("docs", "title", 1), (indexColumn["TABLE_NAME"], indexColumn["COLUMN_NAME"], indexColumn["ORDINAL_POSITION"]));
    }

    [Fact]
    public void VectorColumns_give_dimensions_element_type_metric_and_indexes()
    {
        using var connection = OpenWithSchema();
        var vectors = Rows(connection.GetSchema("VectorColumns")).ToDictionary(r => $"{r["TABLE_NAME"]}.{r["COLUMN_NAME"]}");
        Assert.Equal(["docs.emb", "docs.bits", "notes.half", "notes.w"], vectors.Keys);
        Assert.Equal((4, "float32", "cosine", 16, "docs_emb"),
            (vectors["docs.emb"]["DIMENSIONS"], vectors["docs.emb"]["ELEMENT_TYPE"], vectors["docs.emb"]["METRIC"], vectors["docs.emb"]["BYTES_PER_VECTOR"], vectors["docs.emb"]["VECTOR_INDEXES"]));
        Assert.Equal((16, "bit", "hamming", ""),
            (vectors["docs.bits"]["DIMENSIONS"], vectors["docs.bits"]["ELEMENT_TYPE"], vectors["docs.bits"]["METRIC"], vectors["docs.bits"]["VECTOR_INDEXES"]));
        Assert.Equal((2, "float16", "l2", 4, ""),
            (vectors["notes.half"]["DIMENSIONS"], vectors["notes.half"]["ELEMENT_TYPE"], vectors["notes.half"]["METRIC"], vectors["notes.half"]["BYTES_PER_VECTOR"], vectors["notes.half"]["VECTOR_INDEXES"]));
        Assert.Equal("notes_ivf", vectors["notes.w"]["VECTOR_INDEXES"]);
        Assert.Equal(["emb"], Rows(connection.GetSchema("VectorColumns", [null, null, "docs", "emb"])).Select(r => (string)r["COLUMN_NAME"]));
    }

    [Fact]
    public void Common_collections_describe_the_dialect()
    {
        using var connection = OpenWithSchema();
        var info = Assert.Single(Rows(connection.GetSchema("DataSourceInformation")));
        Assert.Equal("VecStore", info["DataSourceProductName"]);
        Assert.Equal(";", info["StatementSeparatorPattern"]);
        var types = Rows(connection.GetSchema("DataTypes")).ToDictionary(r => (string)r["TypeName"]);
        Assert.Equal("VECTOR({0})", types["VECTOR"]["CreateFormat"]);
        Assert.Equal(typeof(bool[]).FullName, types["BIT"]["DataType"]);
        var reserved = Rows(connection.GetSchema("ReservedWords")).Select(r => (string)r["ReservedWord"]).ToHashSet();
        Assert.Contains("SELECT", reserved);
        Assert.DoesNotContain("TEXT", reserved); // a keyword that may still name a column
    }

    [Fact]
    public void Unknown_collections_and_too_many_restrictions_are_refused_with_a_code()
    {
        using var connection = OpenWithSchema();
        var unknown = Assert.Throws<VecStoreException>(() => connection.GetSchema("Views"));
        Assert.Equal(ErrorCode.UnsupportedOperation, unknown.Code);
        Assert.Contains("VectorColumns", unknown.Message);
        var tooMany = Assert.Throws<VecStoreException>(() => connection.GetSchema("Tables", [null, null, null, null, "x"]));
        Assert.Equal(ErrorCode.UnsupportedOperation, tooMany.Code);
    }
}
