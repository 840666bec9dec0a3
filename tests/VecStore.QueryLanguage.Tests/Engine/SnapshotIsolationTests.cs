using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>Readers see one consistent state for a whole transaction; writers' own changes are theirs until commit.</summary>
public sealed class SnapshotIsolationTests
{
    [Fact]
    public void Reader_transaction_keeps_its_vectors_while_a_writer_updates_and_checkpoints()
    {
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("snap.vdb")}";
        using var writer = new VecStoreConnection(cs);
        writer.Open();
        writer.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        writer.Execute("INSERT INTO t VALUES (1, [1, 1]), (2, [2, 2])");
        writer.Checkpoint();

        using var reader = new VecStoreConnection(cs);
        reader.Open();
        using var transaction = reader.BeginTransaction();
        Assert.Equal(new float[] { 1, 1 }, reader.QuerySingle<float[]>("SELECT v FROM t WHERE id = 1", transaction: transaction));

        writer.Execute("UPDATE t SET v = [9, 9] WHERE id = 1");
        writer.Execute("DELETE FROM t WHERE id = 2");
        writer.Execute("INSERT INTO t VALUES (3, [2, 2])");
        writer.Checkpoint();

        // Slot of row 2 may now hold row 3; the reader must still see row 2 and the old vector of row 1.
        var nearest = reader.Query<long>("SELECT id FROM t ORDER BY v <-> [2, 2] LIMIT 5", transaction: transaction).ToList();
        Assert.Equal([2L, 1L], nearest);
        Assert.Equal(new float[] { 1, 1 }, reader.QuerySingle<float[]>("SELECT v FROM t WHERE id = 1", transaction: transaction));
        transaction.Commit();

        Assert.Equal([3L, 1L], reader.Query<long>("SELECT id FROM t ORDER BY v <-> [2, 2] LIMIT 5").ToList());
    }

    [Fact]
    public void Uncommitted_vectors_are_found_by_their_own_transaction_only()
    {
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("own.vdb")}";
        using var a = new VecStoreConnection(cs);
        using var b = new VecStoreConnection(cs);
        a.Open();
        b.Open();
        a.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        a.Execute("INSERT INTO t VALUES (1, [0, 0])");

        using (var transaction = a.BeginTransaction())
        {
            a.Execute("INSERT INTO t VALUES (2, [5, 5])", transaction: transaction);
            a.Execute("UPDATE t SET v = [6, 6] WHERE id = 1", transaction: transaction);
            Assert.Equal([1L, 2L], a.Query<long>("SELECT id FROM t ORDER BY v <-> [6, 6] LIMIT 5", transaction: transaction).ToList());
            Assert.Equal([1L], b.Query<long>("SELECT id FROM t ORDER BY v <-> [6, 6] LIMIT 5").ToList());
            Assert.Equal(new float[] { 0, 0 }, b.QuerySingle<float[]>("SELECT v FROM t WHERE id = 1"));
            transaction.Rollback();
        }
        Assert.Equal([1L], a.Query<long>("SELECT id FROM t ORDER BY v <-> [6, 6] LIMIT 5").ToList());
        Assert.Equal(new float[] { 0, 0 }, a.QuerySingle<float[]>("SELECT v FROM t WHERE id = 1"));
    }

    [Fact]
    public void Searches_running_beside_a_writer_always_see_whole_commits()
    {
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("race.vdb")};Checkpoint Threshold=20000";
        using (var setup = new VecStoreConnection(cs))
        {
            setup.Open();
            setup.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, v VECTOR(8))");
        }

        const int batches = 60, batchSize = 10;
        Exception? failure = null, writerFailure = null;
        var writer = new Thread(() =>
        {
            try
            {
                Write();
            }
            catch (Exception ex)
            {
                writerFailure = ex;
            }
        });
        writer.Start();

        using var reader = new VecStoreConnection(cs);
        reader.Open();
        int checks = 0;
        while (writer.IsAlive || checks < 5)
        {
            try
            {
                using var transaction = reader.BeginTransaction();
                long count = reader.ExecuteScalar<long>("SELECT count(*) FROM t", transaction: transaction);
                var ids = reader.Query<long>("SELECT id FROM t ORDER BY v <-> @q", new { q = new float[8] }, transaction).ToList();
                transaction.Commit();
                Assert.Equal(count, ids.Count);
                Assert.Equal(count, ids.Distinct().Count());
                Assert.Equal(0, count % batchSize);
                checks++;
            }
            catch (Exception ex)
            {
                failure = ex;
                break;
            }
        }
        writer.Join();
        Assert.Null(writerFailure);
        Assert.Null(failure);
        Assert.True(checks >= 5);
        Assert.Equal((long)batches * batchSize, reader.ExecuteScalar<long>("SELECT count(*) FROM t"));

        void Write()
        {
            using var connection = new VecStoreConnection(cs);
            connection.Open();
            var random = new Random(1);
            for (int b = 0; b < batches; b++)
            {
                using var transaction = connection.BeginTransaction();
                for (int i = 0; i < batchSize; i++)
                {
                    var v = new float[8];
                    for (int j = 0; j < 8; j++)
                        v[j] = random.NextSingle();
                    connection.Execute("INSERT INTO t VALUES (@id, @b, @v)", new { id = b * batchSize + i, b, v }, transaction);
                }
                // Every few batches, move some vectors, so searches meet updates too.
                if (b % 3 == 2)
                    connection.Execute("UPDATE t SET v = @v WHERE id % 7 = @r", new { v = new float[8], r = b % 7 }, transaction);
                transaction.Commit();
            }
        }
    }
}
