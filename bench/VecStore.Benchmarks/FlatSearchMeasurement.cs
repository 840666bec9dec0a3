using System.Diagnostics;

namespace VecStore.Benchmarks;

/// <summary>Queries per second of exact top-10 search through SQL, against the memory-bandwidth bound of streaming every vector once.</summary>
internal static class FlatSearchMeasurement
{
    /// <summary>This machine's measured read bandwidth (../shared/bench/membw.py), bytes per second.</summary>
    private const double MemoryBandwidth = 36e9;

    public static void Run(int rows, int dims, int queries)
    {
        string path = Path.Combine(Path.GetTempPath(), $"vecstore-flat-{rows}-{dims}.vdb");
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM items";
        bool exists;
        try
        {
            exists = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == rows;
        }
        catch (VecStoreException ex) when (ex.Code == ErrorCode.UnknownTable)
        {
            exists = false;
        }
        if (!exists)
        {
            Console.WriteLine($"building {path} ...");
            command.CommandText = $"DROP TABLE IF EXISTS items; CREATE TABLE items (id INTEGER PRIMARY KEY, embedding VECTOR({dims}))";
            command.ExecuteNonQuery();
            var vectors = IngestMeasurement.RandomVectors(rows, dims, seed: 2);
            using var transaction = connection.BeginTransaction();
            command.CommandText = "INSERT INTO items (id, embedding) VALUES (@id, @embedding)";
            var id = command.Parameters.AddWithValue("id", 0L);
            var embedding = command.Parameters.AddWithValue("embedding", null);
            for (int i = 0; i < rows; i++)
            {
                id.Value = (long)i;
                embedding.Value = vectors[i];
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            command.Parameters.Clear();
            connection.Checkpoint();
        }

        command.Parameters.Clear();
        command.CommandText = "SELECT id, distance(embedding, @q) AS dist FROM items ORDER BY dist LIMIT 10";
        var query = command.Parameters.AddWithValue("q", null);
        var queryVectors = IngestMeasurement.RandomVectors(queries + 3, dims, seed: 3);
        for (int w = 0; w < 3; w++)
            Drain(command, query, queryVectors[queries + w]);

        var latencies = new double[queries];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < queries; i++)
        {
            double start = clock.Elapsed.TotalMilliseconds;
            Drain(command, query, queryVectors[i]);
            latencies[i] = clock.Elapsed.TotalMilliseconds - start;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double bytes = (double)rows * dims * sizeof(float);
        Console.WriteLine($"exact top-10 through SQL over {rows:N0} x {dims}-d, {queries} queries, {Environment.ProcessorCount} threads:");
        Console.WriteLine($"  {queries / seconds:F1} QPS, mean {latencies.Average():F2} ms, p99 {latencies[(int)(0.99 * (queries - 1))]:F2} ms");
        Console.WriteLine($"  {bytes * queries / seconds / 1e9:F1} GB/s of vectors scanned; the single-pass memory bound is {MemoryBandwidth / bytes:F0} QPS");
    }

    private static void Drain(VecStoreCommand command, VecStoreParameter query, float[] vector)
    {
        query.Value = vector;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
