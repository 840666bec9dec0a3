using VecStore.Storage;
using VecStore.Storage.Pages;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

/// <summary>
/// A copy of the files taken while a session is open is what a crash leaves behind: committed
/// rows in SQLite's WAL, their vectors in the log, pages not yet checkpointed. Opening the copy
/// must replay the log and lose nothing.
/// </summary>
public sealed class RecoveryTests
{
    [Fact]
    public void Opening_after_a_crash_replays_logged_vectors_into_pages()
    {
        using var dir = new TempDirectory();
        string path = dir.File("live.vdb"), copy = dir.File("crashed.vdb");
        SortedDictionary<long, float[]> expected;
        using (var session = StorageFixture.Open(path))
        {
            var table = StorageFixture.CreateDocs(session, 4);
            StorageFixture.Write(session, _ => session.Insert(table, Rows(1, 300, 4, seed: 1)));
            session.Checkpoint();
            StorageFixture.Write(session, _ => session.Insert(table, Rows(301, 700, 4, seed: 2)));
            expected = StorageFixture.Snapshot(session, table.FindColumn("v")!);
            StorageFixture.CopyFiles(path, copy);
        }

        using var reopened = StorageFixture.Open(copy);
        var column = StorageFixture.Read(reopened, () => reopened.Catalog.FindTable("docs")!.FindColumn("v")!);
        var actual = StorageFixture.Snapshot(reopened, column);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (id, v) in expected)
            Assert.Equal(v, actual[id]);
    }

    [Fact]
    public void Torn_writes_in_slots_the_log_covers_are_repaired_on_open()
    {
        using var dir = new TempDirectory();
        string path = dir.File("live.vdb"), copy = dir.File("torn.vdb");
        SortedDictionary<long, float[]> expected;
        using (var session = StorageFixture.Open(path))
        {
            var table = StorageFixture.CreateDocs(session, 8);
            StorageFixture.Write(session, _ => session.Insert(table, Rows(1, 50, 8, seed: 3)));
            session.Checkpoint();
            // Rewrite every vector: the log now covers every slot of the page.
            StorageFixture.Write(session, _ => session.Update(table,
                [new Queries.Assignment(table.FindColumn("v")!, new Queries.ConstantExpr(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }))], null));
            expected = StorageFixture.Snapshot(session, table.FindColumn("v")!);
            StorageFixture.CopyFiles(path, copy);
        }

        // A checkpoint that died half-way: part of the page's vectors new, part garbage, checksum stale.
        var layout = SlotLayout.For(VecStore.Indexes.VectorElement.Float32, 8, DatabaseOptions.DefaultPageSize);
        using (var file = File.Open(copy + "-vectors", FileMode.Open))
        {
            file.Position = DatabaseOptions.DefaultPageSize + layout.VectorOffset + 10 * layout.VectorBytes;
            var garbage = new byte[20 * layout.VectorBytes];
            Array.Fill(garbage, (byte)0x5A);
            file.Write(garbage);
        }

        using var reopened = StorageFixture.Open(copy);
        var column = StorageFixture.Read(reopened, () => reopened.Catalog.FindTable("docs")!.FindColumn("v")!);
        var actual = StorageFixture.Snapshot(reopened, column);
        foreach (var (id, v) in expected)
            Assert.Equal(v, actual[id]);
    }

    [Fact]
    public void Damage_outside_what_the_log_covers_is_reported_with_file_and_page()
    {
        using var dir = new TempDirectory();
        string path = dir.File("damaged.vdb");
        using (var session = StorageFixture.Open(path))
        {
            var table = StorageFixture.CreateDocs(session, 8);
            StorageFixture.Write(session, _ => session.Insert(table, Rows(1, 50, 8, seed: 4)));
        }
        var layout = SlotLayout.For(VecStore.Indexes.VectorElement.Float32, 8, DatabaseOptions.DefaultPageSize);
        using (var file = File.Open(path + "-vectors", FileMode.Open))
        {
            file.Position = DatabaseOptions.DefaultPageSize + layout.VectorOffset + 3 * layout.VectorBytes;
            file.WriteByte(0xFF);
        }

        using var reopened = StorageFixture.Open(path);
        var column = StorageFixture.Read(reopened, () => reopened.Catalog.FindTable("docs")!.FindColumn("v")!);
        var error = Assert.Throws<VecStoreException>(() => StorageFixture.Snapshot(reopened, column));
        Assert.Equal(ErrorCode.CorruptPage, error.Code);
        Assert.Equal($"page 1 of '{path}-vectors' is damaged: its checksum does not match its contents", error.Reason);
    }

    [Fact]
    public void Missing_vector_file_after_a_checkpoint_is_an_error_not_an_empty_table()
    {
        using var dir = new TempDirectory();
        string path = dir.File("lost.vdb");
        using (var session = StorageFixture.Open(path))
        {
            var table = StorageFixture.CreateDocs(session, 2);
            StorageFixture.Write(session, _ => session.Insert(table, Rows(1, 10, 2, seed: 5)));
        }
        File.Delete(path + "-vectors");
        var error = Assert.Throws<VecStoreException>(() => StorageFixture.Open(path));
        Assert.Equal(ErrorCode.CorruptMetadata, error.Code);
        Assert.Contains("is missing", error.Reason);
    }

    [Fact]
    public void Vector_file_of_another_database_is_refused()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a.vdb"), b = dir.File("b.vdb");
        foreach (var p in new[] { a, b })
        {
            using var session = StorageFixture.Open(p);
            StorageFixture.CreateDocs(session, 2);
        }
        File.Copy(b + "-vectors", a + "-vectors", overwrite: true);
        var error = Assert.Throws<VecStoreException>(() => StorageFixture.Open(a));
        Assert.Equal(ErrorCode.CorruptFileHeader, error.Code);
        Assert.Contains("belongs to another database", error.Reason);
    }

    internal static List<object?[]> Rows(long first, long last, int dims, int seed)
    {
        var random = new Random(seed);
        var rows = new List<object?[]>();
        for (long id = first; id <= last; id++)
        {
            var v = new float[dims];
            for (int j = 0; j < dims; j++)
                v[j] = random.NextSingle();
            rows.Add([id, "r" + id, v]);
        }
        return rows;
    }

}
