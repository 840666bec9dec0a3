using Dapper;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Hnsw;

/// <summary>USING IVFPQ keeps codes and ids, not vectors: its file stays near M + 8 bytes a row, and answers, re-ranked from the table, stay exact through changes, reopening, compaction, a stale file and an old file version.</summary>
public sealed class IvfPqIndexFileTests
{
    private const int Dimensions = 16;
    private const int Lists = 16;
    private const int M = 4;
    private const int Rows = 1200;

    /// <summary>Header, centroids, codebooks, list counts and checksum: the part of the file that does not grow with the rows.</summary>
    private const long FixedBytes = 72 + ((Lists + 256L) * Dimensions * sizeof(float)) + (Lists * sizeof(int)) + 8;

    [Fact]
    public void Index_file_holds_codes_and_ids_but_no_vectors()
    {
        using var dir = new TempDirectory();
        string db = dir.File("size.vdb");
        var model = new HnswModel(Metric.L2);
        using (var connection = Open(db))
            Create(connection, model, new Random(1));

        // Per row a code, an id and a tombstone bit; per list at most 15 bytes of rounding.
        long size = new FileInfo(IndexFile(dir)).Length;
        Assert.InRange(size, FixedBytes + (Rows * (M + 8L)), FixedBytes + (Rows * (M + 9L)) + (Lists * 15));
        Assert.True(Rows * (long)Dimensions * sizeof(float) > 2 * (size - FixedBytes), "the file holds the vectors");
    }

    [Fact]
    public void Answers_stay_exact_through_updates_deletes_reopening_and_compaction()
    {
        using var dir = new TempDirectory();
        string db = dir.File("changes.vdb");
        var model = new HnswModel(Metric.L2);
        var random = new Random(2);
        using (var connection = Open(db))
        {
            Create(connection, model, random);
            Check(connection, model, random);
            var q = Vector(random);
            for (long id = 1; id <= 50; id++)
                Update(connection, model, id, id == 7 ? q : Vector(random));
            for (long id = 100; id < 200; id++)
                Delete(connection, model, id);
            Assert.Equal([7L], connection.Query<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 1 WITH (nprobe = 16)", new { q }));
            Check(connection, model, random);
        }
        using (var connection = Open(db))
        {
            Check(connection, model, random);

            // Four in ten rows go: the lists are copied without their tombstones.
            foreach (long id in model.Rows.Keys.Where(id => id % 10 < 4).ToList())
                Delete(connection, model, id);
            Check(connection, model, random);
        }
        // Compaction keeps tombstones under 30% of the entries, whenever during the session it ran; without it all 1250 would remain.
        long entries = (new FileInfo(IndexFile(dir)).Length - FixedBytes) / (M + 8);
        Assert.InRange(entries, model.Rows.Count, (long)(model.Rows.Count / 0.7));
        using (var connection = Open(db))
        {
            Check(connection, model, random);
            for (long id = 5000; id < 5020; id++)
                Insert(connection, model, id, Vector(random));
            Check(connection, model, random);
        }
    }

    [Fact]
    public void A_stale_index_file_is_reconciled_without_vectors_and_a_version_1_file_is_rebuilt()
    {
        using var dir = new TempDirectory();
        string db = dir.File("stale.vdb");
        var model = new HnswModel(Metric.L2);
        var random = new Random(3);
        using (var connection = Open(db))
            Create(connection, model, random);
        string file = IndexFile(dir);
        byte[] old = File.ReadAllBytes(file);
        using (var connection = Open(db))
        {
            Delete(connection, model, 11);
            Update(connection, model, 12, Vector(random));
            Insert(connection, model, 9000, Vector(random));
            connection.Checkpoint();
        }

        // As if the process had crashed before saving the index: the log no longer says what changed since.
        File.WriteAllBytes(file, old);
        using (var connection = Open(db))
            Check(connection, model, random);

        File.Copy(Fixtures.PathOf("ivfpq-v1.ivfpq"), file, overwrite: true);
        using (var connection = Open(db))
            Check(connection, model, random);
        Assert.Equal(2, BitConverter.ToInt32(File.ReadAllBytes(file), 8));
    }

    /// <summary>Twenty random queries probing every list: exactly the model's ten nearest, with its distances.</summary>
    private static void Check(VecStoreConnection connection, HnswModel model, Random random)
    {
        for (int i = 0; i < 20; i++)
        {
            var q = Vector(random);
            var rows = connection.Query<(long Id, double D)>("SELECT id, v <-> @q FROM t ORDER BY v <-> @q LIMIT 10 WITH (nprobe = 16)", new { q }).ToList();
            Assert.Equal(model.Nearest(q, 10), rows.Select(r => r.Id).ToList());
            foreach (var (id, d) in rows)
                Assert.Equal(model.Distance(q, model.Rows[id].Vector), (float)d);
        }
    }

    private static void Create(VecStoreConnection connection, HnswModel model, Random random)
    {
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({Dimensions}))");
        using (var transaction = connection.BeginTransaction())
        {
            for (long id = 1; id <= Rows; id++)
            {
                var v = Vector(random);
                model.Rows[id] = (0, v);
                connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v }, transaction);
            }
            transaction.Commit();
        }
        // Refine 40: four hundred of the rows are re-ranked exactly, so the true ten are among them.
        connection.Execute($"CREATE INDEX t_v ON t USING IVFPQ (v) WITH (lists = {Lists}, m = {M}, refine = 40)");
    }

    private static void Insert(VecStoreConnection connection, HnswModel model, long id, float[] v)
    {
        connection.Execute("INSERT INTO t VALUES (@id, @v)", new { id, v });
        model.Rows[id] = (0, v);
    }

    private static void Update(VecStoreConnection connection, HnswModel model, long id, float[] v)
    {
        connection.Execute("UPDATE t SET v = @v WHERE id = @id", new { id, v });
        model.Rows[id] = (0, v);
    }

    private static void Delete(VecStoreConnection connection, HnswModel model, long id)
    {
        connection.Execute("DELETE FROM t WHERE id = @id", new { id });
        model.Rows.Remove(id);
    }

    private static VecStoreConnection Open(string path)
    {
        var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    private static string IndexFile(TempDirectory dir)
        => Assert.Single(Directory.GetFiles(dir.Path, "*-index-*"), f => !f.EndsWith(".tmp", StringComparison.Ordinal));

    private static float[] Vector(Random random)
    {
        var v = new float[Dimensions];
        RandomVectors.Fill(random, v);
        return v;
    }
}
