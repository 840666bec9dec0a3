using VecStore.Storage.Queries;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

public sealed class SlotReuseTests
{
    [Fact]
    public void Slots_freed_by_deletes_are_reused_by_later_inserts()
    {
        using var dir = new TempDirectory();
        string path = dir.File("reuse.vdb");
        using var session = StorageFixture.Open(path);
        var table = StorageFixture.CreateDocs(session, 16);
        StorageFixture.Write(session, _ => session.Insert(table, RecoveryTests.Rows(1, 1000, 16, seed: 1)));
        session.Checkpoint();
        long size = new FileInfo(path + "-vectors").Length;

        for (int round = 0; round < 5; round++)
        {
            long first = 1 + round * 200;
            StorageFixture.Write(session, _ => session.Delete(table,
                new BetweenExpr(new ColumnExpr(table.FindColumn("id")!), new ConstantExpr(first), new ConstantExpr(first + 199), false)));
            StorageFixture.Write(session, _ => session.Insert(table, RecoveryTests.Rows(10_000 + first, 10_000 + first + 199, 16, seed: round + 2)));
            session.Checkpoint();
        }

        Assert.Equal(size, new FileInfo(path + "-vectors").Length);
        Assert.Equal(1000, StorageFixture.Snapshot(session, table.FindColumn("v")!).Count);
    }

    [Fact]
    public void Dropped_table_pages_go_to_the_next_table()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drop.vdb");
        using var session = StorageFixture.Open(path);
        var first = StorageFixture.CreateDocs(session, 64, name: "first");
        StorageFixture.Write(session, _ => session.Insert(first, RecoveryTests.Rows(1, 3000, 64, seed: 1)));
        session.Checkpoint();
        long size = new FileInfo(path + "-vectors").Length;
        StorageFixture.Write(session, _ => session.DropTable("first", ifExists: false));
        session.Checkpoint();

        var second = StorageFixture.CreateDocs(session, 64, name: "second");
        StorageFixture.Write(session, _ => session.Insert(second, RecoveryTests.Rows(1, 3000, 64, seed: 2)));
        session.Checkpoint();
        Assert.Equal(size, new FileInfo(path + "-vectors").Length);
        Assert.Equal(3000, StorageFixture.Snapshot(session, second.FindColumn("v")!).Count);
    }

    [Fact]
    public void Read_only_session_sees_logged_vectors_and_refuses_writes()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ro.vdb");
        using var writer = StorageFixture.Open(path);
        var table = StorageFixture.CreateDocs(writer, 3);
        StorageFixture.Write(writer, _ => writer.Insert(table, RecoveryTests.Rows(1, 20, 3, seed: 9)));
        var expected = StorageFixture.Snapshot(writer, table.FindColumn("v")!);

        using var reader = StorageFixture.Open(path, OpenMode.ReadOnly);
        var column = StorageFixture.Read(reader, () => reader.Catalog.FindTable("docs")!.FindColumn("v")!);
        Assert.Equal(expected.Keys, StorageFixture.Snapshot(reader, column).Keys);
        var refused = Assert.Throws<VecStoreException>(() => reader.BeginStatement(writes: true));
        Assert.Equal(ErrorCode.ReadOnlyDatabase, refused.Code);
        Assert.Equal(ErrorCode.ReadOnlyDatabase, Assert.Throws<VecStoreException>(() => reader.Checkpoint()).Code);
    }

    [Fact]
    public void Read_only_session_opened_alone_sees_vectors_a_crash_left_in_the_log()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ro-log.vdb"), copy = dir.File("ro-copy.vdb");
        SortedDictionary<long, float[]> expected;
        using (var writer = StorageFixture.Open(path))
        {
            var table = StorageFixture.CreateDocs(writer, 3);
            StorageFixture.Write(writer, _ => writer.Insert(table, RecoveryTests.Rows(1, 20, 3, seed: 9)));
            expected = StorageFixture.Snapshot(writer, table.FindColumn("v")!);
            StorageFixture.CopyFiles(path, copy);
        }
        using var reader = StorageFixture.Open(copy, OpenMode.ReadOnly);
        var column = StorageFixture.Read(reader, () => reader.Catalog.FindTable("docs")!.FindColumn("v")!);
        var actual = StorageFixture.Snapshot(reader, column);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (id, v) in expected)
            Assert.Equal(v, actual[id]);
    }
}
