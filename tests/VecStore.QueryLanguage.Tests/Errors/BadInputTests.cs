using static VecStore.QueryLanguage.Tests.Errors.ErrorAssert;

namespace VecStore.QueryLanguage.Tests.Errors;

/// <summary>Each kind of bad input gets its code, its position, a readable message, and leaves the database as it was.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public BadInputTests()
    {
        _connection.Open();
        Execute(_connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL, v VECTOR(3))");
        Execute(_connection, "INSERT INTO docs VALUES (1, 'one', 1.5, [1, 0, 0]), (2, 'two', 2.5, [0, 1, 0])");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Malformed_statement_points_at_the_token()
    {
        var error = Fails(_connection, "SELECT id FROM docs WHERE (price < 10 {LIMIT} 5", ErrorCode.SyntaxError, "expected ')' but found 'LIMIT'");
        Assert.StartsWith("VECSQL0010 at line 1, column 39: expected ')' but found 'LIMIT'", error.Message);
        Assert.EndsWith("  SELECT id FROM docs WHERE (price < 10 LIMIT 5\n  " + new string(' ', 38) + "^^^^^", error.Message);
    }

    [Fact]
    public void Error_on_a_later_line_reports_that_line()
        => Fails(_connection, "SELECT id\nFROM docs\nWHERE {nope} = 1", ErrorCode.UnknownColumn, "table 'docs' has no column 'nope'");

    [Fact]
    public void Unknown_table_is_reported_at_its_name()
        => Fails(_connection, "SELECT * FROM {doc}", ErrorCode.UnknownTable, "no such table: 'doc'");

    [Fact]
    public void Unknown_column_in_insert_is_reported_at_its_name()
        => Fails(_connection, "INSERT INTO docs (id, {titel}) VALUES (3, 'x')", ErrorCode.UnknownColumn, "table 'docs' has no column 'titel'");

    [Fact]
    public void Vector_literal_of_the_wrong_length_is_rejected()
        => Fails(_connection, "INSERT INTO docs VALUES (3, 'x', 1, {[1, 2]})", ErrorCode.DimensionMismatch,
            "column 'v' is VECTOR(3) but the vector has 2 dimensions");

    [Fact]
    public void Query_vector_parameter_of_the_wrong_length_is_rejected()
        => Fails(_connection, "SELECT id FROM docs ORDER BY distance(v, {@q}) LIMIT 1", ErrorCode.DimensionMismatch,
            "column 'v' is VECTOR(3) but the vector has 4 dimensions", ("q", new float[] { 1, 2, 3, 4 }));

    [Fact]
    public void Text_for_a_real_column_is_a_type_mismatch()
        => Fails(_connection, "INSERT INTO docs VALUES (3, 'x', {'cheap'}, NULL)", ErrorCode.TypeMismatch,
            "column 'price' is REAL but the value is the text 'cheap'");

    [Fact]
    public void Comparing_a_number_column_with_text_is_a_type_mismatch()
        => Fails(_connection, "SELECT id FROM docs WHERE {price > 'a'}", ErrorCode.TypeMismatch, "cannot compare REAL with TEXT");

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_vector_elements_are_rejected(float bad)
    {
        Fails(_connection, "INSERT INTO docs VALUES (3, 'x', 1, {@v})", ErrorCode.InvalidVectorValue, null, ("v", new[] { 1f, bad, 0f }));
        Assert.Equal(2, Count(_connection, "docs"));
    }

    [Fact]
    public void Missing_parameter_is_reported_at_the_parameter()
        => Fails(_connection, "SELECT id FROM docs WHERE price < {@limit}", ErrorCode.MissingParameter, "no value was supplied for parameter @limit");

    [Fact]
    public void Null_for_a_not_null_column_is_rejected()
        => Fails(_connection, "INSERT INTO docs (id, price) VALUES {(3, 1.0)}", ErrorCode.NotNullViolation, "column 'title' of table 'docs' cannot be NULL");

    [Fact]
    public void Duplicate_primary_key_names_the_key_and_changes_nothing()
    {
        Fails(_connection, "INSERT INTO docs VALUES (3, 'three', 3, [0, 0, 1]), (1, 'again', 4, [1, 1, 1])", ErrorCode.DuplicateKey,
            "table 'docs' already has a row with id = 1");
        Assert.Equal(2, Count(_connection, "docs"));
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM docs WHERE id = 3";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public void Failure_half_way_through_a_multi_row_insert_leaves_no_vectors_behind()
    {
        Fails(_connection, "INSERT INTO docs VALUES (3, 'a', 1, [0, 0, 1]), (4, 'b', 1, [0, 0, 2]), (2, 'dup', 1, [9, 9, 9])", ErrorCode.DuplicateKey);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id FROM docs ORDER BY v <-> [0, 1, 2] LIMIT 10";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        Assert.Equal([2L, 1L], ids);
    }

    [Fact]
    public void Failed_statement_inside_a_transaction_keeps_the_earlier_statements()
    {
        using var transaction = _connection.BeginTransaction();
        Execute(_connection, "INSERT INTO docs VALUES (3, 'three', 3, [0, 0, 1])");
        Fails(_connection, "INSERT INTO docs VALUES (4, 'four', 4, [0, 0, 1]), (3, 'dup', 3, NULL)", ErrorCode.DuplicateKey);
        Execute(_connection, "INSERT INTO docs VALUES (5, 'five', 5, NULL)");
        transaction.Commit();
        Assert.Equal(4, Count(_connection, "docs"));
    }

    [Fact]
    public void Every_syntax_error_of_a_script_is_reported_at_once()
    {
        var error = Fails(_connection, "SELECT FROM docs; INSERT docs VALUES (1); SELECT id FROM docs", ErrorCode.SyntaxError);
        Assert.NotEmpty(error.Others);
        Assert.Equal(2, Count(_connection, "docs"));
    }

    [Fact]
    public void Every_binding_error_of_a_statement_is_reported_at_once()
    {
        var error = Fails(_connection, "SELECT nope FROM docs WHERE other = 1", ErrorCode.UnknownColumn);
        Assert.Single(error.Others);
        Assert.Equal("table 'docs' has no column 'other'", error.Others[0].Reason);
    }

    [Fact]
    public void Creating_a_table_twice_is_an_error_unless_if_not_exists()
    {
        Fails(_connection, "CREATE TABLE {docs} (id INTEGER)", ErrorCode.TableAlreadyExists, "table 'docs' already exists");
        Execute(_connection, "CREATE TABLE IF NOT EXISTS docs (id INTEGER)");
        Assert.Equal(2, Count(_connection, "docs"));
    }

    [Fact]
    public void Vector_dimensions_out_of_range_are_rejected()
        => Fails(_connection, "CREATE TABLE t (v {VECTOR(0)})", ErrorCode.InvalidDimensions);

    [Fact]
    public void Statements_not_executed_yet_say_so()
        => Fails(_connection, "{CREATE INDEX f ON docs USING FLAT (v)}", ErrorCode.NotYetSupported,
            "USING FLAT is part of the language but this version of VecStore builds only HNSW, IVF, IVFPQ and scalar indexes");

    [Fact]
    public void Negative_limit_is_rejected()
        => Fails(_connection, "SELECT id FROM docs LIMIT {@n}", ErrorCode.InvalidLimit, "LIMIT takes a whole number of rows, 0 or more, not the integer -1", ("n", -1));

    [Fact]
    public void Search_options_without_an_approximate_index_are_refused()
        => Fails(_connection, "SELECT id FROM docs ORDER BY v <-> [1, 0, 0] LIMIT 1 WITH ({ef_search} = 40)", ErrorCode.UnsupportedOperation,
            "ef_search tunes an HNSW index, and this search is exact: the column has no vector index (an index serves ORDER BY one distance, nearest first, of the column's metric, with a LIMIT and no other ORDER BY key); remove WITH (...)");
}
