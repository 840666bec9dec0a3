using VecStore.Storage;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

public sealed class VectorRoundTripTests
{
    [Fact]
    public void Inserted_vectors_are_seen_before_and_after_checkpoint_and_reopen()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.vdb");
        var expected = new SortedDictionary<long, float[]>();
        var random = new Random(7);
        using (var session = StorageFixture.Open(path))
        {
            var table = StorageFixture.CreateDocs(session, 5);
            StorageFixture.Write(session, _ =>
            {
                var rows = new List<object?[]>();
                for (long id = 1; id <= 1200; id++)
                {
                    var v = new float[5];
                    for (int j = 0; j < 5; j++)
                        v[j] = (float)random.NextDouble();
                    expected[id] = v;
                    rows.Add([id, "t" + id, v]);
                }
                session.Insert(table, rows);
            });
            var column = table.FindColumn("v")!;
            AssertSame(expected, StorageFixture.Snapshot(session, column));
            session.Checkpoint();
            AssertSame(expected, StorageFixture.Snapshot(session, column));
        }
        Assert.True(File.Exists(path + "-vectors"));
        using (var session = StorageFixture.Open(path))
        {
            var column = StorageFixture.Read(session, () => session.Catalog.FindTable("docs")!.FindColumn("v")!);
            AssertSame(expected, StorageFixture.Snapshot(session, column));
        }
    }

    [Fact]
    public void Deleted_and_updated_vectors_follow_the_rows_through_checkpoints()
    {
        using var dir = new TempDirectory();
        string path = dir.File("b.vdb");
        using var session = StorageFixture.Open(path);
        var table = StorageFixture.CreateDocs(session, 3);
        var column = table.FindColumn("v")!;
        StorageFixture.Write(session, _ => session.Insert(table,
            [[1L, "a", new float[] { 1, 0, 0 }], [2L, "b", new float[] { 0, 1, 0 }], [3L, "c", new float[] { 0, 0, 1 }]]));
        session.Checkpoint();
        var where = new Queries.BinaryExpr(Queries.SqlBinaryOperator.Equal, new Queries.ColumnExpr(table.FindColumn("id")!), new Queries.ConstantExpr(2L));
        StorageFixture.Write(session, _ => session.Delete(table, where));
        var where3 = new Queries.BinaryExpr(Queries.SqlBinaryOperator.Equal, new Queries.ColumnExpr(table.FindColumn("id")!), new Queries.ConstantExpr(3L));
        StorageFixture.Write(session, _ => session.Update(table, [new Queries.Assignment(column, new Queries.ConstantExpr(new float[] { 9, 9, 9 }))], where3));
        StorageFixture.Write(session, _ => session.Insert(table, [[4L, "d", new float[] { 4, 4, 4 }]]));

        var before = StorageFixture.Snapshot(session, column);
        Assert.Equal([1L, 3L, 4L], before.Keys);
        Assert.Equal(new float[] { 9, 9, 9 }, before[3]);
        session.Checkpoint();
        var after = StorageFixture.Snapshot(session, column);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(new float[] { 9, 9, 9 }, after[3]);
        Assert.Equal(new float[] { 4, 4, 4 }, after[4]);
    }

    [Fact]
    public void Rolled_back_statement_leaves_no_vectors_behind()
    {
        using var session = StorageFixture.Open(":memory:");
        var table = StorageFixture.CreateDocs(session, 2);
        StorageFixture.Write(session, _ => session.Insert(table, [[1L, "a", new float[] { 1, 1 }]]));
        var error = Assert.Throws<VecStoreException>(() => StorageFixture.Write(session, _ =>
            session.Insert(table, [[2L, "b", new float[] { 2, 2 }], [1L, "dup", new float[] { 3, 3 }]])));
        Assert.Equal(ErrorCode.DuplicateKey, error.Code);
        Assert.Equal("table 'docs' already has a row with id = 1", error.Reason);
        var rows = StorageFixture.Snapshot(session, table.FindColumn("v")!);
        Assert.Equal([1L], rows.Keys);
    }

    private static void AssertSame(SortedDictionary<long, float[]> expected, SortedDictionary<long, float[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (id, v) in expected)
            Assert.Equal(v, actual[id]);
    }
}
