using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

public sealed class BulkInsertTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public BulkInsertTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT 'untitled', price REAL, v VECTOR(3))");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Rows_go_in_with_defaults_for_missing_columns_and_progress_reported()
    {
        var reports = new List<long>();
        var bulk = new VecStoreBulkInsert(_connection, "docs", ["id", "v"]) { Progress = new SyncProgress(reports), ProgressInterval = 100 };
        long written = bulk.Write(Enumerable.Range(1, 250).Select(i => new object?[] { i, new[] { i, 0f, 0f } }));
        Assert.Equal(250, written);
        Assert.Equal([100L, 200L, 250L], reports);
        Assert.Equal(250L, _connection.ExecuteScalar<long>("SELECT count(*) FROM docs WHERE title = 'untitled'"));
        Assert.Equal(7L, _connection.QuerySingle<long>("SELECT id FROM docs ORDER BY v <-> [7, 0, 0] LIMIT 1"));
    }

    [Theory]
    [InlineData(new object?[] { 2L, "x", 1.0, "not a vector" }, ErrorCode.TypeMismatch, "row 2: column 'v' is VECTOR(3) but the value is the text 'not a vector'")]
    [InlineData(new object?[] { 2L, "x", "cheap", null }, ErrorCode.TypeMismatch, "row 2: column 'price' is REAL but the value is the text 'cheap'")]
    [InlineData(new object?[] { 2L, null, 1.0, null }, ErrorCode.NotNullViolation, "row 2: column 'title' of table 'docs' cannot be NULL")]
    [InlineData(new object?[] { 1L, "dup", 1.0, null }, ErrorCode.DuplicateKey, "row 2: table 'docs' already has a row with id = 1")]
    public void A_bad_row_stops_the_load_and_leaves_nothing_behind(object?[] badRow, ErrorCode code, string reason)
    {
        var rows = new List<object?[]> { new object?[] { 1L, "one", 1.0, new float[] { 1, 2, 3 } }, badRow, new object?[] { 3L, "three", 3.0, null } };
        var error = Assert.Throws<VecStoreException>(() => new VecStoreBulkInsert(_connection, "docs").Write(rows));
        Assert.Equal(code, error.Code);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(0L, _connection.ExecuteScalar<long>("SELECT count(*) FROM docs"));
    }

    [Fact]
    public void Wrong_vector_length_and_non_finite_values_are_rejected_with_their_row()
    {
        var bulk = new VecStoreBulkInsert(_connection, "docs", ["id", "title", "v"]);
        var error = Assert.Throws<VecStoreException>(() => bulk.Write([[1L, "a", new float[] { 1, 2 }]]));
        Assert.Equal(ErrorCode.DimensionMismatch, error.Code);
        error = Assert.Throws<VecStoreException>(() => bulk.Write([[1L, "a", new float[] { 1, 2, 3 }], [2L, "b", new[] { 1, float.NaN, 3 }]]));
        Assert.Equal(ErrorCode.InvalidVectorValue, error.Code);
        Assert.StartsWith("row 2: ", error.Reason);
        Assert.Equal(0L, _connection.ExecuteScalar<long>("SELECT count(*) FROM docs"));
    }

    [Fact]
    public void Inside_an_open_transaction_the_load_is_one_statement_of_it()
    {
        using (var transaction = _connection.BeginTransaction())
        {
            _connection.Execute("INSERT INTO docs (id, title) VALUES (100, 'before')", transaction: transaction);
            Assert.Throws<VecStoreException>(() => new VecStoreBulkInsert(_connection, "docs", ["id", "title"]).Write([[1L, "a"], [100L, "dup"]]));
            new VecStoreBulkInsert(_connection, "docs", ["id", "title"]).Write([[1L, "a"], [2L, "b"]]);
            transaction.Commit();
        }
        Assert.Equal([1L, 2L, 100L], _connection.Query<long>("SELECT id FROM docs ORDER BY id"));
    }

    [Fact]
    public void Unknown_table_or_column_is_reported()
    {
        Assert.Equal(ErrorCode.UnknownTable, Assert.Throws<VecStoreException>(() => new VecStoreBulkInsert(_connection, "nope").Write([])).Code);
        Assert.Equal(ErrorCode.UnknownColumn, Assert.Throws<VecStoreException>(() => new VecStoreBulkInsert(_connection, "docs", ["idd"]).Write([])).Code);
    }

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
