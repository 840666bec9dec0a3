using VecStore.Storage.Backup;
using VecStore.TestSupport;

namespace VecStore.Durability.Tests.Backups;

/// <summary>A process killed inside BACKUP leaves its temporary files; the next BACKUP to the folder removes them, and never the files of a BACKUP still running.</summary>
public sealed class BackupDebrisTests
{
    [Fact]
    public void The_next_backup_removes_what_a_killed_backup_left()
    {
        using var dir = new TempDirectory();
        string path = dir.File("d.vdb"), archives = Path.Combine(dir.Path, "backups");
        Directory.CreateDirectory(archives);
        using (var connection = Sql.Open(path))
        {
            // Large enough that the backup takes a while: 6,000 vectors of 128 floats, 3 MB.
            Sql.Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(128))");
            var random = new Random(4);
            using var transaction = connection.BeginTransaction();
            for (int id = 0; id < 6000; id++)
                Sql.Execute(connection, "INSERT INTO t VALUES (@id, @v)", transaction, ("id", id), ("v", Enumerable.Range(0, 128).Select(_ => random.NextSingle()).ToArray()));
            transaction.Commit();
        }

        string killed = Path.Combine(archives, "b1.vdbz");
        int kills = 0;
        // Killed once its image and temporary archive both exist; a backup that finished first is simply done again.
        for (int attempt = 0; attempt < 10 && kills == 0; attempt++)
        {
            string target = Path.Combine(archives, $"k{attempt}.vdbz");
            using var worker = WorkerProcess.StartStatements(path);
            worker.Send($"BACKUP TO '{target}'");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!(File.Exists(target + BackupClaim.ImageSuffix) && File.Exists(target + BackupClaim.TemporarySuffix)) && !File.Exists(target) && DateTime.UtcNow < deadline)
                Thread.Sleep(1);
            worker.Kill();
            if (!File.Exists(target))
            {
                kills++;
                killed = target;
            }
        }
        Assert.True(kills == 1, "no BACKUP could be killed before it finished");
        Assert.True(File.Exists(killed + BackupClaim.TemporarySuffix), "the killed backup left no temporary archive");
        Assert.True(File.Exists(killed + BackupClaim.ImageSuffix), "the killed backup left no image");

        string next = Path.Combine(archives, "next.vdbz");
        using (var connection = Sql.Open(path))
            Sql.Execute(connection, $"BACKUP TO '{next}'");
        Assert.Empty(Directory.GetFiles(archives, "*.vsbackup-*"));
        Assert.False(File.Exists(killed), "the killed backup's archive appeared under its name");
        using (var restored = Sql.Open(dir.File("restored.vdb")))
        {
            Sql.Execute(restored, $"RESTORE FROM '{next}'");
            Assert.Equal(6000, Sql.Count(restored, "SELECT count(*) FROM t"));
        }
    }

    [Fact]
    public void A_running_backups_files_are_left_alone_and_its_target_refused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("d.vdb"), running = dir.File("running.vdbz"), dead = dir.File("dead.vdbz");
        using var connection = Sql.Open(path, ";Default Timeout=1");
        Sql.Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(4))");
        Sql.Execute(connection, "INSERT INTO t VALUES (1, [1, 2, 3, 4])");

        // A backup in progress (its claim, as BACKUP holds it) and one that died (its files, unlocked).
        using (var claim = BackupClaim.Take(running, TimeSpan.Zero))
        {
            claim.Archive.Write([1, 2, 3]);
            claim.Archive.Flush();
            File.WriteAllBytes(claim.ImagePath, [4, 5, 6]);
            File.WriteAllBytes(dead + BackupClaim.TemporarySuffix, [7]);
            File.WriteAllBytes(dead + BackupClaim.ImageSuffix, [8]);
            File.WriteAllBytes(dead + BackupClaim.ImageSuffix + "-journal", [9]);

            Sql.Execute(connection, $"BACKUP TO '{dir.File("other.vdbz")}'");
            Assert.Equal(["running.vdbz.vsbackup-db", "running.vdbz.vsbackup-tmp"],
                Directory.GetFiles(dir.Path, "*.vsbackup-*").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal));
            // (Sizes: reading the locked archive would need its lock.)
            Assert.Equal(3, new FileInfo(running + BackupClaim.TemporarySuffix).Length);
            Assert.Equal([4, 5, 6], File.ReadAllBytes(running + BackupClaim.ImageSuffix));

            // Two backups never write one target.
            var refused = Assert.Throws<VecStoreException>(() => Sql.Execute(connection, $"BACKUP TO '{running}'"));
            Assert.Equal(ErrorCode.FileAlreadyExists, refused.Code);
            Assert.Contains("is being written by another BACKUP", refused.Reason, StringComparison.Ordinal);
            Assert.Equal(3, new FileInfo(running + BackupClaim.TemporarySuffix).Length);
        }
        // Its claim let go without finishing (as if its process died): now it is debris like any other.
        File.WriteAllBytes(running + BackupClaim.TemporarySuffix, [1]);
        File.WriteAllBytes(running + BackupClaim.ImageSuffix, [2]);
        Sql.Execute(connection, $"BACKUP TO '{running}'");
        Assert.Empty(Directory.GetFiles(dir.Path, "*.vsbackup-*"));
        Assert.True(new FileInfo(running).Length > 3);
    }
}
