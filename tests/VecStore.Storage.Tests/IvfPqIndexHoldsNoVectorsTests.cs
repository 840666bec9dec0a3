using VecStore.Indexes;
using VecStore.Indexes.Ivf;
using VecStore.Storage.Catalog;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

/// <summary>The IVFPQ index a database keeps holds codes and ids only; its answers come from the column's pages.</summary>
public sealed class IvfPqIndexHoldsNoVectorsTests
{
    [Fact]
    public void Index_made_by_the_database_stores_no_vectors_and_reranks_from_the_statement_view()
    {
        const int Dims = 32;
        using var dir = new TempDirectory();
        using var session = StorageFixture.Open(dir.File("pq.vdb"));
        var table = StorageFixture.CreateDocs(session, Dims);
        StorageFixture.Write(session, _ => session.Insert(table, RecoveryTests.Rows(1, 2000, Dims, seed: 3)));
        var column = table.FindColumn("v")!;
        var options = new Dictionary<string, long> { ["lists"] = 16, ["m"] = 4, ["refine"] = 8 };
        StorageFixture.Write(session, _ => session.CreateIndex(new IndexDefinition("docs_v", table, IndexMethod.IvfPq, [column], options), ifNotExists: false));
        var schema = session.Catalog.FindIndex("docs_v")!;

        var index = Assert.IsType<IvfPqIndex>(StorageFixture.Read(session, () => session.LoadIndex(schema))!.Index);

        Assert.False(index.StoresVectors);
        Assert.Equal(2000, index.Count);
        Assert.All(index.LiveIds(), id => Assert.True(index.GetVectorData(id).IsEmpty));

        // Every list probed: the refine reads the view, so distances are exact and the best row is found.
        var row7 = (float[])RecoveryTests.Rows(1, 7, Dims, seed: 3)[6][2]!;
        var found = StorageFixture.Read(session, () => session.SearchIndex(schema, row7, default(AcceptAll), 5, 16))!;
        Assert.Equal(0f, found[0].Distance);
        Assert.Equal(7L, StorageFixture.Read(session, () => session.View(column).RowIdOf(found[0].Id)));
    }
}
