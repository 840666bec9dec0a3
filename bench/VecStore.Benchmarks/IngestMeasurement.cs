using System.Diagnostics;

namespace VecStore.Benchmarks;

/// <summary>Rows per second of the fast ingest path: one prepared INSERT reused inside one transaction, into a file database.</summary>
internal static class IngestMeasurement
{
    public static void Run(int rows, int dims)
    {
        string path = Path.Combine(Path.GetTempPath(), $"vecstore-ingest-{Environment.ProcessId}.vdb");
        var vectors = RandomVectors(rows, dims, seed: 1);
        try
        {
            using var connection = new VecStoreConnection($"Data Source={path}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE items (id INTEGER PRIMARY KEY, tag TEXT, embedding VECTOR({dims}))";
            command.ExecuteNonQuery();

            var clock = Stopwatch.StartNew();
            double inserting;
            using (var transaction = connection.BeginTransaction())
            {
                command.CommandText = "INSERT INTO items (id, tag, embedding) VALUES (@id, @tag, @embedding)";
                var id = command.Parameters.AddWithValue("id", 0L);
                var tag = command.Parameters.AddWithValue("tag", "");
                var embedding = command.Parameters.AddWithValue("embedding", null);
                command.Prepare();
                for (int i = 0; i < rows; i++)
                {
                    id.Value = (long)i;
                    tag.Value = Tags[i % Tags.Length];
                    embedding.Value = vectors[i];
                    command.ExecuteNonQuery();
                }
                inserting = clock.Elapsed.TotalSeconds;
                transaction.Commit();
            }
            double total = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"ingest {rows:N0} x {dims}-d into a file database, one prepared INSERT in one transaction:");
            Console.WriteLine($"  statements   {inserting,7:F2} s  {rows / inserting,10:N0} rows/s");
            Console.WriteLine($"  commit       {total - inserting,7:F2} s  (durable commit and the automatic checkpoint into the vector file)");
            Console.WriteLine($"  overall      {total,7:F2} s  {rows / total,10:N0} rows/s");

            command.Parameters.Clear();
            command.CommandText = $"CREATE TABLE bulk (id INTEGER PRIMARY KEY, tag TEXT, embedding VECTOR({dims}))";
            command.ExecuteNonQuery();
            clock.Restart();
            var bulk = new VecStoreBulkInsert(connection, "bulk");
            bulk.Write(Rows(vectors));
            double bulkSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"ingest {rows:N0} x {dims}-d with VecStoreBulkInsert (its own transaction, durable commit and checkpoint included):");
            Console.WriteLine($"  overall      {bulkSeconds,7:F2} s  {rows / bulkSeconds,10:N0} rows/s");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-vectors" })
                File.Delete(path + suffix);
        }
    }

    private static IEnumerable<object?[]> Rows(float[][] vectors)
    {
        for (int i = 0; i < vectors.Length; i++)
            yield return [(long)i, Tags[i % Tags.Length], vectors[i]];
    }

    private static readonly string[] Tags = ["red", "green", "blue", "cyan", "magenta", "yellow", "black", "white", "grey", "brown"];

    internal static float[][] RandomVectors(int rows, int dims, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[rows][];
        for (int i = 0; i < rows; i++)
        {
            var v = new float[dims];
            for (int j = 0; j < dims; j++)
                v[j] = random.NextSingle();
            vectors[i] = v;
        }
        return vectors;
    }
}
