using System.Data;
using System.Data.Common;
using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

/// <summary>A reader describes its columns (GetSchemaTable, GetColumnSchema), so DataTable.Load and other tools can read it.</summary>
public sealed class ReaderSchemaTests
{
    private static VecStoreConnection OpenWithDocs()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL, v VECTOR(2) METRIC cosine)");
        connection.Execute("INSERT INTO docs VALUES (1, 'one', 9.5, [1, 0]), (2, 'two', NULL, NULL)");
        return connection;
    }

    private const string Query = "SELECT id, title AS name, price, v, distance(v, [0, 1]) AS d, id * 10 AS tens FROM docs ORDER BY id";

    [Fact]
    public void DataTable_Load_reads_the_result_with_its_types()
    {
        using var connection = OpenWithDocs();
        using var command = new VecStoreCommand(Query, connection);
        using var reader = command.ExecuteReader();
        var table = new DataTable();
        table.Load(reader);

        Assert.Equal(["id", "name", "price", "v", "d", "tens"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal([typeof(long), typeof(string), typeof(double), typeof(float[]), typeof(double), typeof(long)],
            table.Columns.Cast<DataColumn>().Select(c => c.DataType));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(1L, table.Rows[0]["id"]);
        Assert.Equal("one", table.Rows[0]["name"]);
        Assert.Equal(new float[] { 1, 0 }, (float[])table.Rows[0]["v"]);
        Assert.Equal(1.0, (double)table.Rows[0]["d"], 6);
        Assert.Equal(DBNull.Value, table.Rows[1]["v"]);
        Assert.Equal(DBNull.Value, table.Rows[1]["d"]);
        Assert.Equal(20L, table.Rows[1]["tens"]);
        // The key column becomes the table's primary key; computed columns are read-only.
        Assert.Equal(["id"], table.PrimaryKey.Select(c => c.ColumnName));
        Assert.False(table.Columns["name"]!.AllowDBNull);
        Assert.True(table.Columns["tens"]!.ReadOnly);
    }

    [Fact]
    public void GetSchemaTable_describes_every_column_with_the_standard_fields()
    {
        using var connection = OpenWithDocs();
        using var command = new VecStoreCommand(Query, connection);
        using var reader = command.ExecuteReader();
        var schema = reader.GetSchemaTable()!;

        var rows = schema.Rows.Cast<DataRow>().ToDictionary(r => (string)r[SchemaTableColumn.ColumnName]);
        Assert.Equal(6, rows.Count);
        var id = rows["id"];
        Assert.Equal(0, id[SchemaTableColumn.ColumnOrdinal]);
        Assert.Equal(typeof(long), id[SchemaTableColumn.DataType]);
        Assert.Equal("INTEGER", id["DataTypeName"]);
        Assert.Equal(true, id[SchemaTableColumn.IsKey]);
        Assert.Equal(true, id[SchemaTableColumn.IsUnique]);
        Assert.Equal(false, id[SchemaTableColumn.AllowDBNull]);
        Assert.Equal(true, id[SchemaTableOptionalColumn.IsAutoIncrement]);
        Assert.Equal("docs", id[SchemaTableColumn.BaseTableName]);
        Assert.Equal("id", id[SchemaTableColumn.BaseColumnName]);
        Assert.Equal("main", id[SchemaTableOptionalColumn.BaseCatalogName]);
        Assert.Equal(0, id[SchemaTableColumn.ProviderType]);

        var name = rows["name"];
        Assert.Equal("title", name[SchemaTableColumn.BaseColumnName]);
        Assert.Equal(true, name[SchemaTableColumn.IsAliased]);
        Assert.Equal(false, name[SchemaTableColumn.AllowDBNull]);
        Assert.Equal(false, name[SchemaTableColumn.IsKey]);

        Assert.Equal(true, rows["price"][SchemaTableColumn.AllowDBNull]);

        var v = rows["v"];
        Assert.Equal(typeof(float[]), v[SchemaTableColumn.DataType]);
        Assert.Equal("VECTOR(2) METRIC cosine", v["DataTypeName"]);
        Assert.Equal(2, v[SchemaTableColumn.ColumnSize]);
        Assert.Equal(2, v["VectorDimensions"]);
        Assert.Equal("float32", v["VectorElementType"]);
        Assert.Equal("cosine", v["VectorMetric"]);

        var d = rows["d"];
        Assert.Equal(true, d[SchemaTableColumn.IsExpression]);
        Assert.Equal(true, d[SchemaTableOptionalColumn.IsReadOnly]);
        Assert.Equal(true, d[SchemaTableColumn.AllowDBNull]);
        Assert.Equal(DBNull.Value, d[SchemaTableColumn.BaseTableName]);
        Assert.Equal(typeof(double), d[SchemaTableColumn.DataType]);
        Assert.Equal(true, rows["tens"][SchemaTableColumn.IsExpression]);
    }

    [Fact]
    public void GetColumnSchema_gives_DbColumns()
    {
        using var connection = OpenWithDocs();
        using var command = new VecStoreCommand("SELECT count(*) FROM docs; SELECT * FROM docs", connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.CanGetColumnSchema());
        var count = Assert.Single(reader.GetColumnSchema());
        Assert.Equal("count(*)", count.ColumnName);
        Assert.Equal(false, count.AllowDBNull);
        Assert.Equal(true, count.IsExpression);

        Assert.True(reader.NextResult());
        var columns = reader.GetColumnSchema();
        Assert.Equal(["id", "title", "price", "v"], columns.Select(c => c.ColumnName));
        Assert.All(columns, c => Assert.Equal("docs", c.BaseTableName));
        var v = Assert.IsType<VecStoreDbColumn>(columns[3]);
        Assert.Equal(2, v.VectorDimensions);
        Assert.Equal("cosine", v["VectorMetric"]);
        Assert.Equal(3, v.ColumnOrdinal);
    }

    [Fact]
    public void A_statement_without_rows_has_no_schema_table()
    {
        using var connection = OpenWithDocs();
        using var command = new VecStoreCommand("INSERT INTO docs (title) VALUES ('three')", connection);
        using var reader = command.ExecuteReader();
        Assert.Null(reader.GetSchemaTable());
        Assert.Empty(reader.GetColumnSchema());
        reader.Close();
        // The INTEGER PRIMARY KEY reported as auto-increment was given a value.
        Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT id FROM docs WHERE title = 'three'"));
    }

    [Fact]
    public void Bit_and_half_columns_report_their_element_type()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, h VECTOR(3) HALF, b BIT(8))");
        using var command = new VecStoreCommand("SELECT h, b FROM t", connection);
        using var reader = command.ExecuteReader();
        var columns = reader.GetColumnSchema().Cast<VecStoreDbColumn>().ToList();
        Assert.Equal(("float16", typeof(float[]), 3), (columns[0].VectorElementType, columns[0].DataType, columns[0].ColumnSize));
        Assert.Equal(("bit", typeof(bool[]), 8, "hamming"), (columns[1].VectorElementType, columns[1].DataType, columns[1].ColumnSize, columns[1].VectorMetric));
    }
}
