using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

public sealed class BatchTests
{
    [Fact]
    public void Batch_returns_each_command_result_in_order_and_counts_changes()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        using var batch = connection.CreateBatch();
        var insert = new VecStoreBatchCommand("INSERT INTO t VALUES (1, [0, 0]), (2, [5, 5]), (3, [9, 9])");
        batch.BatchCommands.Add(insert);
        foreach (var q in new[] { new float[] { 0, 1 }, new float[] { 9, 8 }, new float[] { 6, 5 } })
        {
            var search = new VecStoreBatchCommand("SELECT id FROM t ORDER BY v <-> @q LIMIT 2");
            search.Parameters.AddWithValue("q", q);
            batch.BatchCommands.Add(search);
        }
        var results = new List<long[]>();
        using (var reader = batch.ExecuteReader())
        {
            do
            {
                var ids = new List<long>();
                while (reader.Read())
                    ids.Add(reader.GetInt64(0));
                results.Add([.. ids]);
            }
            while (reader.NextResult());
            Assert.Equal(3, reader.RecordsAffected);
        }
        Assert.Equal(3, insert.RecordsAffected);
        Assert.Equal([[1L, 2L], [3L, 2L], [2L, 3L]], results);
    }
}
