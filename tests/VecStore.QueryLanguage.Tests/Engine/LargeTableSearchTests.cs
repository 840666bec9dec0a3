using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>A table big enough for the multi-threaded scan, half in pages and half in the log, against brute force.</summary>
public sealed class LargeTableSearchTests
{
    [Fact]
    public void Search_over_pages_and_log_with_several_threads_matches_brute_force()
    {
        const int rows = 24_000, dims = 64;
        var random = new Random(42);
        var vectors = new float[rows][];
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("large.vdb")}");
        connection.Open();
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, part INTEGER, v VECTOR({dims}))");
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO t VALUES (@id, @part, @v)";
            var id = insert.Parameters.AddWithValue("id", 0L);
            var part = insert.Parameters.AddWithValue("part", 0L);
            var v = insert.Parameters.AddWithValue("v", null);
            for (int i = 0; i < rows; i++)
            {
                vectors[i] = new float[dims];
                for (int j = 0; j < dims; j++)
                    vectors[i][j] = random.NextSingle() * 2 - 1;
                id.Value = (long)i;
                part.Value = (long)(i % 4);
                v.Value = vectors[i];
                insert.ExecuteNonQuery();
                if (i == rows / 2)
                {
                    transaction.Commit();
                    connection.Checkpoint();
                    break;
                }
            }
        }
        using (var transaction = connection.BeginTransaction())
        {
            for (int i = rows / 2 + 1; i < rows; i++)
            {
                vectors[i] = new float[dims];
                for (int j = 0; j < dims; j++)
                    vectors[i][j] = random.NextSingle() * 2 - 1;
                connection.Execute("INSERT INTO t VALUES (@id, @part, @v)", new { id = (long)i, part = (long)(i % 4), v = vectors[i] }, transaction);
            }
            transaction.Commit();
        }

        for (int q = 0; q < 5; q++)
        {
            var query = vectors[random.Next(rows)].Select(x => x + 0.01f).ToArray();
            var expected = Enumerable.Range(0, rows)
                .Where(i => q % 2 == 0 || i % 4 == 1)
                .Select(i => (Id: (long)i, D: Math.Sqrt(vectors[i].Zip(query, (a, b) => (double)(a - b) * (a - b)).Sum())))
                .OrderBy(x => x.D).Take(10).ToList();
            string sql = "SELECT id, v <-> @q AS d FROM t" + (q % 2 == 0 ? "" : " WHERE part = 1") + " ORDER BY d LIMIT 10";
            var actual = connection.Query<(long Id, double D)>(sql, new { q = query }).ToList();
            Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Id));
            for (int i = 0; i < 10; i++)
                Assert.Equal(expected[i].D, actual[i].D, 4);
        }
    }
}
