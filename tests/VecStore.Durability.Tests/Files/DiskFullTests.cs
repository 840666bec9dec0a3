using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests.Files;

/// <summary>
/// A full disk is an error (VECSQL1002), never a dead process, and the database goes on once space
/// is freed with every committed row intact: on a real small tmpfs and on a small ext4 file system.
/// </summary>
/// <remarks>
/// The engine runs in a child process (<c>StatementWorker</c>): before the fix a checkpoint into
/// the sparse vector file died of SIGBUS there, which a test in this process could not survive.
/// </remarks>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private const int Dimensions = 64;
    private const int Batch = 100;

    // 1,000 vectors of 64 floats: four 64 KiB pages.
    private const int RoundRows = 1000;

    // No automatic checkpoint: each test says when one runs. 64 KiB pages hold 250 of these vectors.
    private const string Options = "Checkpoint Threshold=1000000000;Page Size=65536;Default Timeout=5";

    [SkippableFact]
    public void Checkpoint_on_a_full_tmpfs_fails_with_VECSQL1002_and_the_database_keeps_working()
    {
        using var mount = ScratchMount.Tmpfs(20);
        CheckpointOnFullDisk(mount);
    }

    [SkippableFact]
    public void Checkpoint_on_a_full_ext4_fails_with_VECSQL1002_and_the_database_keeps_working()
    {
        using var mount = ScratchMount.Ext4(20);
        CheckpointOnFullDisk(mount);
    }

    [SkippableFact]
    public void Vacuum_and_index_files_on_a_full_tmpfs_fail_with_VECSQL1002_and_leave_nothing_behind()
    {
        using var mount = ScratchMount.Tmpfs(20);
        string path = mount.File("d.vdb");
        using (var worker = WorkerProcess.StartStatements(path, Options))
        {
            Ok(worker, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(64))");
            Insert(worker, 0, 3000);
            Ok(worker, "CHECKPOINT");
            // The rows are dense from slot 0, so VACUUM moves none: its SQLite work is small, and the
            // new vector file it writes (the pages still in use) is what cannot fit.
            Ok(worker, "DELETE FROM t WHERE id >= 1500");
            Ok(worker, "CHECKPOINT");
            string filler = mount.Fill(leaveFree: 128 * 1024);

            var vacuum = Fails(worker, "VACUUM");
            Assert.Contains("d.vdb-vectors' while compacting the vector file", vacuum, StringComparison.Ordinal);
            Assert.False(File.Exists(path + "-vectors.vacuum"), "VACUUM left its new vector file behind");

            Fails(worker, "CREATE INDEX t_v ON t USING HNSW (v)");
            Assert.Empty(Directory.GetFiles(mount.Path, "d.vdb-index-*"));

            File.Delete(filler);
            Ok(worker, "VACUUM");
            // The failed CREATE INDEX left no index behind: the name is free.
            Ok(worker, "CREATE INDEX t_v ON t USING HNSW (v)");
            Assert.Equal("1500", Single(worker, "SELECT count(*) FROM t"));
            Ok(worker, "close");
        }
        AssertRows(path, 1500);
    }

    [SkippableFact]
    public void Creating_a_database_on_a_full_disk_reports_the_full_disk_and_leaves_nothing_half_made()
    {
        using var mount = ScratchMount.Tmpfs(8);
        // With no room SQLite fails first; with a little, its COMMIT fails (and a ROLLBACK after it
        // used to hide why); with a little more, the vector file's header page did not fit (SIGBUS).
        foreach (int freeKiB in (ReadOnlySpan<int>)[0, 64, 96])
        {
            string filler = mount.Fill(leaveFree: freeKiB * 1024L);
            string path = mount.File($"new{freeKiB}.vdb");
            using (var worker = WorkerProcess.StartStatements(path, Options))
            {
                string? error = worker.Lines().FirstOrDefault(line => line.StartsWith("error ", StringComparison.Ordinal));
                if (error is not null)
                {
                    Assert.StartsWith("error VECSQL1002 ", error, StringComparison.Ordinal);
                    Assert.True(error.Contains("disk is full", StringComparison.Ordinal) || error.Contains("disk I/O error", StringComparison.Ordinal)
                        || error.Contains("No space left on device", StringComparison.Ordinal), $"{freeKiB} KiB free: {error}");
                    Assert.DoesNotContain("rollback", error, StringComparison.OrdinalIgnoreCase);
                    Assert.Equal(1, worker.WaitForExit(TimeSpan.FromSeconds(60)));
                }
                else
                {
                    Assert.Equal("closed", worker.Statement("close")[^1]);
                }
            }
            File.Delete(filler);
            using var connection = Sql.Open(path);
            Sql.Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(4))");
            Sql.Execute(connection, "INSERT INTO t VALUES (1, [1, 2, 3, 4])");
            Assert.Equal(1, Sql.Count(connection, "SELECT count(*) FROM t"));
            CheckResults.AssertAllOk(connection, $"created with {freeKiB} KiB free");
        }
    }

    [SkippableFact]
    public void Restore_on_a_full_disk_fails_with_VECSQL1002_and_leaves_the_database_empty_and_usable()
    {
        using var dir = new VecStore.TestSupport.TempDirectory();
        string archive = Path.Combine(dir.Path, "b.vdbz");
        using (var source = Sql.Open(Path.Combine(dir.Path, "source.vdb"), ";" + Options))
        {
            Sql.Execute(source, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(64))");
            using (var transaction = source.BeginTransaction())
            {
                for (int id = 0; id < 2000; id++)
                    Sql.Execute(source, "INSERT INTO t VALUES (@id, @v)", transaction, ("id", id), ("v", Vector(id)));
                transaction.Commit();
            }
            source.Checkpoint();
            Sql.Execute(source, $"BACKUP TO '{archive}'");
        }

        using var mount = ScratchMount.Tmpfs(8);
        string path = mount.File("d.vdb");
        using (var worker = WorkerProcess.StartStatements(path, Options))
        {
            string filler = mount.Fill(leaveFree: 256 * 1024);
            Fails(worker, $"RESTORE FROM '{archive}'");
            Assert.Empty(Directory.GetFiles(mount.Path, "d.vdb.restoring*"));
            Ok(worker, "CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY)");
            Ok(worker, "DROP TABLE probe");
            File.Delete(filler);
            Ok(worker, $"RESTORE FROM '{archive}'");
            Assert.Equal("2000", Single(worker, "SELECT count(*) FROM t"));
            Ok(worker, "close");
        }
        AssertRows(path, 2000);
    }

    // Rows committed to SQLite's log only; the disk filled to several degrees, from no byte left to
    // room for the vector pages but not for SQLite's own writes; after each, space is freed and the
    // next checkpoint must succeed. Every commit that returned must be there at the end.
    private void CheckpointOnFullDisk(ScratchMount mount)
    {
        string path = mount.File("d.vdb");
        int rows = 0;
        var messages = new SortedSet<string>(StringComparer.Ordinal);
        using (var worker = WorkerProcess.StartStatements(path, Options))
        {
            Ok(worker, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(64))");
            bool first = true;
            foreach (int freeKiB in (ReadOnlySpan<int>)[0, 192, 1024])
            {
                Insert(worker, rows, RoundRows);
                rows += RoundRows;
                string filler = mount.Fill(leaveFree: freeKiB * 1024L);

                // SQLite's file is full too: a commit that needs room fails whole. (Later rounds
                // may find room in a WAL file that a checkpoint emptied.)
                if (first)
                {
                    first = false;
                    Fails(worker, InsertStatement(rows, Batch));
                    Assert.Equal(rows.ToString(CultureInfo.InvariantCulture), Single(worker, "SELECT count(*) FROM t"));
                }

                var checkpoint = worker.Statement("CHECKPOINT");
                string last = checkpoint[^1];
                if (last.StartsWith("error ", StringComparison.Ordinal))
                {
                    Assert.StartsWith("error VECSQL1002 ", last, StringComparison.Ordinal);
                    // The real cause, never a failed ROLLBACK standing in for it.
                    Assert.DoesNotContain("rollback", last, StringComparison.OrdinalIgnoreCase);
                    Assert.True(last.Contains("No space left on device", StringComparison.Ordinal) || last.Contains("disk is full", StringComparison.Ordinal), last);
                    messages.Add($"{freeKiB} KiB free: {last}");
                }
                else
                {
                    messages.Add($"{freeKiB} KiB free: {last}");
                }
                // Reads go on while the disk is full: every row, and a row's own vector finds it.
                Assert.Equal(rows.ToString(CultureInfo.InvariantCulture), Single(worker, "SELECT count(*) FROM t"));
                Assert.Equal("17", Single(worker, $"SELECT id FROM t ORDER BY l2_distance(v, {Literal(Vector(17))}) LIMIT 1"));

                File.Delete(filler);
                Ok(worker, "CHECKPOINT");
            }
            Assert.Contains(messages, m => m.Contains("error VECSQL1002", StringComparison.Ordinal));
            foreach (var row in worker.Statement("CHECK"))
                Assert.True(row.StartsWith("ok", StringComparison.Ordinal) || row.Split('\t')[4] == "ok", $"CHECK: {row}");
            Ok(worker, "close");
        }
        foreach (var message in messages)
            output.WriteLine(message);
        AssertRows(path, rows);
    }

    // Reopened here: every committed row with its vector, and CHECK finds every file ok.
    private static void AssertRows(string path, int count)
    {
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        using (var command = new VecStoreCommand("SELECT id, v FROM t ORDER BY id", connection))
        using (var reader = command.ExecuteReader())
        {
            int expected = 0;
            while (reader.Read())
            {
                Assert.Equal(expected, reader.GetInt64(0));
                Assert.Equal(Vector(expected), (float[])reader.GetValue(1));
                expected++;
            }
            Assert.Equal(count, expected);
        }
        CheckResults.AssertAllOk(connection, "after the disk was full");
    }

    private static void Insert(WorkerProcess worker, int from, int count)
    {
        for (int i = from; i < from + count; i += Batch)
            Ok(worker, InsertStatement(i, Math.Min(Batch, from + count - i)));
    }

    private static string InsertStatement(int from, int count)
    {
        var text = new StringBuilder("INSERT INTO t VALUES ");
        for (int id = from; id < from + count; id++)
            text.Append(id == from ? "" : ", ").Append('(').Append(id).Append(", ").Append(Literal(Vector(id))).Append(')');
        return text.ToString();
    }

    private static float[] Vector(int id)
    {
        var v = new float[Dimensions];
        for (int i = 0; i < v.Length; i++)
            v[i] = (id * 31 + i * 7) % 1000 / 1000f + id / 100_000f;
        return v;
    }

    private static string Literal(float[] v) => "[" + string.Join(", ", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static void Ok(WorkerProcess worker, string sql)
    {
        var lines = worker.Statement(sql);
        Assert.True(lines[^1].StartsWith("ok", StringComparison.Ordinal) || lines[^1] == "closed", $"{WorkerProcess.Shorten(sql)}: {lines[^1]}");
    }

    private static string Fails(WorkerProcess worker, string sql)
    {
        var lines = worker.Statement(sql);
        Assert.True(lines[^1].StartsWith("error VECSQL1002 ", StringComparison.Ordinal), $"{WorkerProcess.Shorten(sql)} should fail with VECSQL1002: {lines[^1]}");
        Assert.DoesNotContain("rollback", lines[^1], StringComparison.OrdinalIgnoreCase);
        return lines[^1];
    }

    private static string Single(WorkerProcess worker, string sql)
    {
        var lines = worker.Statement(sql);
        Assert.True(lines.Count == 2 && lines[1].StartsWith("ok", StringComparison.Ordinal), $"{WorkerProcess.Shorten(sql)}: {string.Join(" | ", lines)}");
        return lines[0].Split('\t')[1];
    }
}
