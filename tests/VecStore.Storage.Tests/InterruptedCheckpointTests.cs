using VecStore.Storage;
using VecStore.Storage.Pages;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

/// <summary>
/// A checkpoint whose process died while it changed pages leaves its mark in page 0
/// (<see cref="ApplyMarker"/>). Another process that finds the mark reads around the stale
/// checksums (every slot the checkpoint touched is still in the log), and the next writer
/// finishes the checkpoint and clears the mark.
/// </summary>
public sealed class InterruptedCheckpointTests
{
    [Fact]
    public void A_marked_half_applied_checkpoint_is_read_correctly_then_finished_by_the_next_writer()
    {
        using var dir = new TempDirectory();
        string path = dir.File("live.vdb"), marked = dir.File("marked.vdb"), unmarked = dir.File("unmarked.vdb");
        SortedDictionary<long, float[]> expected;
        using (var session = StorageFixture.Open(path))
        {
            var table = StorageFixture.CreateDocs(session, 8);
            StorageFixture.Write(session, _ => session.Insert(table, RecoveryTests.Rows(1, 50, 8, seed: 11)));
            session.Checkpoint();
            // Every vector rewritten: the log covers every slot of the page.
            StorageFixture.Write(session, _ => session.Update(table,
                [new Queries.Assignment(table.FindColumn("v")!, new Queries.ConstantExpr(new float[] { 8, 7, 6, 5, 4, 3, 2, 1 }))], null));
            expected = StorageFixture.Snapshot(session, table.FindColumn("v")!);
            StorageFixture.CopyFiles(path, marked);
            StorageFixture.CopyFiles(path, unmarked);
        }

        // What the dead checkpoint left: some slots of page 1 rewritten (here with bytes no
        // version ever had, the worst case), the page's checksum not resealed.
        var layout = SlotLayout.For(VecStore.Indexes.VectorElement.Float32, 8, DatabaseOptions.DefaultPageSize);
        foreach (var copy in new[] { marked, unmarked })
        {
            using var file = File.Open(copy + "-vectors", FileMode.Open);
            file.Position = DatabaseOptions.DefaultPageSize + layout.VectorOffset + 5 * layout.VectorBytes;
            var garbage = new byte[30 * layout.VectorBytes];
            Array.Fill(garbage, (byte)0xA5);
            file.Write(garbage);
        }
        WriteMarker(marked);

        // Read-only, the unmarked file is damaged as far as anyone can tell; the marked one reads right.
        using (var reader = StorageFixture.Open(unmarked, OpenMode.ReadOnly))
        {
            var column = StorageFixture.Read(reader, () => reader.Catalog.FindTable("docs")!.FindColumn("v")!);
            var error = Assert.Throws<VecStoreException>(() => StorageFixture.Snapshot(reader, column));
            Assert.Equal(ErrorCode.CorruptPage, error.Code);
        }
        using (var reader = StorageFixture.Open(marked, OpenMode.ReadOnly))
            AssertHolds(reader, expected);
        Assert.True(HasMarker(marked), "a read-only process must not change the file");

        // The next writer finishes the checkpoint: the mark goes, every page checks out.
        using (var writer = StorageFixture.Open(marked))
            AssertHolds(writer, expected);
        Assert.False(HasMarker(marked));
        using (var reader = StorageFixture.Open(marked, OpenMode.ReadOnly))
            AssertHolds(reader, expected);
    }

    private static void AssertHolds(Session session, SortedDictionary<long, float[]> expected)
    {
        var column = StorageFixture.Read(session, () => session.Catalog.FindTable("docs")!.FindColumn("v")!);
        var actual = StorageFixture.Snapshot(session, column);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (id, v) in expected)
            Assert.Equal(v, actual[id]);
    }

    private static void WriteMarker(string path)
    {
        using var file = File.Open(path + "-vectors", FileMode.Open);
        var page = new byte[ApplyMarker.Offset + ApplyMarker.Size];
        file.ReadExactly(page);
        var header = FileHeader.TryRead(page, out _)!.Value;
        new ApplyMarker(header.CheckpointLsn, header.CheckpointLsn + 1).Write(page);
        file.Position = 0;
        file.Write(page);
    }

    private static bool HasMarker(string path)
    {
        var page = new byte[ApplyMarker.Offset + ApplyMarker.Size];
        using var file = File.Open(path + "-vectors", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.ReadExactly(page);
        return ApplyMarker.TryRead(page) is not null;
    }
}
