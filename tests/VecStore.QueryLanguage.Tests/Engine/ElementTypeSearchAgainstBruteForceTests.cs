using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>
/// HALF and BIT columns and the L1, Hamming and Jaccard distances: random tables, filters and
/// queries against a brute force over the values the column actually stores (halves rounded,
/// bits exact), while vectors sit in the log, after a checkpoint, and after reopening.
/// </summary>
public sealed class ElementTypeSearchAgainstBruteForceTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var element in new[] { "half", "bit", "l1" })
            for (int seed = 1; seed <= 4; seed++)
                yield return [element, seed];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Similarity_search_matches_brute_force(string element, int seed)
    {
        var random = new Random(seed * 31 + element.Length);
        int dims = element == "bit" ? random.Next(1, 200) : random.Next(1, 40);
        string type = element switch
        {
            "half" => $"VECTOR({dims}) HALF",
            "bit" => $"BIT({dims})" + (random.Next(2) == 0 ? " METRIC jaccard" : ""),
            _ => $"VECTOR({dims}) METRIC l1",
        };
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("e.vdb")}";
        var rows = new Dictionary<long, float[]?>();
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, grp INTEGER, v {type})");
            var bulk = new VecStoreBulkInsert(connection, "t");
            var data = new List<object?[]>();
            for (long id = 1; id <= 300; id++)
            {
                var v = random.Next(15) == 0 ? null : Random(random, element, dims);
                rows[id] = v is null ? null : Stored(v, element);
                data.Add([id, id % 5, element == "bit" && v is not null ? v.Select(x => x != 0).ToArray() : v]);
            }
            bulk.Write(data);
            Check(connection, random, rows, element, type, dims, $"{element} seed {seed} logged");
            connection.Checkpoint();
            Check(connection, random, rows, element, type, dims, $"{element} seed {seed} checkpointed");
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            Check(connection, random, rows, element, type, dims, $"{element} seed {seed} reopened");
            // Values read back are what the column stores.
            foreach (var (id, stored) in rows.Take(20))
            {
                object? value = connection.ExecuteScalar("SELECT v FROM t WHERE id = @id", new { id });
                if (stored is null)
                    Assert.Null(value);
                else if (element == "bit")
                    Assert.Equal(stored.Select(x => x != 0).ToArray(), (bool[])value!);
                else
                    Assert.Equal(stored, (float[])value!);
            }
        }
    }

    private static void Check(VecStoreConnection connection, Random random, Dictionary<long, float[]?> rows, string element, string type, int dims, string phase)
    {
        for (int q = 0; q < 15; q++)
        {
            var query = Random(random, element, dims);
            var (function, sql) = element switch
            {
                "bit" => random.Next(4) switch
                {
                    0 => ("hamming", "v <~> @q"),
                    1 => ("jaccard", "v <%> @q"),
                    2 => ("hamming", "hamming_distance(v, @q)"),
                    _ => (type.Contains("jaccard") ? "jaccard" : "hamming", "distance(v, @q)"),
                },
                "l1" => random.Next(3) switch
                {
                    0 => ("l1", "v <+> @q"),
                    1 => ("l1", "l1_distance(v, @q)"),
                    _ => ("l1", "distance(v, @q)"),
                },
                _ => random.Next(5) switch
                {
                    0 => ("l2", "v <-> @q"),
                    1 => ("cosine", "v <=> @q"),
                    2 => ("negip", "v <#> @q"),
                    3 => ("l1", "l1_distance(v, @q)"),
                    _ => ("l2", "distance(v, @q)"),
                },
            };
            long group = random.Next(5);
            bool filtered = random.Next(2) == 0, descending = random.Next(4) == 0;
            int k = random.Next(1, 25);
            string text = $"SELECT id, {sql} AS d FROM t" + (filtered ? $" WHERE grp = {group}" : "") + $" ORDER BY d{(descending ? " DESC" : "")} LIMIT {k}";
            object parameter = element == "bit" ? query.Select(x => x != 0).ToArray() : query;
            var actual = connection.Query<(long Id, double? D)>(text, new { q = parameter }).ToList();

            var candidates = rows.Where(r => !filtered || r.Key % 5 == group).ToList();
            var withVector = candidates.Where(r => r.Value is not null).Select(r => (double?)Distance(function, r.Value!, query)).ToList();
            var ordered = descending ? withVector.OrderByDescending(d => d).ToList() : withVector.OrderBy(d => d).ToList();
            var nulls = candidates.Where(r => r.Value is null).Select(_ => (double?)null).ToList();
            var expected = (descending ? nulls.Concat(ordered) : ordered.Concat(nulls)).Take(k).ToList();

            Assert.True(expected.Count == actual.Count, $"{phase}: {text}: expected {expected.Count} rows, got {actual.Count}");
            for (int i = 0; i < actual.Count; i++)
            {
                var truth = rows[actual[i].Id] is { } v ? Distance(function, v, query) : (double?)null;
                Assert.True(Close(truth, actual[i].D), $"{phase}: {text}: row {actual[i].Id} has {actual[i].D}, brute force {truth}");
                Assert.True(Close(expected[i], actual[i].D), $"{phase}: {text}: position {i} has {actual[i].D}, brute force {expected[i]}");
            }
        }
    }

    private static float[] Random(Random random, string element, int dims)
    {
        var v = new float[dims];
        for (int i = 0; i < dims; i++)
            v[i] = element == "bit" ? random.Next(2) : (float)(random.NextDouble() * 4 - 2);
        return v;
    }

    // What the column keeps: halves round, floats and bits are exact.
    private static float[] Stored(float[] v, string element) => element == "half" ? v.Select(x => (float)(Half)x).ToArray() : v;

    private static double Distance(string function, float[] v, float[] q)
    {
        double dot = 0, nv = 0, nq = 0, l2 = 0, l1 = 0;
        int differ = 0, both = 0, either = 0;
        for (int i = 0; i < v.Length; i++)
        {
            dot += (double)v[i] * q[i];
            nv += (double)v[i] * v[i];
            nq += (double)q[i] * q[i];
            l2 += ((double)v[i] - q[i]) * ((double)v[i] - q[i]);
            l1 += Math.Abs((double)v[i] - q[i]);
            bool a = v[i] != 0, b = q[i] != 0;
            differ += a != b ? 1 : 0;
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
        }
        return function switch
        {
            "l2" => Math.Sqrt(l2),
            "cosine" => nv == 0 || nq == 0 ? 1 : 1 - dot / Math.Sqrt(nv * nq),
            "negip" => -dot,
            "l1" => l1,
            "hamming" => differ,
            _ => either == 0 ? 0 : 1 - (double)both / either,
        };
    }

    private static bool Close(double? expected, double? actual)
        => expected is null || actual is null ? expected is null && actual is null
            : Math.Abs(expected.Value - actual.Value) <= 2e-4 * Math.Max(1, Math.Abs(expected.Value));
}
