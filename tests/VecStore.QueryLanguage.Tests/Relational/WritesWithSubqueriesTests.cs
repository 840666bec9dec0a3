using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// UPDATE and DELETE choose rows with subqueries, including ones that read the same table: the rows
/// the model says go (their vectors freed, so searches no longer find them) and no others, through a
/// checkpoint and a reopen.
/// </summary>
public sealed class WritesWithSubqueriesTests
{
    [Fact]
    public void DELETE_with_IN_SELECT_and_a_correlated_EXISTS_on_the_same_table_deletes_what_the_model_deletes()
    {
        var model = new RelationalModel(21);
        using var dir = new TempDirectory();
        string path = dir.File("writes.vdb");
        var expectedChunks = model.Chunks
            // DELETE ... WHERE doc_id IN (SELECT id FROM docs WHERE cat = 'news')
            .Where(c => !(c.DocId is long d && model.Docs.Any(doc => doc.Id == d && doc.Cat == "news")))
            .ToList();
        // DELETE ... WHERE EXISTS (an earlier chunk of the same document at the same position): keep the first of each.
        expectedChunks = expectedChunks.Where(c => !expectedChunks.Any(o => o.DocId == c.DocId && o.DocId is not null && o.Pos == c.Pos && o.Id < c.Id)).ToList();
        using (var connection = Open(path))
        {
            model.Load(connection);
            Run(connection, "DELETE FROM chunks WHERE doc_id IN (SELECT id FROM docs WHERE cat = 'news')");
            Run(connection, "DELETE FROM chunks WHERE EXISTS (SELECT 1 FROM chunks c2 WHERE c2.doc_id = chunks.doc_id AND c2.pos = chunks.pos AND c2.id < chunks.id)");
            AssertChunks(connection, model, expectedChunks, "after the deletes");
            Run(connection, "CHECKPOINT");
        }
        using (var reopened = Open(path))
            AssertChunks(reopened, model, expectedChunks, "after reopen");
    }

    [Fact]
    public void UPDATE_sets_a_correlated_count_from_another_table_and_filters_with_a_subquery()
    {
        var model = new RelationalModel(22);
        using var dir = new TempDirectory();
        using var connection = Open(dir.File("update.vdb"));
        model.Load(connection);
        Run(connection, "ALTER TABLE docs ADD COLUMN n INTEGER");
        Run(connection, "UPDATE docs SET n = (SELECT count(*) FROM chunks c WHERE c.doc_id = docs.id) WHERE id IN (SELECT doc_id FROM tags WHERE label = 'red')");
        var red = model.Tags.Where(t => t.Label == "red").Select(t => t.DocId).ToHashSet();
        var expected = model.Docs.OrderBy(d => d.Id)
            .Select(d => new object?[] { d.Id, red.Contains(d.Id) ? (object)(long)model.Chunks.Count(c => c.DocId == d.Id) : null }).ToList();
        RowComparison.AssertSame(expected, Rows(connection, "SELECT id, n FROM docs ORDER BY id"), 0, "counts");
    }

    private static void AssertChunks(VecStoreConnection connection, RelationalModel model, List<Chunk> expected, string phase)
    {
        RowComparison.AssertSame(expected.OrderBy(c => c.Id).Select(c => new object?[] { c.Id }).ToList(),
            Rows(connection, "SELECT id FROM chunks ORDER BY id"), 0, phase);
        // The deleted rows' vectors are gone: VecStore's own search over every vector slot finds only the remaining rows.
        var withVectors = expected.Where(c => c.Emb is not null).OrderBy(c => c.Id).Select(c => new object?[] { c.Id }).ToList();
        var searched = Rows(connection, "SELECT id FROM chunks WHERE emb IS NOT NULL ORDER BY emb <-> @q LIMIT 1000", ("q", model.Query));
        RowComparison.AssertSame(withVectors, searched.OrderBy(r => (long)r[0]!).ToList(), 0, phase + ", searched");
    }
}
