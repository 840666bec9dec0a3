using System.Text;
using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>
/// BIT(n) at the limit docs/limits.md promises (65,536 bits) works end to end: create, insert as a
/// bool[] parameter and as a '0101…' literal, exact Hamming and Jaccard search against brute force,
/// an HNSW index, a checkpoint into the pages, reopening and CHECK. One bit more is refused with an
/// error that names BIT and its own limit; VECTOR keeps its own.
/// </summary>
public sealed class BitColumnAtItsLimitTests
{
    private const int Bits = 65_536; // docs/limits.md
    private const int Rows = 16;

    [Theory]
    [InlineData("hamming")]
    [InlineData("jaccard")]
    public void A_BIT_column_of_the_largest_size_stores_searches_indexes_and_survives_reopening(string metric)
    {
        var random = new Random(metric.Length);
        var rows = new Dictionary<long, bool[]>();
        for (long id = 1; id <= Rows; id++)
        {
            var bits = new bool[Bits];
            // Rows differ in how dense they are, so the distances spread out.
            double density = 0.05 + 0.9 * random.NextDouble();
            for (int i = 0; i < Bits; i++)
                bits[i] = random.NextDouble() < density;
            rows[id] = bits;
        }
        var query = rows[3].Select((b, i) => i % 97 == 0 ? !b : b).ToArray();

        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("bits.vdb")}";
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v BIT({Bits}) METRIC {metric})");
            foreach (var (id, bits) in rows)
            {
                if (id % 2 == 0)
                    connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v = bits });
                else
                    connection.Execute($"INSERT INTO t VALUES ({id}, '{BitString(bits)}')");
            }
            AssertNearest(connection, rows, query, metric, "logged");
            connection.Execute("CHECKPOINT");
            AssertNearest(connection, rows, query, metric, "checkpointed");

            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (ef_search = 64)");
            var plan = connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY distance(v, @q) LIMIT 5", new { q = query }).ToList();
            Assert.Contains("index hnsw t_v", plan[0], StringComparison.Ordinal);
            // 16 rows and ef_search 64: the walk sees every node, so the index's answer is exact.
            AssertNearest(connection, rows, query, metric, "through the index");
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            AssertNearest(connection, rows, query, metric, "reopened");
            var stored = (bool[])connection.ExecuteScalar("SELECT v FROM t WHERE id = 5")!;
            Assert.Equal(rows[5], stored);
            Assert.All(connection.Query("CHECK").Select(row => (string)((IDictionary<string, object>)row)["status"]), status => Assert.Equal("ok", status));
        }
    }

    [Fact]
    public void One_bit_past_the_limit_is_refused_naming_BIT_and_its_limit()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute($"CREATE TABLE at_limit (v BIT({Bits}))");
        var error = Assert.Throws<VecStoreException>(() => connection.Execute($"CREATE TABLE past (id INTEGER, v BIT({Bits + 1}))"));
        Assert.Equal(ErrorCode.InvalidDimensions, error.Code);
        Assert.Contains($"BIT({Bits + 1}) is out of range: a BIT column has 1 to {Bits} bits", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("VECTOR", error.Message, StringComparison.Ordinal);
        Assert.Equal(34, error.Column); // the caret is on the type, not the statement

        var vector = Assert.Throws<VecStoreException>(() => connection.Execute("CREATE TABLE past (v VECTOR(16001))"));
        Assert.Contains("VECTOR(16001) is out of range: a VECTOR column has 1 to 16000 dimensions", vector.Message, StringComparison.Ordinal);
        var half = Assert.Throws<VecStoreException>(() => connection.Execute("CREATE TABLE past (v VECTOR(16001) HALF)"));
        Assert.Contains("VECTOR(16001) HALF is out of range", half.Message, StringComparison.Ordinal);

        // A value one bit longer than the column is refused too.
        connection.Execute($"CREATE TABLE b (id INTEGER PRIMARY KEY, v BIT({Bits}))");
        var value = Assert.Throws<VecStoreException>(() => connection.Execute("INSERT INTO b VALUES (1, @v)", new { v = new bool[Bits + 1] }));
        Assert.Equal(ErrorCode.DimensionMismatch, value.Code);
    }

    private static void AssertNearest(VecStoreConnection connection, Dictionary<long, bool[]> rows, bool[] query, string metric, string stage)
    {
        var expected = rows
            .Select(row => (Id: row.Key, Distance: metric == "hamming" ? Hamming(row.Value, query) : Jaccard(row.Value, query)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Id).Take(5).ToList();
        string function = metric == "hamming" ? "hamming_distance" : "jaccard_distance";
        var actual = connection.Query<(long Id, double Distance)>(
            $"SELECT id, {function}(v, @q) AS d FROM t ORDER BY distance(v, @q) LIMIT 5", new { q = query }).ToList();
        Assert.True(expected.Select(x => x.Id).SequenceEqual(actual.Select(x => x.Id)),
            $"{stage}: expected {string.Join(",", expected)} got {string.Join(",", actual)}");
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Distance, actual[i].Distance, 5);
    }

    private static double Hamming(bool[] a, bool[] b)
    {
        int differ = 0;
        for (int i = 0; i < a.Length; i++)
            differ += a[i] != b[i] ? 1 : 0;
        return differ;
    }

    private static double Jaccard(bool[] a, bool[] b)
    {
        int both = 0, either = 0;
        for (int i = 0; i < a.Length; i++)
        {
            both += a[i] && b[i] ? 1 : 0;
            either += a[i] || b[i] ? 1 : 0;
        }
        return either == 0 ? 0 : 1 - (double)both / either;
    }

    private static string BitString(bool[] bits)
    {
        var text = new StringBuilder(bits.Length);
        foreach (bool bit in bits)
            text.Append(bit ? '1' : '0');
        return text.ToString();
    }
}
