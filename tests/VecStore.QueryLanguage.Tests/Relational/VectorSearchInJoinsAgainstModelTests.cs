using System.Globalization;
using VecStore.Indexes.Distance;
using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Relational.RelationalModel;

namespace VecStore.QueryLanguage.Tests.Relational;

/// <summary>
/// Vector search inside relational SELECTs (joins, LEFT JOIN, joins that multiply rows, IN (SELECT ...)
/// filters, common table expressions, derived tables) on random databases of documents, chunks and
/// tags, each answer checked against a brute-force ranking computed in C#: the planner must make each
/// a vector search (EXPLAIN says VECTOR TOP-K), never return fewer than min(k, qualifying rows), give
/// the exact answer without an index and recall@k of at least 0.95 through one; loaded, after
/// CHECKPOINT and after reopening.
/// </summary>
public sealed class VectorSearchInJoinsAgainstModelTests
{
    private sealed record Doc(long Id, string Cat, double? Price);

    private sealed record Chunk(long Id, long? DocId, float[]? Emb);

    private sealed record Tag(long DocId, string Label);

    /// <summary>A query and every row that qualifies, in the reference order (distance, NULLs last, then the query's further keys); the answer is the first <paramref name="K"/>.</summary>
    private sealed record Case(string Sql, (string, object?)[] Parameters, List<(double? Dist, string Row)> Qualifying, int K);

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Searches_inside_joins_match_a_brute_force_ranking(int seed, bool index)
    {
        var random = new Random(seed);
        int dims = 8;
        var metric = seed % 2 == 0 ? Metric.Cosine : Metric.L2;
        string op = metric == Metric.Cosine ? "<=>" : "<->";
        var docs = new List<Doc>();
        string[] cats = ["news", "blog", "wiki"];
        for (int i = 1; i <= 60; i++)
            docs.Add(new Doc(i, i == 7 ? "solo" : cats[random.Next(cats.Length)], random.Next(8) == 0 ? null : Math.Round(random.NextDouble() * 100, 2)));
        var chunks = new List<Chunk>();
        for (int i = 1; i <= 1100; i++)
        {
            long? doc = random.Next(20) == 0 ? null : random.Next(30) == 0 ? 9_999 : random.Next(1, 61);
            chunks.Add(new Chunk(i, doc, random.Next(10) == 0 ? null : Vector(random, dims)));
        }
        var tags = new List<Tag>();
        foreach (var d in docs)
            foreach (var label in new[] { "red", "green", "blue" })
                if (random.Next(2) == 0)
                    tags.Add(new Tag(d.Id, label));

        using var dir = new TempDirectory();
        string path = dir.File("joins.vdb");
        using (var connection = Open(path))
        {
            Run(connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, cat TEXT NOT NULL, price REAL)");
            Run(connection, $"CREATE TABLE chunks (id INTEGER PRIMARY KEY, doc_id INTEGER, emb VECTOR({dims}){(metric == Metric.Cosine ? " METRIC cosine" : "")})");
            Run(connection, "CREATE TABLE tags (doc_id INTEGER NOT NULL, label TEXT NOT NULL)");
            using (var transaction = connection.BeginTransaction())
            {
                foreach (var d in docs)
                    Run(connection, "INSERT INTO docs VALUES (@id, @cat, @price)", ("id", d.Id), ("cat", d.Cat), ("price", d.Price));
                foreach (var c in chunks)
                    Run(connection, "INSERT INTO chunks VALUES (@id, @doc, @emb)", ("id", c.Id), ("doc", c.DocId), ("emb", c.Emb));
                foreach (var t in tags)
                    Run(connection, "INSERT INTO tags VALUES (@doc, @label)", ("doc", t.DocId), ("label", t.Label));
                transaction.Commit();
            }
            if (index)
                Run(connection, "CREATE INDEX chunks_emb ON chunks USING HNSW (emb)");
            var cases = new List<Case>();
            for (int i = 0; i < 4; i++)
                cases.AddRange(Cases(random, docs, chunks, tags, metric, op, dims));
            foreach (var c in cases)
                Assert.Contains(Rows(connection, "EXPLAIN " + c.Sql, c.Parameters), r => ((string)r[0]!).TrimStart().StartsWith("VECTOR TOP-K", StringComparison.Ordinal));
            Check(connection, cases, index, $"seed {seed}, loaded");
            Run(connection, "CHECKPOINT");
            Check(connection, cases, index, $"seed {seed}, after checkpoint");
            using var reopened = Open(path);
            Check(reopened, cases, index, $"seed {seed}, after reopen");
        }
    }

    private static List<Case> Cases(Random random, List<Doc> docs, List<Chunk> chunks, List<Tag> tags, Metric metric, string op, int dims)
    {
        var q = Vector(random, dims);
        int k = random.Next(1, 16);
        double? Dist(Chunk c) => c.Emb is null ? null : DistanceKernels.Distance(metric, q, c.Emb);
        var docById = docs.ToDictionary(d => d.Id);
        Doc? DocOf(Chunk c) => c.DocId is long id && docById.TryGetValue(id, out var d) ? d : null;
        string Num(double? d) => d?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL";
        List<(double? Dist, string Row)> Ranked(IEnumerable<(double? Dist, string Row)> rows) =>
            rows.OrderBy(r => r.Dist is null).ThenBy(r => r.Dist ?? 0).ThenBy(r => r.Row, StringComparer.Ordinal).ToList();
        // A filter on the other table passing no document, one, a third, or every one.
        string cat = new[] { "none", "solo", "news", "%" }[random.Next(4)];
        bool CatPasses(Doc d) => cat == "%" || d.Cat == cat;
        double price = Math.Round(random.NextDouble() * 100, 2);
        var list = new List<Case>
        {
            new($"SELECT c.id, d.cat, c.emb {op} @q AS dist FROM chunks c JOIN docs d ON d.id = c.doc_id WHERE d.cat LIKE @cat ORDER BY dist LIMIT @k",
                [("q", q), ("cat", cat), ("k", (long)k)],
                Ranked(chunks.Where(c => DocOf(c) is { } d && CatPasses(d)).Select(c => (Dist(c), $"{c.Id}|{DocOf(c)!.Cat}|{Num(Dist(c))}"))), k),
            new($"SELECT c.id, d.cat FROM chunks c LEFT JOIN docs d ON d.id = c.doc_id ORDER BY c.emb {op} @q LIMIT @k",
                [("q", q), ("k", (long)k)],
                Ranked(chunks.Select(c => (Dist(c), $"{c.Id}|{DocOf(c)?.Cat ?? "NULL"}"))), k),
            // A join that gives each chunk one row per tag of its document; the label orders rows at one distance.
            new($"SELECT c.id, t.label FROM chunks c JOIN tags t ON t.doc_id = c.doc_id ORDER BY c.emb {op} @q, t.label LIMIT @k",
                [("q", q), ("k", (long)k)],
                chunks.SelectMany(c => tags.Where(t => t.DocId == c.DocId).Select(t => (Dist: Dist(c), Label: t.Label, c.Id)))
                    .OrderBy(r => r.Dist is null).ThenBy(r => r.Dist ?? 0).ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Id)
                    .Select(r => (r.Dist, $"{r.Id}|{r.Label}")).ToList(), k),
            // Two conditions between the tables: the search's filter is a correlated EXISTS.
            new($"SELECT c.id FROM chunks c JOIN docs d ON d.id = c.doc_id WHERE d.price > c.id / 20.0 ORDER BY c.emb {op} @q LIMIT @k",
                [("q", q), ("k", (long)k)],
                Ranked(chunks.Where(c => DocOf(c) is { Price: { } p } && p > c.Id / 20.0).Select(c => (Dist(c), $"{c.Id}"))), k),
            new($"SELECT c.id FROM chunks c WHERE c.doc_id IN (SELECT id FROM docs WHERE price < @p) ORDER BY c.emb {op} @q LIMIT @k",
                [("q", q), ("p", price), ("k", (long)k)],
                Ranked(chunks.Where(c => DocOf(c) is { Price: < double.MaxValue } d && d.Price < price).Select(c => (Dist(c), $"{c.Id}"))), k),
            new($"WITH near AS (SELECT c.id AS id, d.cat AS cat, c.emb {op} @q AS dist FROM chunks c JOIN docs d ON d.id = c.doc_id WHERE d.price < @p ORDER BY dist LIMIT @k) "
                + "SELECT n.id, n.cat, n.dist FROM near n ORDER BY n.dist",
                [("q", q), ("p", price), ("k", (long)k)],
                Ranked(chunks.Where(c => DocOf(c) is { } d && d.Price < price).Select(c => (Dist(c), $"{c.Id}|{DocOf(c)!.Cat}|{Num(Dist(c))}"))), k),
            new($"SELECT x.id, x.label FROM (SELECT c.id AS id, t.label AS label, c.emb {op} @q AS dist FROM chunks c JOIN docs d ON d.id = c.doc_id "
                + "JOIN tags t ON t.doc_id = d.id WHERE d.cat LIKE @cat AND t.label <> 'red' ORDER BY dist, t.label LIMIT @k) AS x ORDER BY x.dist, x.label",
                [("q", q), ("cat", cat), ("k", (long)k)],
                chunks.Where(c => DocOf(c) is { } d && CatPasses(d)).SelectMany(c => tags.Where(t => t.DocId == c.DocId && t.Label != "red").Select(t => (Dist: Dist(c), t.Label, c.Id)))
                    .OrderBy(r => r.Dist is null).ThenBy(r => r.Dist ?? 0).ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Id)
                    .Select(r => (r.Dist, $"{r.Id}|{r.Label}")).ToList(), k),
        };
        return list;
    }

    private static void Check(VecStoreConnection connection, List<Case> cases, bool index, string phase)
    {
        int found = 0, wanted = 0;
        foreach (var c in cases)
        {
            var actual = Rows(connection, c.Sql, c.Parameters).ConvertAll(r => string.Join("|", r.Select(Text)));
            var expected = c.Qualifying.Take(c.K).Select(r => r.Row).ToList();
            string context = $"{phase}: {c.Sql} (k = {c.K}, {c.Qualifying.Count} qualifying)\nexpected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", actual)}";
            // Never short, whatever ranked the rows.
            Assert.True(actual.Count == Math.Min(c.K, c.Qualifying.Count), "row count: " + context);
            if (!index)
            {
                Assert.True(expected.SequenceEqual(actual), "exact answer: " + context);
                continue;
            }
            // Through an index: every row qualifies, rows come nearest first, and most of the nearest are found.
            var distance = c.Qualifying.GroupBy(r => r.Row).ToDictionary(g => g.Key, g => g.First().Dist);
            double last = double.NegativeInfinity;
            foreach (var row in actual)
            {
                Assert.True(distance.TryGetValue(row, out var d), "a row that does not qualify: " + row + "\n" + context);
                double value = d ?? double.PositiveInfinity;
                Assert.True(value >= last - 1e-6, "out of order at " + row + "\n" + context);
                last = value;
            }
            found += expected.Intersect(actual).Count();
            wanted += expected.Count;
        }
        if (index && wanted > 0)
            Assert.True(found >= 0.95 * wanted, $"{phase}: recall {found} of {wanted}");
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static float[] Vector(Random random, int dims)
    {
        var v = new float[dims];
        for (int i = 0; i < dims; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }
}
