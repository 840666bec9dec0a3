using Dapper;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>Regression tests for the bugs the fuzzers found, each reduced to the statements that showed it.</summary>
public sealed class FuzzFoundBugsTests
{
    [Fact]
    public void Updating_the_row_id_of_a_table_with_vectors_is_refused_and_searches_keep_finding_the_rows()
    {
        // Found by StatementFuzzTests: UPDATE t SET id = id + 1000 moved the rows, but a similarity
        // search still returned ids 1 and 2, which no longer existed (the vectors named the old ids).
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        connection.Execute("INSERT INTO t VALUES (1, [1, 0]), (2, [0, 1])");
        var error = Assert.Throws<VecStoreException>(() => connection.Execute("UPDATE t SET id = id + 1000"));
        Assert.Equal(ErrorCode.UnsupportedOperation, error.Code);
        Assert.Equal((1, 14), (error.Line, error.Column));
        Assert.Equal([1L, 2L], connection.Query<long>("SELECT id FROM t ORDER BY distance(v, [1, 0]) LIMIT 5"));

        // A table without vectors keeps its ids free to change.
        connection.Execute("CREATE TABLE s (id INTEGER PRIMARY KEY, name TEXT)");
        connection.Execute("INSERT INTO s VALUES (1, 'a')");
        connection.Execute("UPDATE s SET id = id + 1000");
        Assert.Equal(1001L, connection.QuerySingle<long>("SELECT id FROM s"));
    }

    [Fact]
    public void A_filtered_search_over_ids_at_both_ends_of_the_64_bit_range_plans_and_answers()
    {
        // Found by StatementFuzzTests: the planner's row sample measured the id range as max - min + 1,
        // which overflowed for ids near long.MinValue and long.MaxValue (ArgumentOutOfRangeException).
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        connection.Execute("INSERT INTO t VALUES (-9223372036854775807, [1, 0]), (326, [0, 1]), (9223372036854775807, [1, 1])");
        var ids = connection.Query<long>("SELECT id FROM t WHERE id % 2 = 0 OR id > 0 ORDER BY distance(v, [1, 0]) LIMIT 5").ToList();
        Assert.Equal([9223372036854775807L, 326L], ids);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(float.NaN)]
    public void A_NaN_parameter_in_a_condition_is_a_type_mismatch(object nan)
    {
        // Found by ParameterFuzzTests: DELETE FROM p WHERE r > @a with @a = NaN escaped as
        // Microsoft.Data.Sqlite's InvalidOperationException "Cannot store 'NaN' values".
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE p (id INTEGER PRIMARY KEY, r REAL)");
        connection.Execute("INSERT INTO p VALUES (1, 2.5)");
        var error = Assert.Throws<VecStoreException>(() => connection.Execute("DELETE FROM p WHERE r > @a", new { a = nan }));
        Assert.Equal(ErrorCode.TypeMismatch, error.Code);
        Assert.Equal(25, error.Column);
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM p"));
    }

    [Fact]
    public void An_sbyte_array_parameter_is_a_blob()
    {
        // Found by ParameterFuzzTests: the runtime lets an sbyte[] pass as a byte[], so VecStore took it
        // for a blob, and Microsoft.Data.Sqlite then threw InvalidOperationException ("No mapping exists").
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE p (id INTEGER PRIMARY KEY, b BLOB)");
        // Through a command: Dapper would expand an array into a list.
        FuzzExecution.Run(connection, "INSERT INTO p VALUES (1, @b)", [("b", new sbyte[] { -1, 2 })]);
        var rows = FuzzExecution.Run(connection, "SELECT b, @c FROM p WHERE b = @b", [("b", new sbyte[] { -1, 2 }), ("c", new sbyte[] { -1 })]);
        Assert.Equal(new byte[] { 255, 2 }, Assert.Single(rows)[0]);
        Assert.Equal(new byte[] { 255 }, rows[0][1]);
    }
}
