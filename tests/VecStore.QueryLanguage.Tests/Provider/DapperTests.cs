using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

public sealed class DapperTests
{
    public sealed class Doc
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public float[]? Embedding { get; set; }
    }

    public sealed class Hit
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public double Dist { get; set; }
    }

    private static VecStoreConnection OpenWithDocs()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, embedding VECTOR(3))");
        return connection;
    }

    [Fact]
    public void Execute_with_a_list_of_objects_inserts_every_row()
    {
        using var connection = OpenWithDocs();
        var docs = new[]
        {
            new Doc { Id = 1, Title = "one", Embedding = [1, 0, 0] },
            new Doc { Id = 2, Title = "two", Embedding = [0, 1, 0] },
            new Doc { Id = 3, Title = "three", Embedding = null },
        };
        int inserted = connection.Execute("INSERT INTO docs (id, title, embedding) VALUES (@Id, @Title, @Embedding)", docs);
        Assert.Equal(3, inserted);
        Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT count(*) FROM docs"));
    }

    [Fact]
    public void Query_binds_a_float_array_as_one_vector_not_a_list()
    {
        using var connection = OpenWithDocs();
        connection.Execute("INSERT INTO docs VALUES (1, 'x', [1, 0, 0]), (2, 'y', [0, 1, 0]), (3, 'z', [0, 0, 1])");
        var hits = connection.Query<Hit>(
            "SELECT id, title, distance(embedding, @q) AS dist FROM docs ORDER BY dist LIMIT 2",
            new { q = new float[] { 0, 0.8f, 0.2f } }).ToList();
        Assert.Equal([2L, 3L], hits.Select(h => h.Id));
        Assert.Equal(Math.Sqrt(0.2 * 0.2 + 0.2 * 0.2), hits[0].Dist, 5);
    }

    [Fact]
    public void Query_reads_vector_columns_into_float_arrays()
    {
        using var connection = OpenWithDocs();
        connection.Execute("INSERT INTO docs VALUES (7, 'seven', [0.5, -1.5, 2])");
        var doc = connection.QuerySingle<Doc>("SELECT id, title, embedding FROM docs WHERE id = @id", new { id = 7 });
        Assert.Equal(new float[] { 0.5f, -1.5f, 2f }, doc.Embedding);
    }

    [Fact]
    public void Read_only_memory_parameter_binds_as_a_vector()
    {
        using var connection = OpenWithDocs();
        connection.Execute("INSERT INTO docs VALUES (1, 'x', @v)", new { v = new ReadOnlyMemory<float>([1, 2, 3]) });
        var id = connection.QuerySingle<long>("SELECT id FROM docs ORDER BY embedding <-> @q LIMIT 1", new { q = new ReadOnlyMemory<float>([1, 2, 3]) });
        Assert.Equal(1L, id);
    }

    [Fact]
    public void Transaction_passed_to_Dapper_commits_all_rows()
    {
        using var connection = OpenWithDocs();
        using (var transaction = connection.BeginTransaction())
        {
            connection.Execute("INSERT INTO docs VALUES (@Id, @Title, @Embedding)",
                Enumerable.Range(1, 100).Select(i => new Doc { Id = i, Title = "t" + i, Embedding = [i, 0, 0] }), transaction);
            transaction.Commit();
        }
        Assert.Equal(100L, connection.ExecuteScalar<long>("SELECT count(*) FROM docs"));
    }
}
