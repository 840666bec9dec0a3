using Dapper;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>Scalar ORDER BY, LIMIT/OFFSET, count(*), distances after another key and ties broken by later keys, against a model.</summary>
public sealed class SqlOrderingAgainstModelTests : IDisposable
{
    private readonly VecStoreConnection _connection = new("Data Source=:memory:");
    private readonly List<ModelRow> _rows = [];

    public SqlOrderingAgainstModelTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE items (id INTEGER PRIMARY KEY, category TEXT, price REAL, qty INTEGER, flag BOOLEAN, embedding VECTOR(4))");
        var random = new Random(5);
        for (long id = 1; id <= 300; id++)
        {
            // Few distinct vectors, so many rows tie on distance.
            float[]? v = random.Next(10) == 0 ? null : [random.Next(3), random.Next(3), random.Next(2), 1];
            var row = new ModelRow(id, ModelFilter.Category(random), random.Next(8) == 0 ? null : Math.Round(random.NextDouble() * 50, 1),
                random.Next(0, 10), random.Next(2) == 0, v);
            _rows.Add(row);
            _connection.Execute("INSERT INTO items VALUES (@Id, @Category, @Price, @Quantity, @Flag, @Vector)", row);
        }
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Scalar_order_limit_and_offset_match_the_model()
    {
        var random = new Random(11);
        for (int q = 0; q < 60; q++)
        {
            var filter = ModelFilter.Random(random);
            int limit = random.Next(1, 40), offset = random.Next(0, 20);
            var sql = $"SELECT id FROM items WHERE {filter.Sql} ORDER BY qty DESC, id LIMIT {limit} OFFSET {offset}";
            var expected = _rows.Where(r => filter.Holds(r) == true).OrderByDescending(r => r.Quantity).ThenBy(r => r.Id)
                .Skip(offset).Take(limit).Select(r => r.Id).ToList();
            Assert.True(expected.SequenceEqual(_connection.Query<long>(sql)), sql);
            long count = _connection.ExecuteScalar<long>($"SELECT count(*) FROM items WHERE {filter.Sql}");
            Assert.True(_rows.Count(r => filter.Holds(r) == true) == count, sql);
        }
    }

    [Fact]
    public void Ties_at_equal_distance_are_ordered_by_the_next_key()
    {
        var query = new float[] { 1, 1, 0, 1 };
        for (int limit = 1; limit <= 60; limit += 7)
        {
            var sql = $"SELECT id FROM items ORDER BY embedding <-> @q, price DESC, id LIMIT {limit}";
            var expected = _rows.Where(r => r.Vector is not null)
                .OrderBy(r => Distance(r.Vector!, query)).ThenByDescending(r => r.Price ?? double.NegativeInfinity).ThenBy(r => r.Id)
                .Take(limit).Select(r => r.Id).ToList();
            Assert.Equal(expected, _connection.Query<long>(sql, new { q = query }).ToList());
        }
    }

    [Fact]
    public void Distance_after_a_scalar_key_sorts_every_row_in_memory()
    {
        var query = new float[] { 0, 2, 1, 1 };
        var sql = "SELECT id, category, embedding <-> @q AS d FROM items WHERE qty < 5 ORDER BY category, d, id LIMIT 50 OFFSET 3";
        var expected = _rows.Where(r => r.Quantity < 5)
            .OrderBy(r => r.Category, StringComparer.Ordinal)
            .ThenBy(r => r.Vector is null ? double.PositiveInfinity : Distance(r.Vector, query))
            .ThenBy(r => r.Id)
            .Skip(3).Take(50).Select(r => r.Id).ToList();
        Assert.Equal(expected, _connection.Query<long>(sql, new { q = query }).ToList());
        var plan = _connection.Query<string>("EXPLAIN " + sql, new { q = query }).ToList();
        Assert.StartsWith("SORT IN MEMORY items", plan[0]);
    }

    [Fact]
    public void Explain_names_the_plan_and_the_filter()
    {
        var plan = _connection.Query<string>("EXPLAIN SELECT id FROM items WHERE price < 10 ORDER BY distance(embedding, @q) LIMIT 5",
            new { q = new float[] { 1, 0, 0, 0 } }).ToList();
        // The estimate and the costs decide; the first line names the strategy the last line says was chosen.
        Assert.Equal("VECTOR SEARCH items.embedding USING prefilter (exact)", plan[0]);
        Assert.EndsWith("; chosen: prefilter", plan[^1], StringComparison.Ordinal);
        Assert.Contains("  filter (SQLite, before ranking): price < 10", plan);
        Assert.Contains("  rows: limit 5", plan);
    }

    private static double Distance(float[] v, float[] q) => Math.Sqrt(v.Zip(q, (a, b) => (double)(a - b) * (a - b)).Sum());
}
