using VecStore.TestSupport;

namespace VecStore.Durability.Tests.Backups;

/// <summary>BACKUP TO and RESTORE FROM: every row, vector (bit for bit), NULL and index comes back; a backup taken while a writer commits restores to one whole commit.</summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public void Restore_brings_back_every_row_vector_and_index()
    {
        using var dir = new TempDirectory();
        string source = dir.File("source.vdb"), archive = dir.File("backup.vdbz"), copy = dir.File("copy.vdb");
        List<string> expected;
        string expectedNearest, indexes;
        var q = SampleDatabase.Vector(new Random(5));
        using (var connection = Open(source))
        {
            SampleDatabase.Fill(connection, 700, seed: 1);
            // Half the vectors checkpointed into pages, the rest only in the log: the backup must carry both.
            connection.Checkpoint();
            Sql.Execute(connection, "UPDATE docs SET c = @c WHERE id % 3 = 0", null, ("c", SampleDatabase.Vector(new Random(9))));
            expected = SampleDatabase.Dump(connection);
            expectedNearest = SampleDatabase.Nearest(connection, q, exact: true);
            indexes = SampleDatabase.IndexDefinitions(connection);
            var backup = SampleDatabase.Row(connection, $"BACKUP TO '{archive}'");
            Assert.Equal(archive, backup[0]);
            Assert.Equal(new FileInfo(archive).Length, backup[1]);
            Assert.Equal(2L, backup[2]);
            Assert.Equal(SampleDatabase.Count(connection, "docs") + SampleDatabase.Count(connection, "tags"), backup[3]);
            // The source goes on changing after the backup; the copy must not see it.
            Sql.Execute(connection, "DELETE FROM docs WHERE id < 100");
        }

        using (var connection = Open(copy))
        {
            var restored = SampleDatabase.Row(connection, $"RESTORE FROM '{archive}'");
            Assert.Equal(2L, restored[1]);
            Assert.Equal(expected, SampleDatabase.Dump(connection));
            Assert.Equal(indexes, SampleDatabase.IndexDefinitions(connection));
            Assert.Equal(expectedNearest, SampleDatabase.Nearest(connection, q, exact: true));
            AssertIndexesFindTheirRows(connection);
            // The restored database is an ordinary one: it takes writes and reopens.
            Sql.Execute(connection, "INSERT INTO docs (id, v) VALUES (100000, @v)", null, ("v", q));
        }
        using (var connection = Open(copy))
        {
            Assert.Equal(expected.Count(l => l.StartsWith("docs|", StringComparison.Ordinal)) + 1, SampleDatabase.Count(connection, "docs"));
            Assert.Equal("100000", SampleDatabase.Nearest(connection, q, exact: false).Split(',')[0]);
        }
    }

    [Fact]
    public void Backup_of_a_read_only_connection_and_of_an_in_memory_database_restore()
    {
        using var dir = new TempDirectory();
        string source = dir.File("source.vdb");
        List<string> expected;
        using (var connection = Open(source))
        {
            SampleDatabase.Fill(connection, 120, seed: 2);
            expected = SampleDatabase.Dump(connection);
        }
        using (var readOnly = new VecStoreConnection($"Data Source={source};Mode=ReadOnly"))
        {
            readOnly.Open();
            SampleDatabase.Row(readOnly, $"BACKUP TO '{dir.File("ro.vdbz")}'");
        }
        using (var memory = new VecStoreConnection("Data Source=:memory:"))
        {
            memory.Open();
            SampleDatabase.Fill(memory, 120, seed: 2);
            Assert.Equal(expected, SampleDatabase.Dump(memory));
            SampleDatabase.Row(memory, $"BACKUP TO '{dir.File("mem.vdbz")}'");
            // VACUUM works on an in-memory database too (its vector pages are an anonymous mapping).
            Sql.Execute(memory, "DELETE FROM docs WHERE id % 2 = 0");
            var beforeVacuum = SampleDatabase.Dump(memory);
            SampleDatabase.Row(memory, "VACUUM");
            Assert.Equal(beforeVacuum, SampleDatabase.Dump(memory));
        }
        foreach (var name in (ReadOnlySpan<string>)["ro", "mem"])
        {
            using var connection = Open(dir.File(name + ".vdb"));
            SampleDatabase.Row(connection, $"RESTORE FROM '{dir.File(name + ".vdbz")}'");
            Assert.Equal(expected, SampleDatabase.Dump(connection));
        }
    }

    [Fact]
    public void Backup_while_a_writer_commits_restores_to_one_whole_commit()
    {
        using var dir = new TempDirectory();
        string source = dir.File("busy.vdb");
        using (var connection = Open(source))
            Sql.Execute(connection, $"CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR({SampleDatabase.Dimensions}))");

        // Each transaction inserts 5 rows; the writer records the count after each acknowledged commit.
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        acknowledged[0] = true;
        using var stop = new CancellationTokenSource();
        Exception? writerFailed = null;
        var writer = new Thread(() =>
        {
          try
          {
            using var connection = new VecStoreConnection($"Data Source={source};Checkpoint Threshold=65536");
            connection.Open();
            var random = new Random(3);
            long rows = 0;
            while (!stop.IsCancellationRequested)
            {
                using (var transaction = connection.BeginTransaction())
                {
                    for (int i = 0; i < 5; i++)
                        Sql.Execute(connection, "INSERT INTO t (id, v) VALUES (@id, @v)", transaction, ("id", ++rows), ("v", SampleDatabase.Vector(random)));
                    transaction.Commit();
                }
                acknowledged[rows] = true;
            }
          }
          catch (Exception ex)
          {
            writerFailed = ex;
          }
        });
        writer.Start();

        var archives = new List<(string Path, long Rows)>();
        using (var connection = Open(source))
        {
            for (int i = 0; i < 4; i++)
            {
                Thread.Sleep(150);
                string archive = dir.File($"busy{i}.vdbz");
                var row = SampleDatabase.Row(connection, $"BACKUP TO '{archive}'");
                archives.Add((archive, (long)row[3]!));
            }
        }
        stop.Cancel();
        writer.Join();
        Assert.Null(writerFailed);

        foreach (var (archive, rows) in archives)
        {
            using var connection = Open(archive + ".vdb");
            SampleDatabase.Row(connection, $"RESTORE FROM '{archive}'");
            long count = SampleDatabase.Count(connection, "t");
            Assert.Equal(rows, count);
            Assert.True(acknowledged.ContainsKey(count), $"the backup holds {count} rows, which no whole commit left");
            // Every row's vector is there and ids are exactly 1..count.
            using var command = new VecStoreCommand("SELECT count(*) FROM t WHERE id BETWEEN 1 AND @n AND v IS NOT NULL", connection);
            command.Parameters.AddWithValue("n", count);
            Assert.Equal(count, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Contains(archives, a => a.Rows > 0);
    }

    [Fact]
    public void Restore_refuses_a_database_that_is_not_new_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        string archive = dir.File("a.vdbz");
        using (var connection = Open(dir.File("a.vdb")))
        {
            SampleDatabase.Fill(connection, 50, seed: 4);
            SampleDatabase.Row(connection, $"BACKUP TO '{archive}'");
            var refused = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(connection, $"RESTORE FROM '{archive}'"));
            Assert.Equal(ErrorCode.RestoreTargetNotEmpty, refused.Code);
            Assert.Contains("2 table(s)", refused.Message, StringComparison.Ordinal);

            var again = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(connection, $"BACKUP TO '{archive}'"));
            Assert.Equal(ErrorCode.FileAlreadyExists, again.Code);
        }
        using (var target = Open(dir.File("b.vdb")))
        using (var other = Open(dir.File("b.vdb")))
        {
            var shared = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(target, $"RESTORE FROM '{archive}'"));
            Assert.Equal(ErrorCode.RestoreTargetNotEmpty, shared.Code);
            using (var transaction = target.BeginTransaction())
            {
                var inside = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(target, $"RESTORE FROM '{archive}'"));
                Assert.Equal(ErrorCode.TransactionAlreadyActive, inside.Code);
            }
        }
        using (var readOnly = new VecStoreConnection($"Data Source={dir.File("b.vdb")};Mode=ReadOnly"))
        {
            readOnly.Open();
            var refused = Assert.Throws<VecStoreException>(() => SampleDatabase.Row(readOnly, $"RESTORE FROM '{archive}'"));
            Assert.Equal(ErrorCode.ReadOnlyDatabase, refused.Code);
        }
    }

    [Fact]
    public void A_restore_cut_short_after_its_commit_point_is_finished_by_the_next_open()
    {
        using var dir = new TempDirectory();
        string source = dir.File("s.vdb"), archive = dir.File("s.vdbz"), target = dir.File("t.vdb");
        List<string> expected;
        using (var connection = Open(source))
        {
            SampleDatabase.Fill(connection, 80, seed: 6);
            expected = SampleDatabase.Dump(connection);
            SampleDatabase.Row(connection, $"BACKUP TO '{archive}'");
        }
        // Stage the restore by hand, as RESTORE does up to its commit point, and stop there.
        using (var connection = Open(target))
            Sql.Execute(connection, "SELECT 1");
        using (var reader = Storage.Backup.ArchiveReader.Open(archive, archive))
        {
            reader.Extract(reader.Entry("database"), target + ".restoring");
            reader.Extract(reader.Entry("vectors"), target + ".restoring-vectors");
        }
        File.Move(target + ".restoring-vectors", target + "-vectors", overwrite: true);
        Storage.Backup.RestoreJournal.MarkReady(target);
        using (var connection = Open(target))
            Assert.Equal(expected, SampleDatabase.Dump(connection));
        Assert.False(File.Exists(target + ".restoring-ready"));
    }

    private static void AssertIndexesFindTheirRows(VecStoreConnection connection)
    {
        var samples = new List<(long Id, object? V, object? C)>();
        using (var command = new VecStoreCommand("SELECT id, v, c FROM docs WHERE id % 37 = 2", connection))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                samples.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetValue(1), reader.GetValue(2)));
        Assert.NotEmpty(samples);
        foreach (var (id, v, c) in samples)
        {
            foreach (var (column, vector) in (ReadOnlySpan<(string, object?)>)[("v", v), ("c", c)])
            {
                if (vector is null)
                    continue;
                // Several rows may share a vector (an UPDATE gave them one): the nearest must be at distance 0.
                using var search = new VecStoreCommand($"SELECT distance({column}, @q) AS d FROM docs ORDER BY d LIMIT 1", connection);
                search.Parameters.AddWithValue("q", vector);
                Assert.True(Convert.ToDouble(search.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) < 1e-5, $"row {id} not found through the index on {column}");
            }
        }
    }

    private static VecStoreConnection Open(string path)
    {
        var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }
}
