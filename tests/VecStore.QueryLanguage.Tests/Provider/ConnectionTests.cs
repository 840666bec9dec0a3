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
        string archive = Path.Combine(Path.GetTempPath(), "vecstore-ro-backup-" + Guid.NewGuid().ToString("N") + ".vdbz");
        try
        {
            using (var writer = new VecStoreConnection($"Data Source={path}"))
            {
                writer.Open();
                writer.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, v VECTOR(2))");
                writer.Execute("INSERT INTO t VALUES (1, 'a', [1, 2]), (2, 'b', [2, 1]), (3, 'c', [0, 1]), (4, 'd', [1, 0])");
                writer.Execute("CREATE INDEX t_hnsw ON t USING HNSW (v)");
            }
            var files = FileBytes(path);
            using (var reader = new VecStoreConnection($"Data Source={path};Mode=ReadOnly"))
            {
                reader.Open();
                // Reads that leave the database alone are allowed: a backup (written elsewhere) and CHECK.
                reader.Execute($"BACKUP TO '{archive}'");
                Assert.True(new FileInfo(archive).Length > 0);
                using (var check = new VecStoreCommand("CHECK", reader))
                using (var rows = check.ExecuteReader())
                {
                    int ordinal = rows.GetOrdinal("status");
                    while (rows.Read())
                        Assert.Equal("ok", rows.GetString(ordinal));
                }
                Assert.Equal(4L, reader.ExecuteScalar<long>("SELECT count(*) FROM t"));
                // Every statement of the grammar that writes, in each of its forms.
                foreach (var sql in new[]
                {
                    "INSERT INTO t VALUES (5, 'e', [0, 0])", "INSERT INTO t (id) VALUES (6)", "INSERT INTO t (id, v) VALUES (@id, @v)",
                    "UPDATE t SET v = [0, 0]", "UPDATE t SET name = 'x' WHERE id = 1", "UPDATE t SET v = [0, 0] WHERE distance(v, [1, 2]) < 1",
                    "DELETE FROM t", "DELETE FROM t WHERE id = 1", "DELETE FROM t WHERE distance(v, [1, 2]) < 1",
                    "DROP TABLE t", "DROP TABLE IF EXISTS t", "CREATE TABLE u (id INTEGER)", "CREATE TABLE IF NOT EXISTS u (id INTEGER)",
                    "CREATE INDEX i ON t USING HNSW (v)", "CREATE INDEX i ON t USING IVF (v) WITH (lists = 2)",
                    "CREATE INDEX i ON t USING IVFPQ (v) WITH (lists = 2, m = 1)", "CREATE INDEX j ON t (id)", "CREATE INDEX IF NOT EXISTS j ON t (name)",
                    "DROP INDEX t_hnsw", "DROP INDEX IF EXISTS i", "ANALYZE", "ANALYZE t", "CHECKPOINT",
                    "ALTER TABLE t ADD COLUMN n INTEGER", "ALTER TABLE t ADD w VECTOR(2)", "ALTER TABLE t DROP COLUMN name", "ALTER TABLE t DROP COLUMN IF EXISTS nope",
                    "ALTER TABLE t RENAME TO u", "ALTER TABLE t RENAME COLUMN name TO title",
                    "VACUUM", $"RESTORE FROM '{archive}'",
                    "BEGIN; INSERT INTO t VALUES (7, 'g', [1, 1]); COMMIT",
                })
                {
                    var error = Assert.Throws<VecStoreException>(() => reader.Execute(sql, new { id = 8, v = new float[] { 1, 1 } }));
                    Assert.True(error.Code == ErrorCode.ReadOnlyDatabase, $"{sql}: {error.Code} {error.Message}");
                    if (reader.State == ConnectionState.Open && sql.StartsWith("BEGIN", StringComparison.Ordinal))
                        reader.Execute("ROLLBACK");
                }
                // The provider's bulk insert and batches write through the same refusal.
                var bulk = Assert.Throws<VecStoreException>(() => new VecStoreBulkInsert(reader, "t", ["id", "v"]).Write([[9L, new float[] { 1, 1 }]]));
                Assert.Equal(ErrorCode.ReadOnlyDatabase, bulk.Code);
                using (var batch = new VecStoreBatch(reader))
                {
                    batch.BatchCommands.Add(new VecStoreBatchCommand("INSERT INTO t VALUES (10, 'j', [1, 1])"));
                    Assert.Equal(ErrorCode.ReadOnlyDatabase, Assert.Throws<VecStoreException>(() => batch.ExecuteNonQuery()).Code);
                }
                Assert.Equal(4L, reader.ExecuteScalar<long>("SELECT count(*) FROM t"));
                Assert.Equal(2, reader.Query<long>("SELECT id FROM t ORDER BY v <-> [1, 2] LIMIT 2").Count());
            }
            // Every file is as it was; SQLite may have created an empty log for its readers.
            var after = FileBytes(path);
            Assert.All(files, file => Assert.Equal(file.Value, after[file.Key]));
            Assert.All(after.Keys.Except(files.Keys), added => Assert.Equal(0, new FileInfo(Path.Combine(Path.GetDirectoryName(path)!, added)).Length));
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
                File.Delete(file);
            File.Delete(archive);
        }
    }

    /// <summary>A hash of each file of the database (the shared-memory index aside, which readers may write).</summary>
    private static SortedDictionary<string, string> FileBytes(string path)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
        {
            if (!file.EndsWith("-shm", StringComparison.Ordinal))
                hashes[Path.GetFileName(file)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
        }
        return hashes;
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
