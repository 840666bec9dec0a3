using VecStore.Indexes.Distance;
using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// Joins, grouping, subqueries, common table expressions, set operations and vector expressions on
/// random three-table databases, each answer compared with one computed from the same rows in C#
/// (LINQ and VecStore's distance kernels, never SQLite): right after loading, after CHECKPOINT moved
/// the vectors into pages, and after closing and reopening; with and without a vector index.
/// </summary>
public sealed class RelationalQueriesAgainstModelTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_query_matches_the_model_before_and_after_checkpoint_and_reopen(int seed)
    {
        var model = new RelationalModel(seed);
        var random = new Random(seed * 7919);
        var queries = Queries(model, random);
        using var dir = new TempDirectory();
        string path = dir.File("relational.vdb");
        using (var connection = Open(path))
        {
            model.Load(connection);
            if (seed % 2 == 0 && model.Element == Indexes.VectorElement.Float32 && model.Metric is Metric.L2 or Metric.Cosine)
                Run(connection, "CREATE INDEX chunks_emb ON chunks USING HNSW (emb)");
            Check(connection, queries, "loaded", model);
            Run(connection, "CHECKPOINT");
            Check(connection, queries, "after checkpoint", model);
        }
        using (var reopened = Open(path))
            Check(reopened, queries, "after reopen", model);
    }

    private static void Check(VecStoreConnection connection, List<ModelQuery> queries, string phase, RelationalModel model)
    {
        foreach (var query in queries)
        {
            var actual = Rows(connection, query.Sql, query.Parameters);
            RowComparison.AssertSame(query.Expected, actual, query.Tolerance, $"seed {model.Seed}, {phase}: {query.Sql}");
        }
    }

    /// <summary>A query, its parameters, and the rows the model says it returns.</summary>
    private sealed record ModelQuery(string Sql, (string, object?)[] Parameters, List<object?[]> Expected, double Tolerance = 0);

    private static List<ModelQuery> Queries(RelationalModel m, Random random)
    {
        var (op, metric) = new[] { ("<->", Metric.L2), ("<=>", Metric.Cosine), ("<#>", Metric.InnerProduct), ("<+>", Metric.L1) }[random.Next(4)];
        double p = Math.Round(random.NextDouble() * 100, 2);
        int k = random.Next(1, 12);
        long minGroup = random.Next(1, 4);
        long late = random.Next(1, 5);
        var distances = m.Chunks.Where(c => c.Emb is not null).Select(c => m.Distance(c.Emb, metric)!.Value).Order().ToList();
        double radius = distances.Count == 0 ? 0 : distances[distances.Count / 2];
        var q = m.Query;
        var docById = m.Docs.ToDictionary(d => d.Id);
        var joined = (from c in m.Chunks
                      where c.DocId is long id && docById.ContainsKey(id)
                      select (Chunk: c, Doc: docById[c.DocId!.Value])).ToList();
        var tolerance = m.Element == Indexes.VectorElement.Float16 ? 2e-3 : 1e-5;
        var list = new List<ModelQuery>();

        // A join with a filter on the other table, ordered by distance.
        list.Add(new ModelQuery(
            $"SELECT c.id, d.cat, c.emb {op} @q AS dist FROM chunks c JOIN docs d ON d.id = c.doc_id WHERE d.price < @p ORDER BY dist, c.id LIMIT @k",
            [("q", q), ("p", p), ("k", (long)k)],
            joined.Where(j => j.Doc.Price < p)
                .Select(j => (j.Chunk.Id, j.Doc.Cat, Dist: m.Distance(j.Chunk.Emb, metric)))
                .OrderBy(r => r.Dist is null).ThenBy(r => r.Dist).ThenBy(r => r.Id).Take(k)
                .Select(r => Row(r.Id, r.Cat, r.Dist)).ToList()));

        // LEFT JOIN: every document, with its chunks counted.
        list.Add(new ModelQuery(
            "SELECT d.id, count(c.id) AS n, max(c.pos) AS top FROM docs d LEFT JOIN chunks c ON c.doc_id = d.id GROUP BY d.id ORDER BY d.id",
            [],
            m.Docs.OrderBy(d => d.Id).Select(d =>
            {
                var mine = m.Chunks.Where(c => c.DocId == d.Id).ToList();
                return Row(d.Id, (long)mine.Count, mine.Count == 0 ? null : mine.Max(c => c.Pos));
            }).ToList()));

        // The best chunk of each document: an aggregate over distances.
        list.Add(new ModelQuery(
            $"SELECT doc_id, min(emb {op} @q) AS best, count(*) AS n FROM chunks WHERE doc_id IS NOT NULL GROUP BY doc_id ORDER BY best, doc_id LIMIT @k",
            [("q", q), ("k", (long)k)],
            m.Chunks.Where(c => c.DocId is not null).GroupBy(c => c.DocId!.Value)
                .Select(g => (Doc: g.Key, Best: g.Select(c => m.Distance(c.Emb, metric)).Where(d => d is not null).Min(), N: (long)g.Count()))
                .OrderBy(r => r.Best is null).ThenBy(r => r.Best).ThenBy(r => r.Doc).Take(k)
                .Select(r => Row(r.Doc, r.Best, r.N)).ToList()));

        // Grouping by a nullable key, sums and averages, HAVING.
        list.Add(new ModelQuery(
            "SELECT d.cat, count(*) AS n, sum(d.price) AS s, avg(c.pos) AS a FROM docs d JOIN chunks c ON c.doc_id = d.id GROUP BY d.cat HAVING count(*) >= @m ORDER BY d.cat",
            [("m", minGroup)],
            joined.GroupBy(j => j.Doc.Cat).Where(g => g.Count() >= minGroup).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Row(g.Key, (long)g.Count(), g.All(j => j.Doc.Price is null) ? null : g.Sum(j => j.Doc.Price ?? 0), g.Average(j => (double)j.Chunk.Pos)))
                .ToList(), 1e-9));

        // IN (SELECT ...) with a distance condition inside it.
        list.Add(new ModelQuery(
            $"SELECT id FROM docs WHERE id IN (SELECT doc_id FROM chunks WHERE emb {op} @q < @r) ORDER BY id",
            [("q", q), ("r", radius)],
            m.Docs.Where(d => m.Chunks.Any(c => c.DocId == d.Id && m.Distance(c.Emb, metric) < radius)).OrderBy(d => d.Id).Select(d => Row(d.Id)).ToList()));

        // NOT EXISTS, correlated.
        list.Add(new ModelQuery(
            "SELECT d.id FROM docs d WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.doc_id = d.id AND c.emb IS NOT NULL) ORDER BY d.id",
            [],
            m.Docs.Where(d => !m.Chunks.Any(c => c.DocId == d.Id && c.Emb is not null)).OrderBy(d => d.Id).Select(d => Row(d.Id)).ToList()));

        // Scalar subqueries in the select list.
        list.Add(new ModelQuery(
            "SELECT d.id, (SELECT count(*) FROM chunks c WHERE c.doc_id = d.id) AS n, (SELECT max(t.label) FROM tags t WHERE t.doc_id = d.id) AS top FROM docs d ORDER BY d.id",
            [],
            m.Docs.OrderBy(d => d.Id).Select(d => Row(d.Id, (long)m.Chunks.Count(c => c.DocId == d.Id),
                m.Tags.Where(t => t.DocId == d.Id).Select(t => t.Label).OrderBy(l => l, StringComparer.Ordinal).LastOrDefault())).ToList()));

        // Two common table expressions: the best distance per document, and the cheap documents.
        list.Add(new ModelQuery(
            $"WITH near AS (SELECT doc_id, min(emb {op} @q) AS best FROM chunks WHERE emb IS NOT NULL GROUP BY doc_id), cheap AS (SELECT id FROM docs WHERE price < @p) "
            + "SELECT d.id, d.cat, n.best FROM docs d JOIN near n ON n.doc_id = d.id WHERE d.id IN (SELECT id FROM cheap) ORDER BY n.best, d.id LIMIT @k",
            [("q", q), ("p", p), ("k", (long)k)],
            m.Docs.Where(d => d.Price < p)
                .Select(d => (d.Id, d.Cat, Best: m.Chunks.Where(c => c.DocId == d.Id && c.Emb is not null).Select(c => m.Distance(c.Emb, metric)).Min()))
                .Where(r => r.Best is not null).OrderBy(r => r.Best).ThenBy(r => r.Id).Take(k).Select(r => Row(r.Id, r.Cat, r.Best)).ToList()));

        // Set operations, NULL included.
        var setOp = new[] { "UNION", "UNION ALL", "INTERSECT", "EXCEPT" }[random.Next(4)];
        var left = m.Chunks.Where(c => c.Pos < late).Select(c => c.DocId).ToList();
        var right = m.Docs.Where(d => d.Price > p).Select(d => (long?)d.Id).ToList();
        var combined = setOp switch
        {
            "UNION" => left.Concat(right).Distinct(),
            "UNION ALL" => left.Concat(right),
            "INTERSECT" => left.Distinct().Where(right.Contains),
            _ => left.Distinct().Where(x => !right.Contains(x)),
        };
        list.Add(new ModelQuery(
            $"SELECT doc_id FROM chunks WHERE pos < @m {setOp} SELECT id FROM docs WHERE price > @p ORDER BY 1",
            [("m", late), ("p", p)],
            combined.OrderBy(x => x is null ? 0 : 1).ThenBy(x => x).Select(x => Row(x)).ToList()));

        // DISTINCT, and count(DISTINCT ...).
        list.Add(new ModelQuery(
            "SELECT DISTINCT d.cat FROM docs d JOIN chunks c ON c.doc_id = d.id ORDER BY 1",
            [],
            joined.Select(j => j.Doc.Cat).Distinct().OrderBy(x => x, StringComparer.Ordinal).Select(x => Row(x)).ToList()));
        list.Add(new ModelQuery(
            "SELECT count(DISTINCT doc_id) AS docs, count(doc_id) AS refs, count(*) AS all_rows FROM chunks",
            [],
            [Row((long)m.Chunks.Where(c => c.DocId is not null).Select(c => c.DocId).Distinct().Count(), (long)m.Chunks.Count(c => c.DocId is not null), (long)m.Chunks.Count)]));

        // A derived table with a filter on its aggregate.
        list.Add(new ModelQuery(
            "SELECT x.doc_id, x.n FROM (SELECT doc_id, count(*) AS n FROM chunks GROUP BY doc_id) AS x WHERE x.n > 1 ORDER BY x.doc_id",
            [],
            m.Chunks.GroupBy(c => c.DocId).Where(g => g.Count() > 1).OrderBy(g => g.Key is null ? 0 : 1).ThenBy(g => g.Key)
                .Select(g => Row(g.Key, (long)g.Count())).ToList()));

        // A self-join with a distance between two vector columns.
        list.Add(new ModelQuery(
            "SELECT a.id, b.id, a.emb <-> b.emb AS d FROM chunks a JOIN chunks b ON a.doc_id = b.doc_id AND a.id < b.id ORDER BY a.id, b.id",
            [],
            (from a in m.Chunks
             from b in m.Chunks
             where a.DocId is not null && a.DocId == b.DocId && a.Id < b.Id
             orderby a.Id, b.Id
             select Row(a.Id, b.Id, a.Emb is null || b.Emb is null ? null : L2(m.AsStored(a.Emb), m.AsStored(b.Emb)))).ToList(),
            tolerance));

        // Vector functions and operators on every row.
        list.Add(new ModelQuery(
            "SELECT id, l2_normalize(emb) AS u, vector_norm(emb) AS n, emb - emb AS z, emb * emb AS sq, vector_dims(emb) AS k, subvector(emb, 2, 9) AS tail FROM chunks ORDER BY id",
            [],
            m.Chunks.OrderBy(c => c.Id).Select(c =>
            {
                if (c.Emb is null)
                    return Row(c.Id, null, null, null, null, null, null);
                var v = m.AsStored(c.Emb);
                double norm = Math.Sqrt(v.Sum(x => (double)x * x));
                return Row(c.Id, v.Select(x => norm > 0 ? (float)(x / norm) : 0f).ToArray(), norm, v.Select(_ => 0f).ToArray(),
                    v.Select(x => x * x).ToArray(), (long)v.Length, v.Skip(1).ToArray());
            }).ToList(),
            tolerance));

        // avg and sum of vectors per group.
        list.Add(new ModelQuery(
            "SELECT doc_id, avg(emb) AS mean, sum(emb) AS total FROM chunks WHERE doc_id IS NOT NULL GROUP BY doc_id ORDER BY doc_id",
            [],
            m.Chunks.Where(c => c.DocId is not null).GroupBy(c => c.DocId!.Value).OrderBy(g => g.Key).Select(g =>
            {
                var vectors = g.Where(c => c.Emb is not null).Select(c => m.AsStored(c.Emb!)).ToList();
                if (vectors.Count == 0)
                    return Row(g.Key, null, null);
                var mean = new float[m.Dimensions];
                var total = new float[m.Dimensions];
                for (int i = 0; i < m.Dimensions; i++)
                {
                    mean[i] = (float)(vectors.Sum(v => (double)v[i]) / vectors.Count);
                    total[i] = vectors.Aggregate(0f, (s, v) => s + v[i]);
                }
                return Row(g.Key, mean, total);
            }).ToList(),
            tolerance * 10));

        // Three tables, counted distinctly per tag.
        list.Add(new ModelQuery(
            "SELECT t.label, count(DISTINCT c.id) AS chunks, count(DISTINCT d.id) AS docs FROM tags t JOIN docs d ON d.id = t.doc_id JOIN chunks c ON c.doc_id = d.id GROUP BY t.label ORDER BY t.label",
            [],
            (from t in m.Tags
             join d in m.Docs on t.DocId equals d.Id
             join c in m.Chunks on (long?)d.Id equals c.DocId
             group (Chunk: c.Id, Doc: d.Id) by t.Label into g
             orderby g.Key
             select Row(g.Key, (long)g.Select(x => x.Chunk).Distinct().Count(), (long)g.Select(x => x.Doc).Distinct().Count())).ToList()));

        // USING makes doc_id one column.
        list.Add(new ModelQuery(
            "SELECT doc_id, count(*) AS n FROM chunks JOIN tags USING (doc_id) GROUP BY doc_id ORDER BY doc_id",
            [],
            (from c in m.Chunks
             join t in m.Tags on c.DocId equals (long?)t.DocId
             group c by c.DocId!.Value into g
             orderby g.Key
             select Row(g.Key, (long)g.Count())).ToList()));

        // CASE and CAST.
        list.Add(new ModelQuery(
            "SELECT id, CASE WHEN emb IS NULL THEN 'none' WHEN pos > @m THEN 'late' ELSE 'early' END AS k, CAST(pos AS REAL) / 2 AS h FROM chunks ORDER BY id",
            [("m", late)],
            m.Chunks.OrderBy(c => c.Id).Select(c => Row(c.Id, c.Emb is null ? "none" : c.Pos > late ? "late" : "early", c.Pos / 2.0)).ToList()));
        return list;
    }

    private static double L2(float[] a, float[] b) => DistanceKernels.Distance(Metric.L2, a, b);

    private static object?[] Row(params object?[] values) => values;
}
