using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Hnsw;

/// <summary>The index file: written at CREATE INDEX and on close, trusted only when it checks out, caught up or rebuilt otherwise.</summary>
public sealed class HnswIndexFileTests
{
    private const int Rows = 600;

    [Fact]
    public void Index_file_is_written_at_create_and_gone_after_drop_index_and_drop_table()
    {
        using var dir = new TempDirectory();
        string db = dir.File("files.vdb");
        using var connection = Open(db);
        Fill(connection);
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        var file = Assert.Single(IndexFiles(dir));

        connection.Execute("DROP INDEX t_v");
        Assert.False(File.Exists(file));
        Assert.Contains("USING flat", Explain(connection));

        connection.Execute("CREATE INDEX t_v2 ON t USING HNSW (v)");
        Assert.Single(IndexFiles(dir));
        connection.Execute("DROP TABLE t");
        Assert.Empty(IndexFiles(dir));
    }

    [Fact]
    public void Rolled_back_create_leaves_no_index_and_no_file()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir.File("rollback.vdb"));
        Fill(connection);
        using (var transaction = connection.BeginTransaction())
        {
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)", transaction: transaction);
            // Inside the transaction the new index is planned, and answered exactly until it commits.
            Assert.Equal(Nearest(Query(), 5), connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = Query() }, transaction).ToList());
            transaction.Rollback();
        }
        Assert.Empty(IndexFiles(dir));
        Assert.Contains("USING flat", Explain(connection));
        connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        Assert.Contains("USING index hnsw t_v", Explain(connection));
    }

    [Fact]
    public void Reopened_database_uses_its_index_file_and_sees_later_changes()
    {
        using var dir = new TempDirectory();
        string db = dir.File("reopen.vdb");
        using (var connection = Open(db))
        {
            Fill(connection);
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_search = 40)");
        }
        var written = File.GetLastWriteTimeUtc(Assert.Single(IndexFiles(dir)));
        using (var connection = Open(db))
        {
            Assert.Contains("ef_search = 40 (the index's default)", string.Join("\n", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 3", new { q = Query() })));
            Assert.Equal(Nearest(Query(), 5), connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = Query() }).ToList());
            // Unchanged since it was saved: opening did not rewrite it.
            Assert.Equal(written, File.GetLastWriteTimeUtc(IndexFiles(dir)[0]));
            connection.Execute("DELETE FROM t WHERE id = @id", new { id = Nearest(Query(), 1)[0] });
            connection.Execute("INSERT INTO t VALUES (9999, @q)", new { q = Query() });
        }
        using (var connection = Open(db))
        {
            var ids = connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = Query() }).ToList();
            Assert.Equal(9999L, ids[0]);
            Assert.DoesNotContain(Nearest(Query(), 1)[0], ids);
        }
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    [InlineData("delete")]
    public void Damaged_or_missing_index_file_is_rebuilt_not_trusted(string damage)
    {
        using var dir = new TempDirectory();
        string db = dir.File("damaged.vdb");
        using (var connection = Open(db))
        {
            Fill(connection);
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        }
        string file = Assert.Single(IndexFiles(dir));
        var bytes = File.ReadAllBytes(file);
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0x5A;
                File.WriteAllBytes(file, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(file, bytes[..(bytes.Length / 3)]);
                break;
            case "garbage":
                File.WriteAllBytes(file, new byte[bytes.Length]);
                break;
            default:
                File.Delete(file);
                break;
        }
        using (var connection = Open(db))
        {
            Assert.Equal(Nearest(Query(), 5), connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = Query() }).ToList());
            Assert.Contains("USING index hnsw t_v", Explain(connection));
        }
        // Rebuilt and saved again: the next open finds a good file and leaves it as it is.
        var repaired = File.ReadAllBytes(file);
        using (var connection = Open(db))
            Assert.Equal(Nearest(Query(), 5), connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = Query() }).ToList());
        Assert.Equal(repaired, File.ReadAllBytes(file));
    }

    [Fact]
    public void Stale_index_file_from_before_later_commits_is_caught_up()
    {
        using var dir = new TempDirectory();
        string db = dir.File("stale.vdb");
        using (var connection = Open(db))
        {
            Fill(connection);
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        }
        string file = Assert.Single(IndexFiles(dir));
        var old = File.ReadAllBytes(file);
        long gone = Nearest(Query(), 1)[0];
        using (var connection = Open(db))
        {
            connection.Execute("DELETE FROM t WHERE id = @gone", new { gone });
            connection.Execute("UPDATE t SET v = @q WHERE id = 7", new { q = Query() });
            connection.Checkpoint();
        }
        // As if the process had crashed before saving the index: the file predates the changes.
        File.WriteAllBytes(file, old);
        using (var connection = Open(db))
        {
            var ids = connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = Query() }).ToList();
            Assert.Equal(7L, ids[0]);
            Assert.DoesNotContain(gone, ids);
        }
    }

    [Fact]
    public void Index_files_the_catalog_does_not_know_are_removed_when_the_database_opens()
    {
        using var dir = new TempDirectory();
        string db = dir.File("orphans.vdb");
        using (var connection = Open(db))
        {
            Fill(connection);
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        }
        string kept = Assert.Single(IndexFiles(dir));
        // What a crash after a committed DROP INDEX, or in the middle of a save, leaves behind.
        File.WriteAllText(db + "-index-999", "dropped");
        File.WriteAllText(kept + ".tmp", "half written");
        File.WriteAllText(dir.File("other.vdb-index-3"), "another database's");
        using (var connection = Open(db))
            Assert.Contains("USING index hnsw t_v", Explain(connection));
        Assert.Equal([kept], IndexFiles(dir).Where(f => f.StartsWith(db, StringComparison.Ordinal)).ToList());
        Assert.False(File.Exists(kept + ".tmp"));
        Assert.True(File.Exists(dir.File("other.vdb-index-3")));
    }

    [Fact]
    public void After_many_deletes_the_graph_is_rebuilt_from_the_rows_left()
    {
        using var dir = new TempDirectory();
        string db = dir.File("deletes.vdb");
        using (var connection = Open(db))
        {
            Fill(connection);
            connection.Execute("CREATE INDEX t_v ON t USING HNSW (v)");
        }
        long before = new FileInfo(Assert.Single(IndexFiles(dir))).Length;
        using (var connection = Open(db))
            connection.Execute("DELETE FROM t WHERE id % 5 <> 0");
        // Four in five nodes were deleted: the saved graph holds only the rows left.
        Assert.True(new FileInfo(IndexFiles(dir)[0]).Length < before / 2, "the graph kept its deleted nodes");
        using (var connection = Open(db))
        {
            var expected = Enumerable.Range(0, Rows).Where(id => id % 5 == 0)
                .OrderBy(id => (Indexes.Distance.DistanceKernels.Distance(Indexes.Distance.Metric.L2, Query(), VectorOf(id)), id)).Take(5).Select(id => (long)id).ToList();
            Assert.Equal(expected, connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", new { q = Query() }).ToList());
        }
    }

    private static VecStoreConnection Open(string path)
    {
        var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    private static void Fill(VecStoreConnection connection)
    {
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(8))");
        using var transaction = connection.BeginTransaction();
        for (int id = 0; id < Rows; id++)
            connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v = VectorOf(id) }, transaction);
        transaction.Commit();
    }

    private static float[] VectorOf(long id)
    {
        var random = new Random((int)id * 31 + 5);
        var v = new float[8];
        RandomVectors.Fill(random, v);
        return v;
    }

    private static float[] Query() => [0.1f, -0.2f, 0.3f, 0.05f, -0.4f, 0.2f, 0f, 0.1f];

    private static List<long> Nearest(float[] query, int k)
    {
        var all = new List<(double, long)>();
        for (long id = 0; id < Rows; id++)
            all.Add((Indexes.Distance.DistanceKernels.Distance(Indexes.Distance.Metric.L2, query, VectorOf(id)), id));
        all.Sort();
        return all.Take(k).Select(p => p.Item2).ToList();
    }

    private static string Explain(VecStoreConnection connection)
        => string.Join("\n", connection.Query<string>("EXPLAIN SELECT id FROM t ORDER BY v <-> @q LIMIT 3", new { q = Query() }));

    private static List<string> IndexFiles(TempDirectory dir)
        => Directory.GetFiles(dir.Path, "*-index-*").Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
}
