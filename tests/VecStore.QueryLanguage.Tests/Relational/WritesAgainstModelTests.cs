using VecStore.Indexes.Distance;
using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// Random sequences of INSERT ... SELECT, upserts (DO UPDATE and DO NOTHING, from VALUES and from a
/// SELECT), UPDATE ... FROM and DELETE ... IN (SELECT ...) on the random three-table databases of
/// <see cref="RelationalModel"/>, each applied to a C# copy of the rows as well: the table written
/// and a nearest-neighbour search over it must match the copy after every statement, through a
/// checkpoint and a reopen between the statements; with an HNSW index on the written column for
/// the seeds whose column it serves (12 and 21), so the index sees every vector moved, replaced and freed.
/// </summary>
public sealed class WritesAgainstModelTests
{
    public static TheoryData<int> Seeds => [11, 12, 13, 14, 21];

    /// <summary>A row of the written table, as the model holds it: vectors as the column stores them.</summary>
    private sealed record Copy(long Id, long? DocId, float[]? Emb);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_write_sequences_match_the_model_through_checkpoint_and_reopen(int seed)
    {
        var model = new RelationalModel(seed);
        var random = new Random(seed * 104_729);
        var copies = new SortedDictionary<long, Copy>();
        using var dir = new TempDirectory();
        string path = dir.File("writes.vdb");
        int step = 0;
        using (var connection = Open(path))
        {
            model.Load(connection);
            Run(connection, $"CREATE TABLE copies (id INTEGER PRIMARY KEY, doc_id INTEGER, emb {model.VectorType})");
            if (model.Element == Indexes.VectorElement.Float32 && model.Metric is Metric.L2 or Metric.Cosine)
                Run(connection, "CREATE INDEX copies_emb ON copies USING HNSW (emb)");
            for (; step < 8; step++)
                Step(connection, model, random, copies, step);
            Run(connection, "CHECKPOINT");
            Check(connection, model, copies, "after checkpoint");
            for (; step < 14; step++)
                Step(connection, model, random, copies, step);
        }
        using (var reopened = Open(path))
        {
            Check(reopened, model, copies, "after reopen");
            for (; step < 20; step++)
                Step(reopened, model, random, copies, step);
        }
    }

    private static void Step(VecStoreConnection connection, RelationalModel m, Random random, SortedDictionary<long, Copy> copies, int step)
    {
        string[] cats = ["news", "blog", "wiki", "mail"];
        string cat = cats[random.Next(cats.Length)];
        long pos = random.Next(0, 6);
        var docs = m.Docs.ToDictionary(d => d.Id);
        var chunks = m.Chunks.ToDictionary(c => c.Id);
        string sql;
        switch (random.Next(6))
        {
            case 0:
            {
                // INSERT ... SELECT over a join, keys moved past every existing one.
                long offset = 1000L * (step + 1);
                sql = "INSERT INTO copies (id, doc_id, emb) SELECT c.id + @off, c.doc_id, c.emb FROM chunks c JOIN docs d ON d.id = c.doc_id WHERE d.cat = @cat";
                Run(connection, sql, ("off", offset), ("cat", cat));
                foreach (var c in m.Chunks.Where(c => c.DocId is long d && docs.TryGetValue(d, out var doc) && doc.Cat == cat))
                    copies[c.Id + offset] = new Copy(c.Id + offset, c.DocId, Stored(m, c.Emb));
                break;
            }
            case 1:
            {
                // Upsert from a SELECT: the chunks at one position create the copies with their ids, or change them:
                // the new vector is the proposed one minus the stored one (NULL when either is), the document moves by a bump.
                long bump = random.Next(0, 3);
                sql = "INSERT INTO copies (id, doc_id, emb) SELECT id, doc_id + @bump, emb FROM chunks WHERE pos = @pos "
                    + "ON CONFLICT (id) DO UPDATE SET emb = excluded.emb - copies.emb, doc_id = excluded.doc_id";
                Run(connection, sql, ("pos", pos), ("bump", bump));
                foreach (var c in m.Chunks.Where(c => c.Pos == pos))
                {
                    var proposed = Stored(m, c.Emb);
                    copies[c.Id] = copies.TryGetValue(c.Id, out var old)
                        ? new Copy(c.Id, c.DocId + bump, proposed is null || old.Emb is null ? null : Combine(m, proposed, old.Emb, (a, b) => a - b))
                        : new Copy(c.Id, c.DocId + bump, proposed);
                }
                break;
            }
            case 2:
            {
                // Upsert from VALUES: DO NOTHING inserts only a key no row has; DO UPDATE SET col = excluded.col (written without
                // a query per row) replaces the row, a NULL vector freeing its slot.
                var c = m.Chunks[random.Next(m.Chunks.Count)];
                long id = random.Next(2) == 0 ? c.Id : c.Id + 500;
                bool replace = random.Next(2) == 0;
                var emb = random.Next(4) == 0 ? null : c.Emb;
                sql = "INSERT INTO copies VALUES (@id, @doc, @emb) ON CONFLICT " + (replace ? "(id) DO UPDATE SET emb = excluded.emb, doc_id = excluded.doc_id" : "DO NOTHING");
                Run(connection, sql, ("id", id), ("doc", c.DocId), ("emb", emb));
                if (replace || !copies.ContainsKey(id))
                    copies[id] = new Copy(id, c.DocId, Stored(m, emb));
                break;
            }
            case 3:
            {
                // UPDATE ... FROM: the copies take twice the vector of the chunk with their id, for chunks at one position.
                sql = "UPDATE copies SET emb = c.emb + c.emb, doc_id = c.doc_id FROM chunks AS c WHERE c.id = copies.id AND c.pos = @pos";
                Run(connection, sql, ("pos", pos));
                foreach (var id in copies.Keys.ToList())
                    if (chunks.TryGetValue(id, out var c) && c.Pos == pos)
                        copies[id] = new Copy(id, c.DocId, c.Emb is null ? null : Combine(m, Stored(m, c.Emb)!, Stored(m, c.Emb)!, (a, b) => a + b));
                break;
            }
            case 4:
            {
                // UPDATE ... FROM over a derived table, scalar only.
                sql = "UPDATE copies SET doc_id = x.id + 1 FROM (SELECT id FROM docs WHERE cat = @cat) AS x WHERE x.id = copies.doc_id";
                Run(connection, sql, ("cat", cat));
                foreach (var copy in copies.Values.ToList())
                    if (copy.DocId is long d && docs.TryGetValue(d, out var doc) && doc.Cat == cat)
                        copies[copy.Id] = copy with { DocId = d + 1 };
                break;
            }
            default:
            {
                double p = Math.Round(random.NextDouble() * 100, 2);
                sql = "DELETE FROM copies WHERE doc_id IN (SELECT id FROM docs WHERE price < @p)";
                Run(connection, sql, ("p", p));
                foreach (var copy in copies.Values.ToList())
                    if (copy.DocId is long d && docs.TryGetValue(d, out var doc) && doc.Price < p)
                        copies.Remove(copy.Id);
                break;
            }
        }
        Check(connection, m, copies, $"step {step}: {sql}");
    }

    private static float[]? Stored(RelationalModel m, float[]? emb) => emb is null ? null : m.AsStored(emb);

    /// <summary>An elementwise operator as VecStore applies it: in float32, the result rounded to the column's element type.</summary>
    private static float[] Combine(RelationalModel m, float[] a, float[] b, Func<float, float, float> op) => m.AsStored(a.Zip(b, op).ToArray());

    private static void Check(VecStoreConnection connection, RelationalModel m, SortedDictionary<long, Copy> copies, string phase)
    {
        string context = $"seed {m.Seed}, {phase}";
        RowComparison.AssertSame(copies.Values.Select(c => new object?[] { c.Id, c.DocId, c.Emb }).ToList(),
            Rows(connection, "SELECT id, doc_id, emb FROM copies ORDER BY id"), 0, context);
        // VecStore's own search over the column's vectors finds exactly the rows that hold one: nothing moved, replaced or freed is left behind.
        var withVectors = copies.Values.Where(c => c.Emb is not null).Select(c => new object?[] { c.Id }).ToList();
        // Where the index serves the column, the search goes through it, so the index too must hold exactly the rows' vectors.
        string through = m.Element == Indexes.VectorElement.Float32 && m.Metric is Metric.L2 or Metric.Cosine ? " WITH (strategy = 'index')" : "";
        var searched = Rows(connection, "SELECT id FROM copies WHERE emb IS NOT NULL ORDER BY distance(emb, @q) LIMIT 5000" + through, ("q", m.Query));
        RowComparison.AssertSame(withVectors, searched.OrderBy(r => (long)r[0]!).ToList(), 0, context + ", searched");
    }
}
