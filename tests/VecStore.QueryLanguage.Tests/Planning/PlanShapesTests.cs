using Dapper;
using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Planning.PlainDistances;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// The plan shapes besides a plain nearest-neighbour search, against a model computed in the test:
/// ORDER BY a scalar with LIMIT (with and without a scalar index), count(*) with filters and
/// ranges, a table with two vector columns each with its own index, and OFFSET past the first page.
/// </summary>
public sealed class PlanShapesTests
{
    private const int Rows = 1500;

    /// <summary>A row: a = VECTOR(8) l2, b = VECTOR(5) cosine, either may be NULL; price is distinct.</summary>
    private sealed record Row(long Id, long Cat, double Price, float[]? A, float[]? B);

    private static VecStoreConnection Open(TempDirectory dir)
    {
        var connection = new VecStoreConnection($"Data Source={dir.File("shapes.vdb")}");
        connection.Open();
        return connection;
    }

    private static List<Row> Fill(VecStoreConnection connection, params string[] indexes)
    {
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, price REAL, a VECTOR(8), b VECTOR(5) METRIC cosine)");
        var random = new Random(11);
        var rows = new List<Row>(Rows);
        using (var transaction = connection.BeginTransaction())
        {
            for (long id = 1; id <= Rows; id++)
            {
                float[]? a = random.Next(25) == 0 ? null : Vector(random, 8);
                float[]? b = random.Next(25) == 0 ? null : Vector(random, 5);
                var row = new Row(id, random.Next(10), id * 0.6180339887 % 1, a, b);
                rows.Add(row);
                connection.Execute("INSERT INTO t VALUES (@Id, @Cat, @Price, @A, @B)", row, transaction);
            }
            transaction.Commit();
        }
        foreach (var index in indexes)
            connection.Execute(index);
        return rows;
    }

    private static float[] Vector(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (int i = 0; i < v.Length; i++)
            v[i] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }

    private const string HnswOnA = "CREATE INDEX t_a ON t USING HNSW (a)";
    private const string IvfOnB = "CREATE INDEX t_b ON t USING IVF (b) WITH (lists = 16, nprobe = 4)";
    private const string PriceIndex = "CREATE INDEX t_price ON t (price)";
    private const string CatIndex = "CREATE INDEX t_cat ON t (cat)";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Order_by_a_scalar_with_a_limit_returns_the_models_rows(bool scalarIndex)
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, scalarIndex ? [PriceIndex, CatIndex] : []);
        var q = new float[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f };

        Assert.Equal(rows.OrderBy(r => r.Price).Take(12).Select(r => r.Id), connection.Query<long>("SELECT id FROM t ORDER BY price LIMIT 12"));
        Assert.Equal(rows.OrderByDescending(r => r.Price).Skip(4).Take(12).Select(r => r.Id), connection.Query<long>("SELECT id FROM t ORDER BY price DESC LIMIT 12 OFFSET 4"));
        Assert.Equal(rows.Where(r => r.Cat == 3).OrderBy(r => r.Price).Take(7).Select(r => r.Id), connection.Query<long>("SELECT id FROM t WHERE cat = 3 ORDER BY price LIMIT 7"));
        Assert.Equal(rows.OrderBy(r => r.Cat).ThenByDescending(r => r.Price).Take(30).Select(r => r.Id), connection.Query<long>("SELECT id FROM t ORDER BY cat, price DESC LIMIT 30"));

        // A distance selected beside a scalar order is computed for the rows SQLite returns.
        var withDistance = connection.Query<(long Id, double? D)>("SELECT id, a <-> @q FROM t WHERE price < 0.5 ORDER BY price LIMIT 20", new { q }).ToList();
        var expected = rows.Where(r => r.Price < 0.5).OrderBy(r => r.Price).Take(20).ToList();
        Assert.Equal(expected.Select(r => r.Id), withDistance.Select(x => x.Id));
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected[i].A is null)
                Assert.Null(withDistance[i].D);
            else
                Assert.Equal(L2(q, expected[i].A!), withDistance[i].D!.Value, 1e-5);
        }

        Assert.Equal(
        [
            "SCAN t (SQLite)",
            "  order (SQLite): price DESC",
            "  rows: limit 5",
            "  filter (SQLite): cat = 3",
            "  why: ORDER BY has no distance: SQLite sorts",
        ], connection.Query<string>("EXPLAIN SELECT id FROM t WHERE cat = 3 ORDER BY price DESC LIMIT 5").SkipLast(1));
        Assert.Matches(@"^estimated filter: about \d+ of \d+ rows pass \(\d+ of \d+ sampled rows, sampled while planning; ANALYZE keeps a sample\)$",
            connection.Query<string>("EXPLAIN SELECT id FROM t WHERE cat = 3 ORDER BY price DESC LIMIT 5").Last());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Count_with_filters_and_ranges_counts_the_models_rows(bool scalarIndex)
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, scalarIndex ? [PriceIndex, CatIndex, HnswOnA, IvfOnB] : []);
        var qa = rows[0].A!;
        var qb = rows[1].B!;
        var args = new { qa, qb };
        long Count(string where) => connection.ExecuteScalar<long>("SELECT count(*) FROM t WHERE " + where, args);

        Assert.Equal(rows.Count(r => r.Cat == 3), Count("cat = 3"));
        Assert.Equal(rows.Count(r => r.Cat == 3 && r.Price < 0.5), Count("cat = 3 AND price < 0.5"));
        Assert.Equal(rows.Count(r => r.A is null), Count("a IS NULL"));
        Assert.Equal(rows.Count(r => (r.Cat == 1 || r.Cat == 2) && r.A is not null && L2(qa, r.A) < 2.1), Count("cat IN (1, 2) AND distance(a, @qa) < 2.1"));
        Assert.Equal(rows.Count(r => r.Price >= 0.2 && r.Price <= 0.4 && r.B is not null && Cosine(qb, r.B) <= 0.75), Count("price BETWEEN 0.2 AND 0.4 AND b <=> @qb <= 0.75"));
        Assert.Equal(rows.Count(r => r.Cat == 7 && r.A is not null && r.B is not null && L2(qa, r.A) > 1.9 && Cosine(qb, r.B) < 1),
            Count("cat = 7 AND l2_distance(a, @qa) > 1.9 AND cosine_distance(b, @qb) < 1"));
        Assert.Equal(0, Count("cat = 99 AND distance(a, @qa) < 10"));
    }

    [Fact]
    public void Each_vector_column_is_searched_through_its_own_index()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, HnswOnA, IvfOnB);
        var random = new Random(12);
        double hitsA = 0, hitsB = 0, wanted = 0;
        for (int i = 0; i < 10; i++)
        {
            var qa = Vector(random, 8);
            var qb = Vector(random, 5);
            var truthA = rows.Where(r => r.A is not null).OrderBy(r => L2(qa, r.A!)).Take(10).Select(r => r.Id).ToList();
            var truthB = rows.Where(r => r.B is not null).OrderBy(r => Cosine(qb, r.B!)).Take(10).Select(r => r.Id).ToList();
            var foundA = connection.Query<(long Id, double D)>("SELECT id, distance(a, @qa) FROM t ORDER BY distance(a, @qa) LIMIT 10", new { qa }).ToList();
            var foundB = connection.Query<(long Id, double D)>("SELECT id, distance(b, @qb) FROM t ORDER BY distance(b, @qb) LIMIT 10", new { qb }).ToList();
            Assert.All(foundA, x => Assert.Equal(L2(qa, rows[(int)x.Id - 1].A!), x.D, 1e-5));
            Assert.All(foundB, x => Assert.Equal(Cosine(qb, rows[(int)x.Id - 1].B!), x.D, 1e-5));
            hitsA += foundA.Count(x => truthA.Contains(x.Id));
            hitsB += foundB.Count(x => truthB.Contains(x.Id));
            wanted += 10;

            // cosine on column a is not the metric of its index: an exact scan answers.
            Assert.Equal(rows.Where(r => r.A is not null).OrderBy(r => Cosine(qa, r.A!)).ThenBy(r => r.Id).Take(5).Select(r => r.Id),
                connection.Query<long>("SELECT id FROM t ORDER BY cosine_distance(a, @qa) LIMIT 5", new { qa }));
        }
        Assert.True(hitsA / wanted >= 0.9, $"recall on a: {hitsA / wanted:F3}");
        Assert.True(hitsB / wanted >= 0.9, $"recall on b: {hitsB / wanted:F3}");

        var args = new { qa = new float[8], qb = new float[] { 1, 0, 0, 0, 0 } };
        string First(string sql) => connection.Query<string>("EXPLAIN " + sql, args).First();
        Assert.Equal("VECTOR SEARCH t.a USING index hnsw t_a (approximate)", First("SELECT id FROM t ORDER BY a <-> @qa LIMIT 10"));
        Assert.Equal("VECTOR SEARCH t.b USING index ivf t_b (approximate)", First("SELECT id FROM t ORDER BY b <=> @qb LIMIT 10"));
        // With a filter the cost model chooses; the first line names what it chose.
        string filtered = "SELECT id FROM t WHERE cat = 2 ORDER BY distance(b, @qb) LIMIT 10 WITH (nprobe = 8)";
        var plan = connection.Query<string>("EXPLAIN " + filtered, args).ToList();
        string chosen = plan[^1][(plan[^1].LastIndexOf("chosen: ", StringComparison.Ordinal) + 8)..];
        Assert.Equal(chosen switch
        {
            "index" => "VECTOR SEARCH t.b USING index ivf t_b (approximate)",
            "postfilter" => "VECTOR SEARCH t.b USING postfilter through index ivf t_b (approximate)",
            _ => $"VECTOR SEARCH t.b USING {chosen} (exact)",
        }, plan[0]);
        if (chosen is "prefilter" or "flat")
            Assert.StartsWith("  index: ivf t_b, not searched: ", plan[1], StringComparison.Ordinal);
        Assert.Equal("VECTOR SEARCH t.a USING flat (exact)", First("SELECT id FROM t ORDER BY a <=> @qa LIMIT 10"));
        Assert.Equal("SORT IN MEMORY t", First("SELECT id FROM t ORDER BY a <-> @qa, b <=> @qb LIMIT 10"));
    }

    public static TheoryData<string, string, string> Pagings()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var filter in new[] { "", "WHERE cat < 6" })
        {
            data.Add("", filter, "a <-> @qa");
            data.Add(HnswOnA, filter, "a <-> @qa");
            data.Add(IvfOnB, filter, "b <=> @qb");
            data.Add(PriceIndex, filter, "price DESC");
            data.Add("", filter, "cat, a <-> @qa");
        }
        data.Add(HnswOnA, "WHERE distance(a, @qa) < 2.4", "a <-> @qa");
        data.Add("", "WHERE distance(b, @qb) > 0.6", "price");
        return data;
    }

    /// <remarks>
    /// Five pages of ten stay within the HNSW index's default ef_search (64), so every page walks
    /// the graph as broadly as the single query does; deeper pages of an approximate search widen
    /// the walk and may see rows an earlier, narrower walk missed.
    /// </remarks>
    [Theory]
    [MemberData(nameof(Pagings))]
    public void Pages_with_OFFSET_concatenate_to_one_longer_query(string index, string filter, string order)
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, index.Length == 0 ? [] : [index]);
        var args = new { qa = rows[5].A, qb = rows[6].B };
        const int pages = 5;
        string select = $"SELECT id FROM t {filter} ORDER BY {order}";

        var pieced = new List<long>();
        for (int p = 0; p < pages; p++)
            pieced.AddRange(connection.Query<long>($"{select} LIMIT 10 OFFSET {10 * p}", args));
        var whole = connection.Query<long>($"{select} LIMIT {10 * pages}", args).ToList();

        Assert.Equal(10 * pages, whole.Count);
        if (index.Length > 0 && filter.StartsWith("WHERE cat", StringComparison.Ordinal) && !order.StartsWith("price", StringComparison.Ordinal))
        {
            // A filtered approximate search asks its index for more rows the deeper the page (the
            // planner sizes a post-filter by LIMIT + OFFSET), so pages are as good as one query,
            // not equal to it: each is full, and together they find nearly the same rows.
            Assert.Equal(10 * pages, pieced.Count);
            Assert.True(pieced.Intersect(whole).Count() >= 0.9 * whole.Count, $"pages share {pieced.Intersect(whole).Count()} of {whole.Count} rows with one query");
        }
        else
        {
            Assert.Equal(whole, pieced);
        }
        Assert.Empty(connection.Query<long>($"{select} LIMIT 10 OFFSET {Rows}", args));
        Assert.Empty(connection.Query<long>($"{select} LIMIT 10 OFFSET 1000000", args));
    }

    [Fact]
    public void An_offset_past_the_last_row_returns_nothing_for_every_plan()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, HnswOnA);
        var args = new { qa = rows[0].A, qb = rows[0].B };
        int withA = rows.Count(r => r.A is not null);

        Assert.Single(connection.Query<long>($"SELECT id FROM t ORDER BY a <-> @qa LIMIT 5 OFFSET {Rows - 1} WITH (strategy = 'flat')", args));
        Assert.Empty(connection.Query<long>($"SELECT id FROM t ORDER BY a <-> @qa LIMIT 5 OFFSET {Rows} WITH (strategy = 'flat')", args));
        Assert.Empty(connection.Query<long>($"SELECT id FROM t WHERE a IS NOT NULL ORDER BY a <-> @qa LIMIT 5 OFFSET {withA}", args));
        Assert.Empty(connection.Query<long>($"SELECT id FROM t ORDER BY a <-> @qa, b <=> @qb LIMIT 5 OFFSET {Rows}", args));
        Assert.Empty(connection.Query<long>($"SELECT id FROM t ORDER BY price LIMIT 5 OFFSET {Rows}", args));
        Assert.Empty(connection.Query<long>($"SELECT id FROM t WHERE distance(a, @qa) < 100 ORDER BY a <-> @qa LIMIT 5 OFFSET {withA}", args));
        Assert.Empty(connection.Query<long>("SELECT count(*) FROM t LIMIT 1 OFFSET 1"));
    }

    [Fact]
    public void Explain_names_every_distance_function()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE f (id INTEGER PRIMARY KEY, v VECTOR(2) METRIC l1, w VECTOR(2) METRIC ip, b BIT(4))");
        var lines = connection.Query<string>("EXPLAIN SELECT id, v <+> [1, 1] AS l1, w <#> [1, 1] AS nip, inner_product(w, [1, 1]) AS ip, b <~> '1010' AS h, "
            + "jaccard_distance(b, '1010') AS j, cosine_distance(v, [1, 1]) AS c FROM f ORDER BY v <-> [1, 1] LIMIT 2").ToList();

        Assert.Contains("  order: v <-> [1, 1] ASC (L2 distance, metric l2, nearest first)", lines);
        Assert.Contains("  computed: l1 = L1 distance to the query; nip = negative inner product to the query; ip = inner product to the query; "
            + "h = Hamming distance to the query; j = Jaccard distance to the query; c = cosine distance to the query", lines);
    }
}
