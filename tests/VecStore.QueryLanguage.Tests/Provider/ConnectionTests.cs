using System.Data;
using Dapper;

namespace VecStore.QueryLanguage.Tests.Provider;

public sealed class ConnectionTests
{
    [Fact]
    public void Private_memory_databases_are_separate()
    {
        using var a = new VecStoreConnection("Data Source=:memory:");
        using var b = new VecStoreConnection("Data Source=:memory:");
        a.Open();
        b.Open();
        a.Execute("CREATE TABLE t (id INTEGER)");
        Assert.Single(a.GetTables());
        Assert.Empty(b.GetTables());
    }

    [Fact]
    public void Named_memory_database_is_shared_while_a_connection_holds_it()
    {
        string name = "shared-" + Guid.NewGuid().ToString("N");
        using var a = new VecStoreConnection($"Data Source={name};Mode=Memory");
        a.Open();
        a.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        a.Execute("INSERT INTO t VALUES (1, [1, 2])");
        using var b = new VecStoreConnection($"Data Source={name};Mode=Memory");
        b.Open();
        Assert.Equal(new float[] { 1, 2 }, b.QuerySingle<float[]>("SELECT v FROM t"));
    }

    [Fact]
    public void Read_only_connection_rejects_every_write()
    {
        string path = Path.Combine(Path.GetTempPath(), "vecstore-ro-" + Guid.NewGuid().ToString("N") + ".vdb");
        try
        {
            using (var writer = new VecStoreConnection($"Data Source={path}"))
            {
                writer.Open();
                writer.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
                writer.Execute("INSERT INTO t VALUES (1, [1, 2])");
            }
            using var reader = new VecStoreConnection($"Data Source={path};Mode=ReadOnly");
            reader.Open();
            Assert.Equal(1L, reader.ExecuteScalar<long>("SELECT count(*) FROM t"));
            foreach (var sql in new[]
            {
                "INSERT INTO t VALUES (2, [0, 0])", "UPDATE t SET v = [0, 0]", "DELETE FROM t", "DROP TABLE t", "CREATE TABLE u (id INTEGER)", "CHECKPOINT",
                "CREATE INDEX i ON t USING HNSW (v)", "CREATE INDEX j ON t (id)", "DROP INDEX IF EXISTS i", "ANALYZE", "ANALYZE t",
                "UPDATE t SET v = [0, 0] WHERE distance(v, [1, 2]) < 1",
            })
                Assert.Equal(ErrorCode.ReadOnlyDatabase, Assert.Throws<VecStoreException>(() => reader.Execute(sql)).Code);
            Assert.Equal(1L, reader.ExecuteScalar<long>("SELECT count(*) FROM t"));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-vectors" })
                File.Delete(path + suffix);
        }
    }

    [Theory]
    [InlineData("Data Source=x.vdb;Mode=Fast")]
    [InlineData("Data Source=x.vdb;Colour=blue")]
    [InlineData("Data Source=x.vdb;Default Timeout=-3")]
    public void Bad_connection_strings_are_rejected(string connectionString)
    {
        var error = Assert.Throws<VecStoreException>(() =>
        {
            using var connection = new VecStoreConnection(connectionString);
            connection.Open();
        });
        Assert.Equal(ErrorCode.InvalidConnectionString, error.Code);
    }

    [Fact]
    public void Opening_a_missing_folder_fails_clearly()
    {
        using var connection = new VecStoreConnection("Data Source=/no/such/folder/x.vdb");
        var error = Assert.Throws<VecStoreException>(connection.Open);
        Assert.Equal(ErrorCode.CannotOpen, error.Code);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void Connection_works_through_DbProviderFactory()
    {
        var factory = VecStoreFactory.Instance;
        using var connection = factory.CreateConnection();
        connection.ConnectionString = "Data Source=:memory:";
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b')";
        Assert.Equal(2, command.ExecuteNonQuery());
        command.CommandText = "SELECT name FROM t WHERE id = ?";
        var parameter = factory.CreateParameter();
        parameter.Value = 2L;
        command.Parameters.Add(parameter);
        Assert.Equal("b", command.ExecuteScalar());
    }

    [Fact]
    public void Dollar_and_at_parameters_bind_by_name_with_or_without_prefix()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES ($id, @name)";
        command.Parameters.AddWithValue("@id", 7L);
        command.Parameters.AddWithValue("name", "seven");
        command.ExecuteNonQuery();
        Assert.Equal("seven", connection.QuerySingle<string>("SELECT name FROM t WHERE id = $id", new { id = 7 }));
    }

    [Fact]
    public void Reader_reports_names_types_and_several_result_sets()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, ok BOOLEAN, v VECTOR(2)); INSERT INTO t VALUES (1, TRUE, [3, 4])");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, ok, v, v <-> [0, 0] AS d FROM t; SELECT count(*) AS n FROM t";
        using var reader = command.ExecuteReader();
        Assert.True(reader.HasRows);
        Assert.Equal(["id", "ok", "v", "d"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        Assert.Equal([typeof(long), typeof(bool), typeof(float[]), typeof(double)], Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType));
        Assert.True(reader.Read());
        Assert.True(reader.GetBoolean(1));
        Assert.Equal(new float[] { 3, 4 }, reader.GetFieldValue<float[]>(2));
        Assert.Equal(5.0, reader.GetDouble(3), 6);
        Assert.False(reader.Read());
        Assert.True(reader.NextResult());
        Assert.True(reader.Read());
        Assert.Equal(1L, reader.GetInt64(reader.GetOrdinal("n")));
        Assert.False(reader.NextResult());
    }

    [Fact]
    public void A_second_command_while_a_reader_is_open_is_refused_clearly()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2)");
        using var first = connection.CreateCommand();
        first.CommandText = "SELECT id FROM t";
        using var reader = first.ExecuteReader();
        Assert.True(reader.Read());
        var error = Assert.Throws<VecStoreException>(() => connection.Execute("INSERT INTO t VALUES (3)"));
        Assert.Equal(ErrorCode.CommandState, error.Code);
        reader.Close();
        connection.Execute("INSERT INTO t VALUES (3)");
        Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }
}
