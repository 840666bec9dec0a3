using VecStore.Indexes.Distance;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// A distance may stand anywhere a number may: under OR and NOT, in arithmetic, compared with a column
/// or another distance, inside a selected expression, in a DELETE. SQLite evaluates such conditions row
/// by row through VecStore's distance functions; each answer is compared with one computed in C#.
/// (A top-level AND term comparing a distance with a constant stays a range search: RangeSearchTests.)
/// </summary>
public sealed class DistanceConditionTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");
    private readonly List<(long Id, double Price, float[]? V)> _rows = [];
    private static readonly float[] Q = [1, 0, 0];
    private static readonly float[] R = [0, 1, 0];

    public DistanceConditionTests()
    {
        _connection.Open();
        Run(_connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, price REAL NOT NULL, v VECTOR(3))");
        var random = new Random(11);
        for (int i = 1; i <= 60; i++)
        {
            float[]? v = i % 9 == 0 ? null : [(float)Math.Round(random.NextDouble(), 2), (float)Math.Round(random.NextDouble(), 2), (float)Math.Round(random.NextDouble(), 2)];
            double price = Math.Round(random.NextDouble(), 2);
            _rows.Add((i, price, v));
            Run(_connection, "INSERT INTO docs VALUES (@id, @p, @v)", ("id", (long)i), ("p", price), ("v", v));
        }
    }

    public void Dispose() => _connection.Dispose();

    private static double? L2(float[]? v, float[] q) => v is null ? null : DistanceKernels.Distance(Metric.L2, q, v);

    private List<object?[]> Ids(Func<(long Id, double Price, float[]? V), bool> keep) =>
        _rows.Where(keep).Select(r => new object?[] { r.Id }).ToList();

    private void AssertIds(string where, Func<(long Id, double Price, float[]? V), bool> keep) =>
        RowComparison.AssertSame(Ids(keep), Rows(_connection, $"SELECT id FROM docs WHERE {where} ORDER BY id", ("q", Q), ("r", R)), 0, where);

    [Fact]
    public void A_distance_under_OR_keeps_the_rows_either_side_keeps()
        => AssertIds("distance(v, @q) < 0.5 OR price < 0.2", r => L2(r.V, Q) < 0.5 || r.Price < 0.2);

    [Fact]
    public void A_distance_operator_under_OR_inside_AND()
        => AssertIds("price < 0.3 OR (v <-> @q < 0.7 AND id > 10)", r => r.Price < 0.3 || (L2(r.V, Q) < 0.7 && r.Id > 10));

    [Fact]
    public void A_distance_under_NOT_keeps_the_rest_but_not_the_rows_without_a_vector()
        => AssertIds("NOT l2_distance(v, @q) < 0.5", r => L2(r.V, Q) is double d && !(d < 0.5));

    [Fact]
    public void A_distance_inside_arithmetic()
        => AssertIds("distance(v, @q) * 2 < 1", r => L2(r.V, Q) * 2 < 1);

    [Fact]
    public void NOT_BETWEEN_on_a_distance()
        => AssertIds("v <-> @q NOT BETWEEN 0.4 AND 0.8", r => L2(r.V, Q) is double d && !(d >= 0.4 && d <= 0.8));

    [Fact]
    public void A_distance_compared_with_a_column()
        => AssertIds("distance(v, @q) < price", r => L2(r.V, Q) < r.Price);

    [Fact]
    public void A_distance_compared_with_another_distance()
        => AssertIds("v <-> @q < v <-> @r", r => L2(r.V, Q) < L2(r.V, R));

    [Fact]
    public void A_distance_inside_a_selected_expression()
    {
        var expected = _rows.Select(r => new object?[] { r.Id, L2(r.V, Q) is double d ? d + 1 : null }).ToList();
        RowComparison.AssertSame(expected, Rows(_connection, "SELECT id, distance(v, @q) + 1 FROM docs ORDER BY id", ("q", Q)), 1e-12, "selected");
    }

    [Fact]
    public void DELETE_with_a_distance_under_OR_deletes_exactly_those_rows()
    {
        Run(_connection, "DELETE FROM docs WHERE distance(v, @q) < 0.5 OR id = 2", ("q", Q));
        RowComparison.AssertSame(Ids(r => !(L2(r.V, Q) < 0.5 || r.Id == 2)), Rows(_connection, "SELECT id FROM docs ORDER BY id"), 0, "after DELETE");
    }
}
