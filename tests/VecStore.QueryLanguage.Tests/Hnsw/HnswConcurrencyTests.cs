using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Hnsw;

/// <summary>Searches through an HNSW index while another connection inserts and deletes: every answer matches the reader's snapshot.</summary>
public sealed class HnswConcurrencyTests
{
    private const int Dimensions = 8;

    [Fact]
    public void Searches_beside_a_writer_see_exactly_the_committed_rows()
    {
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("race.vdb")};Checkpoint Threshold=30000";
        using (var setup = new VecStoreConnection(cs))
        {
            setup.Open();
            setup.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, v VECTOR({Dimensions}))");
            setup.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 64)");
        }

        const int batches = 150, batchSize = 12;
        Exception? writerFailure = null;
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
        var random = new Random(7);
        int checks = 0;
        while (writer.IsAlive || checks < 20)
        {
            using var transaction = reader.BeginTransaction();
            long committed = (reader.QueryFirstOrDefault<long?>("SELECT batch FROM t ORDER BY batch DESC LIMIT 1", transaction: transaction) ?? -1) + 1;
            int batch = random.Next((int)committed + 2);
            bool deleted = reader.ExecuteScalar<long>("SELECT count(*) FROM t WHERE id = @id", new { id = Beacon(batch) }, transaction) == 0;
            var (id, distance) = reader.QueryFirstOrDefault<(long, double)?>(
                "SELECT id, v <-> @q FROM t ORDER BY v <-> @q LIMIT 1", new { q = BeaconVector(batch) }, transaction) ?? (-1, -1);
            if (batch < committed && !deleted)
                Assert.Equal((Beacon(batch), 0.0), (id, distance));
            else
                Assert.NotEqual(Beacon(batch), id);
            transaction.Commit();
            checks++;
        }
        writer.Join();
        Assert.Null(writerFailure);

        void Write()
        {
            using var connection = new VecStoreConnection(cs);
            connection.Open();
            var random = new Random(1);
            for (int b = 0; b < batches; b++)
            {
                using var transaction = connection.BeginTransaction();
                connection.Execute("INSERT INTO t VALUES (@id, @b, @v)", new { id = Beacon(b), b, v = BeaconVector(b) }, transaction);
                for (int i = 1; i < batchSize; i++)
                {
                    var v = new float[Dimensions];
                    RandomVectors.Fill(random, v);
                    connection.Execute("INSERT INTO t VALUES (@id, @b, @v)", new { id = Beacon(b) + i, b, v }, transaction);
                }
                // Every few batches an older beacon goes, so searches meet deletes too.
                if (b % 4 == 3)
                    connection.Execute("DELETE FROM t WHERE id = @id", new { id = Beacon(b - 2) }, transaction);
                transaction.Commit();
            }
        }
    }

    private static long Beacon(int batch) => batch * 100L;

    // Beacons sit far from the random rows and from each other: the nearest row to one is itself.
    private static float[] BeaconVector(int batch)
    {
        var v = new float[Dimensions];
        v[0] = 10 + batch * 3;
        v[1] = 5;
        return v;
    }
}
