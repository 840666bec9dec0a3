using System.Globalization;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>
/// Random tables, random changes, random filters and random query vectors: every similarity query
/// must return what a brute-force scan of an in-memory model returns, for every metric and
/// distance function, while vectors sit in the log, after a checkpoint, and after reopening.
/// </summary>
public sealed class SqlSearchAgainstBruteForceTests
{
    private const int QueriesPerPhase = 25;

    public static IEnumerable<object[]> Seeds()
    {
        for (int seed = 1; seed <= 12; seed++)
            yield return [seed];
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Filtered_similarity_search_matches_brute_force(int seed)
    {
        var random = new Random(seed);
        int dims = random.Next(1, 48);
        var metric = (Metric)random.Next(3);
        string metricSql = metric switch { Metric.L2 => "l2", Metric.Cosine => "cosine", _ => "ip" };
        using var dir = new TempDirectory();
        string path = dir.File("model.vdb");
        // A small checkpoint threshold makes automatic checkpoints happen in the middle of the test.
        string connectionString = $"Data Source={path};Checkpoint Threshold={random.Next(2000, 40000)}";
        var model = new Dictionary<long, ModelRow>();

        using (var connection = new VecStoreConnection(connectionString))
        {
            connection.Open();
            Execute(connection, $"CREATE TABLE items (id INTEGER PRIMARY KEY, category TEXT, price REAL, qty INTEGER, flag BOOLEAN, embedding VECTOR({dims}) METRIC {metricSql})");
            InsertRandomRows(connection, random, model, dims, random.Next(50, 500));
            CheckQueries(connection, random, model, dims, metric, seed, "logged");
            connection.Checkpoint();
            CheckQueries(connection, random, model, dims, metric, seed, "checkpointed");
            MutateRandomly(connection, random, model, dims);
            CheckQueries(connection, random, model, dims, metric, seed, "changed after checkpoint");
        }
        using (var connection = new VecStoreConnection(connectionString))
        {
            connection.Open();
            CheckQueries(connection, random, model, dims, metric, seed, "reopened");
            InsertRandomRows(connection, random, model, dims, random.Next(1, 100));
            CheckQueries(connection, random, model, dims, metric, seed, "grown after reopen");
        }
    }

    private static void InsertRandomRows(VecStoreConnection connection, Random random, Dictionary<long, ModelRow> model, int dims, int count)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO items (id, category, price, qty, flag, embedding) VALUES (@id, @category, @price, @qty, @flag, @embedding)";
        command.Prepare();
        long nextId = model.Count == 0 ? 1 : model.Keys.Max() + 1;
        for (int i = 0; i < count; i++)
        {
            var row = RandomRow(random, nextId++, dims);
            command.Parameters.Clear();
            command.Parameters.AddWithValue("id", row.Id);
            command.Parameters.AddWithValue("category", (object?)row.Category ?? DBNull.Value);
            command.Parameters.AddWithValue("price", (object?)row.Price ?? DBNull.Value);
            command.Parameters.AddWithValue("qty", (object?)row.Quantity ?? DBNull.Value);
            command.Parameters.AddWithValue("flag", (object?)row.Flag ?? DBNull.Value);
            command.Parameters.AddWithValue("embedding", (object?)row.Vector ?? DBNull.Value);
            Assert.Equal(1, command.ExecuteNonQuery());
            model[row.Id] = row;
        }
        transaction.Commit();
    }

    private static void MutateRandomly(VecStoreConnection connection, Random random, Dictionary<long, ModelRow> model, int dims)
    {
        var ids = model.Keys.OrderBy(k => k).ToList();
        for (int i = 0; i < 20 && ids.Count > 0; i++)
        {
            long id = ids[random.Next(ids.Count)];
            switch (random.Next(3))
            {
                case 0:
                    Execute(connection, "DELETE FROM items WHERE id = @id", ("id", id));
                    model.Remove(id);
                    ids.Remove(id);
                    break;
                case 1:
                {
                    float[]? vector = random.Next(6) == 0 ? null : RandomVector(random, dims);
                    Execute(connection, "UPDATE items SET embedding = @v, qty = qty + 1 WHERE id = @id", ("v", (object?)vector ?? DBNull.Value), ("id", id));
                    var old = model[id];
                    model[id] = old with { Vector = vector, Quantity = old.Quantity + 1 };
                    break;
                }
                default:
                {
                    var row = RandomRow(random, ids.Max() + 1, dims);
                    Execute(connection, "INSERT INTO items VALUES (@id, @c, @p, @q, @f, @v)", ("id", row.Id), ("c", (object?)row.Category ?? DBNull.Value),
                        ("p", (object?)row.Price ?? DBNull.Value), ("q", (object?)row.Quantity ?? DBNull.Value), ("f", (object?)row.Flag ?? DBNull.Value),
                        ("v", (object?)row.Vector ?? DBNull.Value));
                    model[row.Id] = row;
                    ids.Add(row.Id);
                    break;
                }
            }
        }
    }

    private static void CheckQueries(VecStoreConnection connection, Random random, Dictionary<long, ModelRow> model, int dims, Metric metric, int seed, string phase)
    {
        Assert.Equal((long)model.Count, Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM items"), CultureInfo.InvariantCulture));
        for (int q = 0; q < QueriesPerPhase; q++)
        {
            var filter = random.Next(4) == 0 ? null : ModelFilter.Random(random);
            var query = random.Next(5) == 0 && model.Count > 0
                ? model.Values.ElementAt(random.Next(model.Count)).Vector ?? RandomVector(random, dims)
                : RandomVector(random, dims);
            var (function, sql) = RandomDistance(random);
            bool descending = random.Next(4) == 0;
            int k = random.Next(1, 30);
            int offset = random.Next(4) == 0 ? random.Next(0, 5) : 0;

            string text = $"SELECT id, {sql} AS d FROM items" + (filter is null ? "" : " WHERE " + filter.Sql)
                + $" ORDER BY d{(descending ? " DESC" : "")} LIMIT {k}" + (offset > 0 ? $" OFFSET {offset}" : "");
            string context = $"seed {seed}, {phase}, query {q}: {text}";

            var expected = BruteForce(model, filter, query, function, metric, descending).Skip(offset).Take(k).ToList();
            var actual = new List<(long Id, double? Distance)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = text;
                command.Parameters.AddWithValue("q", query);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    actual.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
            }

            Assert.True(expected.Count == actual.Count, $"{context}: expected {expected.Count} rows, got {actual.Count}");
            Assert.True(actual.Select(a => a.Id).Distinct().Count() == actual.Count, $"{context}: a row was returned twice");
            for (int i = 0; i < actual.Count; i++)
            {
                var (id, distance) = actual[i];
                Assert.True(model.ContainsKey(id), $"{context}: row {id} does not exist");
                var row = model[id];
                Assert.True(filter is null || filter.Holds(row) == true, $"{context}: row {id} does not pass the filter");
                double? truth = row.Vector is null ? null : Distance(function, metric, row.Vector, query);
                Assert.True(Close(truth, distance), $"{context}: row {id} has distance {distance}, brute force says {truth}");
                // Ties may come back in either order, so compare the distance at each position, not the id.
                Assert.True(Close(expected[i].Distance, distance), $"{context}: position {i} has distance {distance}, brute force has {expected[i].Distance} (row {expected[i].Id})");
            }
        }
    }

    private static IEnumerable<(long Id, double? Distance)> BruteForce(Dictionary<long, ModelRow> model, ModelFilter? filter, float[] query, string function, Metric metric, bool descending)
    {
        var passing = model.Values.Where(r => filter is null || filter.Holds(r) == true).ToList();
        var withVector = passing.Where(r => r.Vector is not null).Select(r => (r.Id, Distance: (double?)Distance(function, metric, r.Vector!, query)));
        var withoutVector = passing.Where(r => r.Vector is null).OrderBy(r => r.Id).Select(r => (r.Id, Distance: (double?)null));
        var ordered = descending ? withVector.OrderByDescending(r => r.Distance) : withVector.OrderBy(r => r.Distance);
        // As in PostgreSQL, rows without a distance come last in ascending order and first in descending order.
        return descending ? withoutVector.Concat(ordered) : ordered.Concat(withoutVector);
    }

    private static (string Function, string Sql) RandomDistance(Random random) => random.Next(7) switch
    {
        0 => ("distance", "distance(embedding, @q)"),
        1 => ("l2", "l2_distance(embedding, @q)"),
        2 => ("cosine", "cosine_distance(@q, embedding)"),
        3 => ("ip", "inner_product(embedding, @q)"),
        4 => ("l2", "embedding <-> @q"),
        5 => ("cosine", "embedding <=> @q"),
        _ => ("negip", "embedding <#> @q"),
    };

    private static double Distance(string function, Metric metric, float[] v, float[] q)
    {
        double dot = 0, nv = 0, nq = 0, l2 = 0;
        for (int i = 0; i < v.Length; i++)
        {
            dot += (double)v[i] * q[i];
            nv += (double)v[i] * v[i];
            nq += (double)q[i] * q[i];
            double d = (double)v[i] - q[i];
            l2 += d * d;
        }
        double cosine = nv == 0 || nq == 0 ? 1 : 1 - dot / Math.Sqrt(nv * nq);
        if (function == "distance")
            function = metric switch { Metric.L2 => "l2", Metric.Cosine => "cosine", _ => "negip" };
        return function switch
        {
            "l2" => Math.Sqrt(l2),
            "cosine" => cosine,
            "ip" => dot,
            _ => -dot,
        };
    }

    private static bool Close(double? expected, double? actual)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null;
        return Math.Abs(expected.Value - actual.Value) <= 2e-4 * Math.Max(1, Math.Abs(expected.Value));
    }

    private static ModelRow RandomRow(Random random, long id, int dims) => new(
        id,
        ModelFilter.Category(random),
        random.Next(10) == 0 ? null : Math.Round(random.NextDouble() * 100, 2),
        random.Next(10) == 0 ? null : random.Next(0, 20),
        random.Next(10) == 0 ? null : random.Next(2) == 0,
        random.Next(12) == 0 ? null : RandomVector(random, dims));

    private static float[] RandomVector(Random random, int dims)
    {
        var v = new float[dims];
        for (int i = 0; i < dims; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        // Now and then a zero vector, whose cosine distance is defined as 1.
        if (random.Next(60) == 0)
            Array.Clear(v);
        return v;
    }

    private static void Execute(VecStoreConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(VecStoreConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
