namespace VecStore.QueryLanguage.Tests.LongStatements;

/// <summary>VACUUM, BACKUP, RESTORE, CHECK and ANALYZE stop when cancelled at any of their stages and leave the database as it was, with no temporary file behind.</summary>
public sealed class CancelledMaintenanceTests
{
    public static TheoryData<string> VacuumStages =>
    [
        "renumbering vector slots",
        "checkpointing",
        "finding the vector pages in use",
        "rewriting the vector file",
        "compacting vector indexes",
        "compacting the SQLite file",
    ];

    [Theory]
    [MemberData(nameof(VacuumStages))]
    public void A_cancelled_VACUUM_leaves_the_rows_the_indexes_and_the_files_as_they_were(string stage)
    {
        using var db = Deleted();
        var before = db.Capture();
        VecStoreCommand? running = null;
        var trigger = new ProgressTrigger(stage, () => running!.Cancel());

        var error = db.Fails("VACUUM", trigger, command => running = command);

        Assert.True(trigger.Fired, $"VACUUM never reported '{stage}'");
        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(before, db.Capture());
        db.Execute("VACUUM");
        Assert.Equal(before with { Files = db.Capture().Files }, db.Capture());
    }

    public static TheoryData<string> BackupStages => ["copying the SQLite file", "compressing the SQLite file", "compressing the vector file"];

    [Theory]
    [MemberData(nameof(BackupStages))]
    public void A_cancelled_BACKUP_writes_no_archive_and_no_temporary_file(string stage)
    {
        using var db = Deleted();
        var before = db.Capture();
        VecStoreCommand? running = null;

        var error = db.Fails("BACKUP TO 'b.vdbz'".Replace("b.vdbz", Path.Combine(db.Folder, "b.vdbz"), StringComparison.Ordinal),
            new ProgressTrigger(stage, () => running!.Cancel()), command => running = command);

        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(before, db.Capture());
        db.Execute($"BACKUP TO '{Path.Combine(db.Folder, "b.vdbz")}'");
        Assert.True(File.Exists(Path.Combine(db.Folder, "b.vdbz")));
    }

    public static TheoryData<string> RestoreStages => ["verifying the archive", "restoring the database file", "restoring the vectors file"];

    [Theory]
    [MemberData(nameof(RestoreStages))]
    public void A_cancelled_RESTORE_leaves_the_new_database_empty_and_no_staged_file(string stage)
    {
        using var source = Deleted();
        string archive = Path.Combine(source.Folder, "b.vdbz");
        source.Execute($"BACKUP TO '{archive}'");
        string target = Path.Combine(source.Folder, "restored", "r.vdb");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var connection = new VecStoreConnection($"Data Source={target}");
        connection.Open();
        var files = Directory.GetFiles(Path.GetDirectoryName(target)!).Order().ToList();
        using (var command = new VecStoreCommand($"RESTORE FROM '{archive}'", connection))
        {
            command.Progress = new ProgressTrigger(stage, command.Cancel);
            Assert.Equal(ErrorCode.Cancelled, Assert.Throws<VecStoreException>(() => command.ExecuteNonQuery()).Code);
        }
        Assert.Equal(files, Directory.GetFiles(Path.GetDirectoryName(target)!).Order().ToList());
        using (var command = new VecStoreCommand($"RESTORE FROM '{archive}'", connection))
            command.ExecuteNonQuery();
        using (var count = new VecStoreCommand("SELECT count(*) FROM t", connection))
            Assert.Equal(source.Scalar("SELECT count(*) FROM t"), Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("CHECK", "checking the vector pages")]
    [InlineData("CHECK", "checking the vector indexes")]
    [InlineData("ANALYZE", "gathering statistics")]
    public void A_cancelled_CHECK_or_ANALYZE_stops_and_changes_nothing(string statement, string stage)
    {
        using var db = Deleted();
        var before = db.Capture();
        VecStoreCommand? running = null;
        var error = db.Fails(statement, new ProgressTrigger(stage, () => running!.Cancel()), command => running = command);
        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(before, db.Capture());
        db.Execute(statement);
    }

    // A database with an HNSW index from which most rows were deleted, so VACUUM has every step to
    // do: 2,000 vectors of 16 floats fill three 64 KiB pages, the 200 left after VACUUM one.
    private static CancellationDatabase Deleted()
    {
        var db = new CancellationDatabase(rows: 2000, dimensions: 16, pageSize: 65536);
        db.Execute("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)");
        db.Execute("DELETE FROM t WHERE tag <> 3");
        db.Execute("CHECKPOINT");
        return db;
    }
}
