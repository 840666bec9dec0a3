using VecStore.Indexes.Distance;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// Vectors as values, with pgvector's names and semantics: distances between any two vector
/// expressions, SELECT without FROM, elementwise + - *, ||, vector_dims, vector_norm / l2_norm,
/// l2_normalize, subvector, binary_quantize, CAST to and from text, = and &lt;&gt;, for VECTOR, HALF and
/// BIT. Each expected value is computed here in C#.
/// </summary>
public sealed class VectorValueTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");

    public VectorValueTests()
    {
        _connection.Open();
        Run(_connection, "CREATE TABLE a (id INTEGER PRIMARY KEY, v VECTOR(3), h VECTOR(3) HALF, b BIT(10), t TEXT)");
        Run(_connection, "CREATE TABLE other (id INTEGER PRIMARY KEY, w VECTOR(3) METRIC cosine, four VECTOR(4))");
        Run(_connection, "INSERT INTO a VALUES (1, [1, 2, 3], [0.5, -1, 2], '1011000001', '[3, 0, 4]'), (2, [-1, 0.5, 0], [1, 1, 1], '0000000000', 'oops'), (3, NULL, NULL, NULL, NULL)");
        Run(_connection, "INSERT INTO other VALUES (1, [0, 1, 0], [1, 2, 3, 4]), (2, [1, 1, 1], [0, 0, 0, 1])");
    }

    public void Dispose() => _connection.Dispose();

    private object? Scalar(string sql, params (string, object?)[] parameters) => Rows(_connection, sql, parameters).Single().Single();

    [Fact]
    public void Distances_between_two_literals_need_no_FROM()
    {
        float[] x = [1, 2, 3], y = [3, 2, 1];
        Assert.Equal((double)DistanceKernels.Distance(Metric.L2, x, y), Scalar("SELECT [1, 2, 3] <-> [3, 2, 1]"));
        Assert.Equal((double)DistanceKernels.Distance(Metric.Cosine, x, y), Scalar("SELECT cosine_distance('[1,2,3]', '[3,2,1]')"));
        Assert.Equal(-(double)DistanceKernels.Distance(Metric.InnerProduct, x, y), Scalar("SELECT inner_product([1, 2, 3], [3, 2, 1])"));
        Assert.Equal((double)DistanceKernels.Distance(Metric.InnerProduct, x, y), Scalar("SELECT [1, 2, 3] <#> [3, 2, 1]"));
        Assert.Equal((double)DistanceKernels.Distance(Metric.L1, x, y), Scalar("SELECT l1_distance(@x, @y)", ("x", x), ("y", y)));
    }

    [Fact]
    public void A_distance_between_columns_of_two_tables_uses_each_rows_vectors()
    {
        var expected = new List<object?[]>();
        float[][] v = [[1, 2, 3], [-1, 0.5f, 0]];
        float[][] w = [[0, 1, 0], [1, 1, 1]];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                expected.Add([(long)(i + 1), (long)(j + 1), (double)DistanceKernels.Distance(Metric.Cosine, v[i], w[j]), (double)DistanceKernels.Distance(Metric.L2, v[i], w[j])]);
        // distance() takes the metric of its column operand: a.v is l2, o.w is cosine; the left one first.
        var actual = Rows(_connection, "SELECT a.id, o.id, o.w <=> a.v, distance(a.v, o.w) FROM a CROSS JOIN other AS o WHERE a.v IS NOT NULL ORDER BY 1, 2");
        RowComparison.AssertSame(expected, actual, 1e-6, "two tables");
    }

    [Fact]
    public void Functions_follow_pgvector()
    {
        var row = Rows(_connection, "SELECT vector_dims(v), vector_norm(v), l2_norm(h), l2_normalize(v), subvector(v, 2, 5), subvector(v, 0, 2), binary_quantize(v) FROM a WHERE id = 1").Single();
        Assert.Equal(3L, row[0]);
        Assert.Equal(Math.Sqrt(14), (double)row[1]!, 12);
        Assert.Equal(Math.Sqrt(0.25 + 1 + 4), (double)row[2]!, 12);
        Assert.Equal(new[] { (float)(1 / Math.Sqrt(14)), (float)(2 / Math.Sqrt(14)), (float)(3 / Math.Sqrt(14)) }, row[3]);
        Assert.Equal(new[] { 2f, 3f }, row[4]);
        // 1-based and clamped: from 0 for 2 is the first element only.
        Assert.Equal(new[] { 1f }, row[5]);
        Assert.Equal(new[] { true, true, true }, row[6]);
    }

    [Fact]
    public void Elementwise_arithmetic_and_concatenation()
    {
        var row = Rows(_connection, "SELECT v + [1, 1, 1], v - v, v * [2, 0, -1], v || [9], h + h FROM a WHERE id = 2").Single();
        Assert.Equal(new[] { 0f, 1.5f, 1f }, row[0]);
        Assert.Equal(new[] { 0f, 0f, 0f }, row[1]);
        Assert.Equal(new[] { -2f, 0f, -0f }, row[2]);
        Assert.Equal(new[] { -1f, 0.5f, 0f, 9f }, row[3]);
        Assert.Equal(new[] { 2f, 2f, 2f }, row[4]);
    }

    [Fact]
    public void Aggregates_of_vectors()
    {
        var row = Rows(_connection, "SELECT avg(v), sum(v), avg(h), count(v) FROM a").Single();
        Assert.Equal(new[] { 0f, 1.25f, 1.5f }, row[0]);
        Assert.Equal(new[] { 0f, 2.5f, 3f }, row[1]);
        Assert.Equal(new[] { 0.75f, 0f, 1.5f }, row[2]);
        Assert.Equal(2L, row[3]);
        Assert.Equal(new object?[] { null, null }, Rows(_connection, "SELECT avg(v), sum(v) FROM a WHERE id > 5").Single());
    }

    [Fact]
    public void Equality_compares_values_not_slots()
    {
        Assert.Equal(new object?[] { 1L }, Rows(_connection, "SELECT id FROM a WHERE v = [1, 2, 3]").Single());
        Assert.Equal(new object?[] { 2L }, Rows(_connection, "SELECT id FROM a WHERE v <> '[1,2,3]'").Single());
        Assert.Equal(1L, Scalar("SELECT CAST('[1,2]' AS VECTOR(2) HALF) = [1, 2]"));
    }

    [Fact]
    public void Text_and_vectors_convert_both_ways()
    {
        Assert.Equal("[1,2,3]", Scalar("SELECT CAST(v AS TEXT) FROM a WHERE id = 1"));
        Assert.Equal("1011000001", Scalar("SELECT CAST(b AS TEXT) FROM a WHERE id = 1"));
        Assert.Equal(new[] { 3f, 0f, 4f }, Scalar("SELECT CAST(t AS VECTOR(3)) FROM a WHERE id = 1"));
        Assert.Equal(5.0, Scalar("SELECT vector_norm(CAST(t AS VECTOR(3))) FROM a WHERE id = 1"));
        Assert.Equal(new[] { 0.5f, 0.25f }, Scalar("SELECT CAST('[0.5, 0.25]' AS VECTOR(2) HALF)"));
    }

    [Fact]
    public void Bits_compare_with_hamming_and_jaccard()
    {
        Assert.Equal(4.0, Scalar("SELECT b <~> '0000000000' FROM a WHERE id = 1"));
        Assert.Equal(2.0, Scalar("SELECT hamming_distance(binary_quantize([1, -1, 1]), binary_quantize([-1, -1, -1]))"));
        Assert.Equal(1.0 - 1.0 / 2.0, (double)Scalar("SELECT jaccard_distance(binary_quantize([1, 1, -1]), binary_quantize([1, -1, -1]))")!, 6);
    }

    [Fact]
    public void A_vector_expression_comes_back_as_float_array_and_a_bit_one_as_bool_array()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT l2_normalize(v) AS u, binary_quantize(v) AS q FROM a WHERE id = 2";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(typeof(float[]), reader.GetFieldType(0));
        Assert.Equal(typeof(bool[]), reader.GetFieldType(1));
        Assert.Equal(new[] { false, true, false }, reader.GetValue(1));
    }
}
