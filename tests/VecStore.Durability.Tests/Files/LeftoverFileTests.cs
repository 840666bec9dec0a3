using VecStore.Storage.Pages;
using VecStore.TestSupport;

namespace VecStore.Durability.Tests.Files;

/// <summary>
/// A closed database is its files and nothing else: the lock file lives only while some process
/// has the database open, and RESTORE leaves none of its staging files; the last closer's unlink
/// never strands a process that was opening at that moment on a lock file nobody else sees.
/// </summary>
public sealed class LeftoverFileTests
{
    [Fact]
    public void The_lock_file_goes_with_the_last_connection_of_the_last_process()
    {
        using var dir = new TempDirectory();
        string path = dir.File("d.vdb");
        using (var first = Sql.Open(path))
        {
            Sql.Execute(first, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(4))");
            Sql.Execute(first, "INSERT INTO t VALUES (1, [1, 2, 3, 4])");
            using (var second = Sql.Open(path))
                Assert.Equal(1, Sql.Count(second, "SELECT count(*) FROM t"));
            Assert.True(File.Exists(LockFile.PathOf(path)), "the lock file went while a connection was open");

            // Another process has it open too: this one closing last in its process must not take the file from it.
            using var worker = WorkerProcess.StartStatements(path);
            first.Close();
            Assert.True(File.Exists(LockFile.PathOf(path)), "the lock file went while another process had the database open");
            Assert.EndsWith("ok 1", worker.Statement("INSERT INTO t VALUES (2, [4, 3, 2, 1])")[^1], StringComparison.Ordinal);
            Assert.Equal("closed", worker.Statement("close")[^1]);
        }
        Assert.Equal(["d.vdb", "d.vdb-vectors"], Names(dir.Path));
        using (var again = Sql.Open(path))
            Assert.Equal(2, Sql.Count(again, "SELECT count(*) FROM t"));
        Assert.Equal(["d.vdb", "d.vdb-vectors"], Names(dir.Path));
    }

    [Fact]
    public void Restore_leaves_only_the_restored_database()
    {
        using var dir = new TempDirectory();
        string source = dir.File("source.vdb"), archive = dir.File("b.vdbz"), restored = dir.File("restored.vdb");
        using (var connection = Sql.Open(source))
        {
            Sql.Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(4))");
            Sql.Execute(connection, "INSERT INTO t VALUES (1, [1, 2, 3, 4]), (2, [4, 3, 2, 1])");
            Sql.Execute(connection, $"BACKUP TO '{archive}'");
        }
        using (var connection = Sql.Open(restored))
        {
            Sql.Execute(connection, $"RESTORE FROM '{archive}'");
            Assert.Empty(Directory.GetFiles(dir.Path, "restored.vdb.restoring*"));
            Assert.Equal(2, Sql.Count(connection, "SELECT count(*) FROM t"));
        }
        Assert.Equal(["b.vdbz", "restored.vdb", "restored.vdb-vectors", "source.vdb", "source.vdb-vectors"], Names(dir.Path));
    }

    [Fact]
    public void An_opener_that_locks_the_lock_file_the_last_closer_just_removed_takes_the_new_one()
    {
        using var dir = new TempDirectory();
        string path = dir.File("d.vdb"), archive = dir.File("b.vdbz"), lockPath = LockFile.PathOf(path);
        using (var source = Sql.Open(dir.File("source.vdb")))
        {
            Sql.Execute(source, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
            Sql.Execute(source, $"BACKUP TO '{archive}'");
        }
        using (Sql.Open(path))
        {
        }

        // The other process is the last to have the database open; it closes (and removes the lock
        // file) exactly after this process opened that file and before it locked it.
        using var closer = WorkerProcess.StartStatements(path);
        bool removed = false;
        LockFile.BetweenOpenAndLockForTesting = opened =>
        {
            if (opened != lockPath || removed)
                return;
            Assert.Equal("closed", closer.Statement("close")[^1]);
            removed = !File.Exists(lockPath);
        };
        VecStoreConnection connection;
        try
        {
            connection = Sql.Open(path);
        }
        finally
        {
            LockFile.BetweenOpenAndLockForTesting = null;
        }
        using (connection)
        {
            Assert.True(removed, "the closing process did not remove the lock file");
            Assert.True(File.Exists(lockPath), "this process holds a lock file that is no longer at its name");
            // A third process must see this one: RESTORE needs the database to itself.
            using var third = WorkerProcess.StartStatements(path);
            var answer = third.Statement($"RESTORE FROM '{archive}'")[^1];
            Assert.StartsWith("error VECSQL0220 ", answer, StringComparison.Ordinal);
            Assert.Contains("open in another process", answer, StringComparison.Ordinal);
        }
    }

    /// <summary>The names in a folder, sorted.</summary>
    internal static List<string> Names(string folder)
        => [.. Directory.GetFiles(folder).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];
}
