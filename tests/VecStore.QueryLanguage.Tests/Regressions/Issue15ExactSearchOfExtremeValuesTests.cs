namespace VecStore.QueryLanguage.Tests.Regressions;

/// <summary>
/// Issue 15, item 3: vectors whose distances overflow or underflow float32 are still ranked and
/// reported as a double-precision brute force ranks them, by exact searches and by the distance
/// functions alike.
/// </summary>
public sealed class Issue15ExactSearchOfExtremeValuesTests
{
    [Fact]
    public void Exact_search_ranks_vectors_whose_squared_distances_overflow_float32()
    {
        using var connection = Open("l2");
        Execute(connection, "INSERT INTO t VALUES (1, [3e19, 0, 0, 0]), (2, [1e19, 0, 0, 0]), (3, [2e19, 0, 0, 0])");

        var rows = Rows(connection, "SELECT id, l2_distance(v, [0, 0, 0, 0]) AS d FROM t ORDER BY d LIMIT 3");

        Assert.Equal([2L, 3L, 1L], rows.Select(r => r.Id));
        Assert.Equal([1e19, 2e19, 3e19], rows.Select(r => r.Distance), new RelativeComparer(1e-6));
    }

    [Fact]
    public void Distance_function_reports_a_finite_distance_past_float32s_range()
    {
        using var connection = Open("l2");
        Execute(connection, "INSERT INTO t VALUES (1, [3e38, 0, 0, 0])");

        double distance = Convert.ToDouble(Scalar(connection, "SELECT l2_distance(v, [-3e38, 0, 0, 0]) FROM t"));

        Assert.Equal(6e38, distance, new RelativeComparer(1e-6));
    }

    [Fact]
    public void Exact_search_ranks_subnormal_vectors_by_their_true_distances()
    {
        using var connection = Open("l2");
        Execute(connection, "INSERT INTO t VALUES (1, [3e-40, 0, 0, 0]), (2, [1e-40, 0, 0, 0]), (3, [2e-40, 0, 0, 0])");

        var rows = Rows(connection, "SELECT id, distance(v, [0, 0, 0, 0]) AS d FROM t ORDER BY d LIMIT 3");

        Assert.Equal([2L, 3L, 1L], rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.True(r.Distance > 0, $"row {r.Id} reported at {r.Distance}"));
    }

    [Fact]
    public void Inner_product_search_ranks_dot_products_that_overflow_float32()
    {
        using var connection = Open("ip");
        Execute(connection, "INSERT INTO t VALUES (1, [2e20, 0, 0, 0]), (2, [3e20, 0, 0, 0]), (3, [1e20, 0, 0, 0])");

        var rows = Rows(connection, "SELECT id, inner_product(v, [1e20, 0, 0, 0]) AS p FROM t ORDER BY distance(v, [1e20, 0, 0, 0]) LIMIT 3");

        Assert.Equal([2L, 1L, 3L], rows.Select(r => r.Id));
        Assert.Equal([3e40, 2e40, 1e40], rows.Select(r => r.Distance), new RelativeComparer(1e-6));
    }

    [Fact]
    public void Inner_product_search_sees_through_a_partial_sum_that_overflowed()
    {
        using var connection = Open("ip");
        // Row 1's dot product with the query is 0, but its first two terms alone overflow float32.
        Execute(connection, "INSERT INTO t VALUES (1, [2e38, 2e38, -2e38, -2e38]), (2, [-1, 0, 0, 0])");

        var rows = Rows(connection, "SELECT id, inner_product(v, [1, 1, 1, 1]) AS p FROM t ORDER BY distance(v, [1, 1, 1, 1]) LIMIT 2");

        Assert.Equal([1L, 2L], rows.Select(r => r.Id));
        Assert.Equal([0.0, -1.0], rows.Select(r => r.Distance));
    }

    [Fact]
    public void Cosine_search_ranks_vectors_whose_norms_overflow_or_underflow_float32()
    {
        using var connection = Open("cosine");
        Execute(connection, "INSERT INTO t VALUES (1, [3e38, 3e38, 0, 0]), (2, [1e-40, 0, 0, 0]), (3, [0, 1, 0, 0]), (4, [-3e38, 0, 0, 0])");

        var rows = Rows(connection, "SELECT id, distance(v, [1, 0, 0, 0]) AS d FROM t ORDER BY d LIMIT 4");

        Assert.Equal([2L, 1L, 3L, 4L], rows.Select(r => r.Id));
        Assert.Equal([0.0, 1 - Math.Sqrt(0.5), 1.0, 2.0], rows.Select(r => r.Distance), new AbsoluteComparer(1e-6));
    }

    [Fact]
    public void L1_search_ranks_sums_that_overflow_float32()
    {
        using var connection = Open("l1");
        Execute(connection, "INSERT INTO t VALUES (1, [3e38, 3e38, 3e38, 0]), (2, [3e38, 3e38, 0, 0]), (3, [3e38, 3e38, 3e38, 3e38])");

        var rows = Rows(connection, "SELECT id, distance(v, [0, 0, 0, 0]) AS d FROM t ORDER BY d DESC LIMIT 3");

        Assert.Equal([3L, 1L, 2L], rows.Select(r => r.Id));
        Assert.Equal([1.2e39, 9e38, 6e38], rows.Select(r => r.Distance), new RelativeComparer(1e-6));
    }

    private static VecStoreConnection Open(string metric)
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, $"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(4) METRIC {metric})");
        return connection;
    }

    private static void Execute(VecStoreConnection connection, string sql)
    {
        using var command = new VecStoreCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(VecStoreConnection connection, string sql)
    {
        using var command = new VecStoreCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static List<(long Id, double Distance)> Rows(VecStoreConnection connection, string sql)
    {
        using var command = new VecStoreCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, double)>();
        while (reader.Read())
            rows.Add((reader.GetInt64(0), reader.GetDouble(1)));
        return rows;
    }

    private sealed class RelativeComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && Math.Abs(x - y) <= tolerance * Math.Max(Math.Abs(x), Math.Abs(y));

        public int GetHashCode(double obj) => 0;
    }

    private sealed class AbsoluteComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
