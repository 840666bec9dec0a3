using Dapper;
using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// INSERT ... VALUES with computed vectors (<c>l2_normalize(@v)</c>, arithmetic, CAST of text): the
/// values written element for element against C#, rows beside literal ones, upsert and RETURNING on
/// them, errors with their carets, and a failure in a later row writing nothing.
/// </summary>
public sealed class ComputedVectorValuesTests
{
    private static VecStoreConnection Table(TempDirectory dir)
    {
        var connection = Open(dir.File("values.vdb"));
        Run(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT, v VECTOR(2))");
        return connection;
    }

    [Fact]
    public void VALUES_rows_compute_vectors_with_functions_arithmetic_and_casts()
    {
        using var dir = new TempDirectory();
        using var connection = Table(dir);
        connection.Execute("INSERT INTO t VALUES (@id, 'unit', l2_normalize(@v))", new { id = 1L, v = new float[] { 3, 4 } });
        Assert.Equal(3, connection.Execute(
            "INSERT INTO t (id, note, v) VALUES (2, 'sum', [1, 1] + [1, 2]), (3, 'literal', [0, 1]), (4, 'cast', CAST('[5, -6]' AS VECTOR(2)) * [2, 0.5])"));
        var rows = Rows(connection, "SELECT id, v FROM t ORDER BY id");
        Assert.Equal([0.6f, 0.8f], (float[])rows[0][1]!);
        Assert.Equal([2f, 3f], (float[])rows[1][1]!);
        Assert.Equal([0f, 1f], (float[])rows[2][1]!);
        Assert.Equal([10f, -3f], (float[])rows[3][1]!);
        // The written vectors are searchable like any other, also after a checkpoint.
        Run(connection, "CHECKPOINT");
        Assert.Equal(4L, connection.ExecuteScalar<long>("SELECT id FROM t ORDER BY v <-> [10, -3] LIMIT 1"));
    }

    [Fact]
    public void Upsert_and_RETURNING_take_computed_vectors()
    {
        using var dir = new TempDirectory();
        using var connection = Table(dir);
        Run(connection, "INSERT INTO t VALUES (1, 'old', [1, 0])");
        var returned = connection.Query<(long Id, float[] V)>(
            "INSERT INTO t VALUES (1, 'new', l2_normalize([0, 5])) ON CONFLICT (id) DO UPDATE SET v = excluded.v, note = excluded.note RETURNING id, v").Single();
        Assert.Equal(1L, returned.Id);
        Assert.Equal([0f, 1f], returned.V);
        Assert.Equal("new", connection.ExecuteScalar<string>("SELECT note FROM t WHERE id = 1"));
    }

    [Fact]
    public void A_computed_vector_of_the_wrong_shape_fails_with_its_caret_and_writes_no_row()
    {
        using var dir = new TempDirectory();
        using var connection = Table(dir);
        const string wide = "INSERT INTO t VALUES (1, 'a', [1, 2, 3] + [1, 2, 3])";
        var known = Assert.Throws<VecStoreException>(() => Run(connection, wide));
        Assert.Equal(ErrorCode.DimensionMismatch, known.Code);
        Assert.Equal(wide.IndexOf("[1, 2, 3] +", StringComparison.Ordinal) + 1, known.Location!.Column);
        const string text = "INSERT INTO t VALUES (1, 'a', 'x' || 'y')";
        Assert.Equal(ErrorCode.TypeMismatch, Assert.Throws<VecStoreException>(() => Run(connection, text)).Code);
        // Known only when the second row runs: the first row is not kept either.
        const string late = "INSERT INTO t VALUES (1, 'a', CAST('[1, 2]' AS VECTOR(2))), (2, 'b', CAST(@t AS VECTOR(2)))";
        var run = Assert.Throws<VecStoreException>(() => Run(connection, late, ("t", "[1, 2, 3]")));
        Assert.Equal(ErrorCode.DimensionMismatch, run.Code);
        Assert.Empty(Rows(connection, "SELECT id FROM t"));
    }
}
