namespace VecStore.QueryLanguage.Tests.Provider;

public sealed class SmokeTests
{
    [Fact]
    public void Create_insert_and_search_through_sql()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL, embedding VECTOR(3));
            INSERT INTO docs VALUES (1, 'a', 10, [1, 0, 0]), (2, 'b', 20, [0, 1, 0]), (3, 'c', 30, [0, 0, 1]), (4, 'd', 40, NULL);
            """;
        Assert.Equal(4, command.ExecuteNonQuery());
        command.CommandText = "SELECT id, title, distance(embedding, @q) AS dist FROM docs WHERE price > 15 ORDER BY dist LIMIT 5";
        command.Parameters.AddWithValue("q", new float[] { 0, 0.9f, 0.1f });
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        var dists = new List<object>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
            dists.Add(reader.GetValue(2));
        }
        Assert.Equal([2L, 3L, 4L], ids);
        Assert.Equal(DBNull.Value, dists[2]);
    }
}
