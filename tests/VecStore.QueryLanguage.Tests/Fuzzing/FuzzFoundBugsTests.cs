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
}
