using System.Runtime.InteropServices;
using VecStore.Indexes;
using VecStore.Indexes.Distance;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// A seeded random database of three related tables (documents, their chunks with vectors, tags), held
/// in C# as well as loaded into VecStore, so that each relational query has a reference answer
/// computed here with LINQ, never by SQLite.
/// </summary>
internal sealed class RelationalModel
{
    public sealed record Doc(long Id, string? Cat, double? Price);

    public sealed record Chunk(long Id, long? DocId, long Pos, float[]? Emb);

    public sealed record Tag(long DocId, string Label);

    public RelationalModel(int seed)
    {
        var random = new Random(seed);
        Dimensions = random.Next(2, 9);
        Element = random.Next(3) == 0 ? VectorElement.Float16 : VectorElement.Float32;
        Metric = (Metric)new[] { Metric.L2, Metric.Cosine, Metric.InnerProduct, Metric.L1 }[random.Next(4)];
        string[] cats = ["news", "blog", "wiki", "mail"];
        int docs = random.Next(8, 30);
        for (int i = 1; i <= docs; i++)
        {
            Docs.Add(new Doc(i * 10, random.Next(6) == 0 ? null : cats[random.Next(cats.Length)],
                random.Next(7) == 0 ? null : Math.Round(random.NextDouble() * 100, 2)));
        }
        int chunks = random.Next(20, 90);
        for (int i = 1; i <= chunks; i++)
        {
            // Some chunks belong to no document, or to one that does not exist.
            long? doc = random.Next(12) == 0 ? null : random.Next(15) == 0 ? 99_999 : Docs[random.Next(Docs.Count)].Id;
            float[]? emb = random.Next(8) == 0 ? null : Vector(random);
            Chunks.Add(new Chunk(i, doc, random.Next(0, 6), emb));
        }
        string[] labels = ["red", "green", "blue"];
        foreach (var doc in Docs)
            foreach (var label in labels)
                if (random.Next(3) == 0)
                    Tags.Add(new Tag(doc.Id, label));
        Query = Vector(random);
        Seed = seed;
    }

    public int Seed { get; }

    public int Dimensions { get; }

    public VectorElement Element { get; }

    public Metric Metric { get; }

    public List<Doc> Docs { get; } = [];

    public List<Chunk> Chunks { get; } = [];

    public List<Tag> Tags { get; } = [];

    /// <summary>A query vector of the column's length, float32.</summary>
    public float[] Query { get; }

    public string VectorType => $"VECTOR({Dimensions})" + (Element == VectorElement.Float16 ? " HALF" : "") + Metric switch
    {
        Metric.Cosine => " METRIC cosine",
        Metric.InnerProduct => " METRIC ip",
        Metric.L1 => " METRIC l1",
        _ => "",
    };

    /// <summary>The distance <c>emb &lt;op&gt; query</c> as VecStore defines it: its kernel, the query playing the query.</summary>
    public double? Distance(float[]? emb, Metric metric) => emb is null ? null
        : DistanceKernels.Distance(metric, Query, Stored(emb), Element);

    /// <summary>The bytes a column of this model's element type stores for <paramref name="vector"/>.</summary>
    public byte[] Stored(float[] vector) => Element == VectorElement.Float16
        ? MemoryMarshal.AsBytes(Array.ConvertAll(vector, x => (Half)x).AsSpan()).ToArray()
        : MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    /// <summary>A vector as the column gives it back: HALF rounds each element.</summary>
    public float[] AsStored(float[] vector) => Element == VectorElement.Float16 ? Array.ConvertAll(vector, x => (float)(Half)x) : vector;

    private float[] Vector(Random random)
    {
        var v = new float[Dimensions];
        for (int i = 0; i < v.Length; i++)
            v[i] = (float)Math.Round(random.NextDouble() * 2 - 1, 3);
        return v;
    }

    /// <summary>Creates the tables and loads the rows.</summary>
    public void Load(VecStoreConnection connection)
    {
        Run(connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, cat TEXT, price REAL)");
        Run(connection, $"CREATE TABLE chunks (id INTEGER PRIMARY KEY, doc_id INTEGER, pos INTEGER NOT NULL, emb {VectorType})");
        Run(connection, "CREATE TABLE tags (doc_id INTEGER NOT NULL, label TEXT NOT NULL)");
        using var transaction = connection.BeginTransaction();
        foreach (var d in Docs)
            Run(connection, "INSERT INTO docs VALUES (@id, @cat, @price)", ("id", d.Id), ("cat", d.Cat), ("price", d.Price));
        foreach (var c in Chunks)
            Run(connection, "INSERT INTO chunks VALUES (@id, @doc, @pos, @emb)", ("id", c.Id), ("doc", c.DocId), ("pos", c.Pos), ("emb", c.Emb));
        foreach (var t in Tags)
            Run(connection, "INSERT INTO tags VALUES (@doc, @label)", ("doc", t.DocId), ("label", t.Label));
        transaction.Commit();
    }

    /// <summary>An open connection to the database file at <paramref name="path"/> (created when missing).</summary>
    public static VecStoreConnection Open(string path)
    {
        var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    public static void Run(VecStoreConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>The rows a query returns, every value as the reader gives it.</summary>
    public static List<object?[]> Rows(VecStoreConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
