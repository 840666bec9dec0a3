using Dapper;
using VecStore.TestSupport;
using static VecStore.QueryLanguage.Tests.Planning.PlainDistances;

namespace VecStore.QueryLanguage.Tests.Planning;

/// <summary>
/// Range searches (a distance compared with a number in WHERE) against brute force computed in the
/// test with plain loops: l2, cosine and inner product, with and without scalar filters, unordered,
/// ordered by the distance (with HNSW and IVF indexes and without) or by a scalar, counted, with
/// NULL vectors, with both operand orders and with parameters for the radius.
/// </summary>
public sealed class RangeSearchTests
{
    private const int Dimensions = 8;
    private const int Rows = 600;

    private sealed record Row(long Id, long Cat, float[]? V);

    /// <summary>A distance as the query writes it, and how the test computes its value.</summary>
    /// <param name="NearestFirstDescending">True when larger values are nearer (inner_product), so nearest first is DESC.</param>
    private sealed record Function(string Sql, Func<float[], float[], double> Value, bool NearestFirstDescending = false);

    private static Function[] FunctionsOf(string metric) => metric switch
    {
        "l2" => [new("l2_distance(v, @q)", L2), new("v <-> @q", L2), new("distance(v, @q)", L2)],
        "cosine" => [new("cosine_distance(v, @q)", Cosine), new("distance(v, @q)", Cosine)],
        _ => [new("inner_product(v, @q)", Dot, NearestFirstDescending: true), new("distance(v, @q)", (a, b) => -Dot(a, b)), new("v <#> @q", (a, b) => -Dot(a, b))],
    };

    private static string IndexSql(string index) => index switch
    {
        "hnsw" => "CREATE INDEX t_v ON t USING HNSW (v)",
        "ivf" => "CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 8, nprobe = 4)",
        _ => "",
    };

    /// <summary>Rows with random vectors around a few centres (so ranges hold clusters), cat = id % 10, and about one vector in twenty NULL.</summary>
    private static List<Row> Fill(VecStoreConnection connection, string metric, int seed, string indexSql = "")
    {
        connection.Execute($"CREATE TABLE t (id INTEGER PRIMARY KEY, cat INTEGER, v VECTOR({Dimensions}) METRIC {metric})");
        var random = new Random(seed);
        var centres = new float[6][];
        for (int c = 0; c < centres.Length; c++)
            centres[c] = RandomVector(random, 1);
        var rows = new List<Row>(Rows);
        using (var transaction = connection.BeginTransaction())
        {
            for (long id = 1; id <= Rows; id++)
            {
                var centre = centres[random.Next(centres.Length)];
                float[]? v = random.Next(20) == 0 ? null : centre.Select(x => x + (float)(random.NextDouble() - 0.5) * 0.6f).ToArray();
                var row = new Row(id, id % 10, v);
                rows.Add(row);
                connection.Execute("INSERT INTO t VALUES (@Id, @Cat, @V)", row, transaction);
            }
            transaction.Commit();
        }
        if (indexSql.Length > 0)
            connection.Execute(indexSql);
        return rows;
    }

    private static VecStoreConnection Open(TempDirectory dir)
    {
        var connection = new VecStoreConnection($"Data Source={dir.File("range.vdb")}");
        connection.Open();
        return connection;
    }

    private static float[] RandomVector(Random random, double scale)
    {
        var v = new float[Dimensions];
        for (int i = 0; i < v.Length; i++)
            v[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return v;
    }

    /// <summary>A limit halfway between two neighbouring distances, so that float rounding cannot move a row across it.</summary>
    private static double Between(Random random, List<double> sorted)
    {
        for (int attempt = 0; ; attempt++)
        {
            int j = random.Next(sorted.Count - 1);
            if (sorted[j + 1] - sorted[j] > 1e-3 || attempt > 100)
                return (sorted[j] + sorted[j + 1]) / 2;
        }
    }

    public static TheoryData<string, string> MetricsAndIndexes()
    {
        var data = new TheoryData<string, string>();
        foreach (var metric in new[] { "l2", "cosine", "ip" })
            foreach (var index in new[] { "none", "hnsw", "ivf" })
                data.Add(metric, index);
        return data;
    }

    [Theory]
    [MemberData(nameof(MetricsAndIndexes))]
    public void Range_search_returns_what_brute_force_returns(string metric, string index)
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        int seed = metric.Length * 100 + index.Length;
        var rows = Fill(connection, metric, seed, IndexSql(index));
        var random = new Random(seed + 1);
        bool exact = index == "none";
        double hits = 0, wanted = 0;

        foreach (var function in FunctionsOf(metric))
        {
            for (int round = 0; round < 4; round++)
            {
                var q = RandomVector(random, 1);
                string f = function.Sql;
                var value = rows.Where(r => r.V is not null).ToDictionary(r => r.Id, r => function.Value(q, r.V!));
                var sorted = value.Values.Order().ToList();
                double a = Between(random, sorted), b = Between(random, sorted);
                double lo = Math.Min(a, b), hi = Math.Max(a, b);
                long c = random.Next(1, 10);
                var args = new { q, lo, hi, c };
                string context = $"{f} with lo {lo}, hi {hi}, cat < {c} ({metric}, {index})";
                List<long> Ids(Func<long, double, bool> within, Func<Row, bool>? filter = null) =>
                    rows.Where(r => value.TryGetValue(r.Id, out var d) && within(r.Id, d) && (filter is null || filter(r))).Select(r => r.Id).ToList();

                // Unordered, both operand orders, BETWEEN, two terms merged into one range, with and without a scalar filter.
                Assert.Equal(Ids((_, d) => d < hi), connection.Query<long>($"SELECT id FROM t WHERE {f} < @hi", args).Order().ToList());
                Assert.Equal(Ids((_, d) => d < hi, r => r.Cat < c), connection.Query<long>($"SELECT id FROM t WHERE @hi > {f} AND cat < @c", args).Order().ToList());
                Assert.Equal(Ids((_, d) => d >= lo), connection.Query<long>($"SELECT id FROM t WHERE @lo <= {f}", args).Order().ToList());
                Assert.Equal(Ids((_, d) => d >= lo && d <= hi), connection.Query<long>($"SELECT id FROM t WHERE {f} BETWEEN @lo AND @hi", args).Order().ToList());
                Assert.Equal(Ids((_, d) => d > lo && d <= hi, r => r.Cat < c), connection.Query<long>($"SELECT id FROM t WHERE cat < @c AND {f} > @lo AND {f} <= @hi", args).Order().ToList());

                // count(*), and ORDER BY a scalar with LIMIT and OFFSET.
                Assert.Equal(Ids((_, d) => d < hi, r => r.Cat < c).Count, connection.ExecuteScalar<long>($"SELECT count(*) FROM t WHERE {f} < @hi AND cat < @c", args));
                Assert.Equal(Ids((_, d) => d > lo).Select(id => rows[(int)id - 1]).OrderByDescending(r => r.Cat).ThenBy(r => r.Id).Skip(3).Take(7).Select(r => r.Id),
                    connection.Query<long>($"SELECT id FROM t WHERE {f} > @lo ORDER BY cat DESC, id LIMIT 7 OFFSET 3", args));

                // Nearest first, cut at the far end (the radius path) or bounded at the near end (the row-id set path).
                string nearest = function.NearestFirstDescending ? "DESC" : "";
                string farEnd = function.NearestFirstDescending ? $"{f} > @lo" : $"{f} < @hi";
                string nearEnd = function.NearestFirstDescending ? $"{f} < @hi" : $"{f} > @lo";
                foreach (var (where, within, filter) in new (string, Func<long, double, bool>, Func<Row, bool>?)[]
                {
                    (farEnd, (_, d) => function.NearestFirstDescending ? d > lo : d < hi, null),
                    (farEnd + " AND cat < @c", (_, d) => function.NearestFirstDescending ? d > lo : d < hi, r => r.Cat < c),
                    (nearEnd, (_, d) => function.NearestFirstDescending ? d < hi : d > lo, null),
                })
                {
                    const int k = 10;
                    var truth = Ids(within, filter).OrderBy(id => function.NearestFirstDescending ? -value[id] : value[id]).ThenBy(id => id).Take(k).ToList();
                    var found = connection.Query<(long Id, double D)>($"SELECT id, {f} FROM t WHERE {where} ORDER BY {f} {nearest} LIMIT {k}", args).ToList();
                    Assert.True(found.Count <= truth.Count, context);
                    foreach (var (id, d) in found)
                    {
                        Assert.True(within(id, d) && (filter is null || filter(rows[(int)id - 1])), $"row {id} at {d} fails {where}: {context}");
                        Assert.Equal(value[id], d, 1e-5);
                    }
                    if (exact)
                        Assert.Equal(truth, found.Select(x => x.Id));
                    hits += found.Count(x => truth.Contains(x.Id));
                    wanted += truth.Count;
                }
            }
        }
        Assert.True(wanted == 0 || hits / wanted >= 0.9, $"recall {hits / wanted:F3} ({metric}, {index})");
    }

    [Theory]
    [InlineData("l2", "distance(v, @q)", "")]
    [InlineData("cosine", "cosine_distance(v, @q)", "CREATE INDEX t_v ON t USING HNSW (v)")]
    [InlineData("ip", "inner_product(v, @q)", "")]
    [InlineData("ip", "v <#> @q", "CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 8, nprobe = 8)")]
    public void A_limit_equal_to_a_printed_distance_is_inclusive_or_exclusive_exactly(string metric, string f, string indexSql)
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, metric, seed: 31, indexSql);
        var q = RandomVector(new Random(32), 1);
        var printed = connection.Query<(long Id, double D)>($"SELECT id, {f} FROM t WHERE v IS NOT NULL", new { q }).ToList();
        foreach (var (id, d) in printed.Where((_, i) => i % 53 == 0))
        {
            var args = new { q, d };
            Assert.Contains(id, connection.Query<long>($"SELECT id FROM t WHERE {f} <= @d", args));
            Assert.DoesNotContain(id, connection.Query<long>($"SELECT id FROM t WHERE {f} < @d", args));
            Assert.Contains(id, connection.Query<long>($"SELECT id FROM t WHERE {f} >= @d", args));
            Assert.DoesNotContain(id, connection.Query<long>($"SELECT id FROM t WHERE @d < {f}", args));
            Assert.Contains(id, connection.Query<long>($"SELECT id FROM t WHERE {f} BETWEEN @d AND @d", args));

            // Through the radius of a nearest-neighbour search, which compares the ranked distances.
            string order = f.StartsWith("inner_product", StringComparison.Ordinal) ? $"ORDER BY {f} DESC" : $"ORDER BY {f}";
            string farEnd = f.StartsWith("inner_product", StringComparison.Ordinal) ? ">" : "<";
            Assert.Contains(id, connection.Query<long>($"SELECT id FROM t WHERE {f} {farEnd}= @d {order} LIMIT {Rows} WITH (strategy = 'flat')", args));
            Assert.DoesNotContain(id, connection.Query<long>($"SELECT id FROM t WHERE {f} {farEnd} @d {order} LIMIT {Rows}", args));
        }
        Assert.Equal(rows.Count(r => r.V is not null), printed.Count);
    }

    [Fact]
    public void Rows_without_a_vector_never_satisfy_a_range()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, "l2", seed: 41);
        var withVector = rows.Where(r => r.V is not null).Select(r => r.Id).ToList();
        var q = new float[Dimensions];
        var args = new { q, big = 1e30 };

        Assert.Equal(withVector, connection.Query<long>("SELECT id FROM t WHERE distance(v, @q) < @big ORDER BY id", args));
        Assert.Equal(withVector.Count, connection.ExecuteScalar<long>("SELECT count(*) FROM t WHERE distance(v, @q) >= 0", args));
        // Descending order puts rows without a vector first, unless a range asks for a distance.
        Assert.Null(connection.Query<double?>($"SELECT distance(v, @q) FROM t ORDER BY distance(v, @q) DESC LIMIT 1", args).Single());
        Assert.Equal(withVector.Count, connection.Query<double?>($"SELECT distance(v, @q) FROM t WHERE distance(v, @q) > -1 ORDER BY distance(v, @q) DESC LIMIT {Rows}", args).Count(d => d is not null));
        Assert.DoesNotContain(null, connection.Query<double?>($"SELECT distance(v, @q) FROM t WHERE distance(v, @q) < @big ORDER BY distance(v, @q) LIMIT {Rows}", args));
        Assert.DoesNotContain(null, connection.Query<double?>($"SELECT distance(v, @q) FROM t WHERE distance(v, @q) > -1 ORDER BY distance(v, @q) DESC, id LIMIT {Rows}", args));
    }

    [Fact]
    public void A_range_that_nothing_satisfies_returns_no_rows()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        Fill(connection, "l2", seed: 51, "CREATE INDEX t_v ON t USING HNSW (v)");
        var q = new float[Dimensions];

        Assert.Empty(connection.Query<long>("SELECT id FROM t WHERE distance(v, @q) < 0", new { q }));
        Assert.Empty(connection.Query<long>("SELECT id FROM t WHERE distance(v, @q) < -1 ORDER BY distance(v, @q) LIMIT 5", new { q }));
        Assert.Empty(connection.Query<long>("SELECT id FROM t WHERE distance(v, @q) BETWEEN 2 AND 1 ORDER BY id", new { q }));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM t WHERE distance(v, @q) < 100 AND distance(v, @q) > 100", new { q }));
        // NULL, as a literal or a parameter: no comparison with NULL is true.
        Assert.Empty(connection.Query<long>("SELECT id FROM t WHERE distance(v, @q) < NULL", new { q }));
        Assert.Empty(connection.Query<long>("SELECT id FROM t WHERE distance(v, @q) < @r ORDER BY distance(v, @q) LIMIT 5", new { q, r = (double?)null }));
        // An empty table.
        connection.Execute("CREATE TABLE empty (id INTEGER PRIMARY KEY, v VECTOR(2))");
        Assert.Empty(connection.Query<long>("SELECT id FROM empty WHERE distance(v, [0, 0]) < 1"));
    }

    [Fact]
    public void The_radius_can_be_a_literal_or_a_parameter_of_any_numeric_type()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, "ip", seed: 61);
        var q = RandomVector(new Random(62), 1);
        var expected = rows.Where(r => r.V is not null && Dot(q, r.V) > -0.5).Select(r => r.Id).ToList();
        List<long> Ids(string sql, object args) => connection.Query<long>(sql, args).Order().ToList();

        Assert.Equal(expected, Ids("SELECT id FROM t WHERE inner_product(v, @q) > -0.5", new { q }));
        Assert.Equal(expected, Ids("SELECT id FROM t WHERE -0.5 < inner_product(v, @q)", new { q }));
        Assert.Equal(expected, Ids("SELECT id FROM t WHERE v <#> @q < 0.5", new { q }));
        Assert.Equal(expected, Ids("SELECT id FROM t WHERE inner_product(v, @q) > @r", new { q, r = -0.5f }));
        Assert.Equal(expected, Ids("SELECT id FROM t WHERE inner_product(v, @q) > @r", new { q, r = -0.5m }));
        Assert.Equal(rows.Where(r => r.V is not null && Dot(q, r.V) > -1).Select(r => r.Id), Ids("SELECT id FROM t WHERE inner_product(v, @r) > @one", new { r = q, one = -1 }));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM t WHERE inner_product(v, ?) < ?";
        command.Parameters.Add(new VecStoreParameter { Value = q });
        command.Parameters.Add(new VecStoreParameter { Value = 1L });
        var positional = new List<long>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                positional.Add(reader.GetInt64(0));
        Assert.Equal(rows.Where(r => r.V is not null && Dot(q, r.V) < 1).Select(r => r.Id), positional.Order());
    }

    [Fact]
    public void Ranges_on_two_vector_columns_keep_the_rows_within_both()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        connection.Execute("CREATE TABLE two (id INTEGER PRIMARY KEY, a VECTOR(3), b VECTOR(5) METRIC cosine)");
        var random = new Random(71);
        var rows = new List<(long Id, float[]? A, float[]? B)>();
        for (long id = 1; id <= 300; id++)
        {
            float[]? a = random.Next(10) == 0 ? null : [(float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble()];
            float[]? b = random.Next(10) == 0 ? null : Enumerable.Range(0, 5).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            rows.Add((id, a, b));
            connection.Execute("INSERT INTO two VALUES (@id, @a, @b)", new { id, a, b });
        }
        connection.Execute("CREATE INDEX two_b ON two USING HNSW (b)");
        float[] qa = [0.5f, 0.5f, 0.5f], qb = [0.1f, -0.2f, 0.3f, 0.1f, 0.2f];
        var expected = rows.Where(r => r.A is not null && r.B is not null && L2(qa, r.A) < 0.45 && Cosine(qb, r.B) <= 0.9).Select(r => r.Id).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, connection.Query<long>("SELECT id FROM two WHERE distance(a, @qa) < 0.45 AND cosine_distance(b, @qb) <= 0.9 ORDER BY id", new { qa, qb }));
        Assert.Equal(expected.OrderBy(id => Cosine(qb, rows[(int)id - 1].B!)).Take(5),
            connection.Query<long>("SELECT id FROM two WHERE distance(a, @qa) < 0.45 AND cosine_distance(b, @qb) <= 0.9 ORDER BY b <=> @qb LIMIT 5 WITH (strategy = 'flat')", new { qa, qb }));
    }

    [Fact]
    public void Update_and_delete_act_on_the_rows_within_a_range()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, "l2", seed: 81);
        var q = rows.First(r => r.V is not null).V!;
        var near = rows.Where(r => r.V is not null && L2(q, r.V) < 1.0).ToList();
        Assert.NotEmpty(near);

        Assert.Equal(near.Count(r => r.Cat < 5), connection.Execute("UPDATE t SET cat = 100 WHERE distance(v, @q) < 1.0 AND cat < 5", new { q }));
        Assert.Equal(near.Where(r => r.Cat < 5).Select(r => r.Id), connection.Query<long>("SELECT id FROM t WHERE cat = 100 ORDER BY id"));
        Assert.Equal(near.Count, connection.Execute("DELETE FROM t WHERE 1.0 > distance(v, @q)", new { q }));
        Assert.Equal(Rows - near.Count, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM t WHERE distance(v, @q) < 1.0", new { q }));
    }

    [Fact]
    public void Explain_shows_the_radius_of_an_index_search_and_the_scan_of_other_ranges()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        Fill(connection, "l2", seed: 91, "CREATE INDEX t_v ON t USING HNSW (v)");
        var q = new float[Dimensions];
        List<string> Explain(string sql) => connection.Query<string>("EXPLAIN " + sql, new { q }).ToList();

        Assert.Equal(
        [
            "VECTOR SEARCH t.v USING index hnsw t_v (approximate)",
            "  index: m = 16, ef_construction = 200, ef_search = 64 (the index's default)",
            "  order: distance(v, @q) ASC (L2 distance, metric l2, nearest first)",
            "  rows: limit 5",
            "  radius: distance(v, @q) < 0.8 (the ranked rows stop there; rows without a vector are left out)",
            "  filter: none",
            "  then: fetch the winners' columns by row id",
            "  why: ORDER BY a distance with a LIMIT, and the column has the HNSW index t_v of the same metric: index, an approximate search; distance(v, @q) < 0.8 bounds the distance it orders by, so the ranked rows are cut there",
        ], Explain("SELECT id FROM t WHERE distance(v, @q) < 0.8 ORDER BY distance(v, @q) LIMIT 5"));

        // A bound at the near end is not a radius: the rows within are found first and filter the search.
        var nearEnd = Explain("SELECT id FROM t WHERE cat = 3 AND 0.2 <= distance(v, @q) ORDER BY distance(v, @q) LIMIT 5");
        Assert.Contains("  range: 0.2 <= distance(v, @q) (an exact scan of t.v finds the rows within, before SQLite filters)", nearEnd);
        Assert.Contains("  filter (SQLite, before ranking): cat = 3 AND rowid IN (the rows within the range)", nearEnd);
        Assert.DoesNotContain(nearEnd, line => line.StartsWith("  radius:", StringComparison.Ordinal));

        // count(*) and a scalar order keep their plans, with the range scan before them.
        Assert.Equal(
        [
            "COUNT t (SQLite)",
            "  range: distance(v, @q) BETWEEN 0.5 AND 0.9 (an exact scan of t.v finds the rows within, before SQLite filters)",
            "  filter (SQLite): rowid IN (the rows within the range)",
            "  why: no ORDER BY distance: SQLite reads the rows",
        ], Explain("SELECT count(*) FROM t WHERE distance(v, @q) BETWEEN 0.5 AND 0.9"));
        Assert.Contains("  range: distance(v, @q) > 0.5 AND distance(v, @q) < 0.9 (an exact scan of t.v finds the rows within, before SQLite filters)",
            Explain("SELECT id FROM t WHERE distance(v, @q) > 0.5 AND (cat = 1 OR cat = 2) AND distance(v, @q) < 0.9 ORDER BY cat LIMIT 3"));
        Assert.Contains("  filter (SQLite): (cat = 1 OR cat = 2) AND rowid IN (the rows within the range)",
            Explain("SELECT id FROM t WHERE distance(v, @q) > 0.5 AND (cat = 1 OR cat = 2) AND distance(v, @q) < 0.9 ORDER BY cat LIMIT 3"));
    }

    [Fact]
    public void Explain_analyze_reports_the_range_scan_and_the_rows_the_radius_kept()
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        var rows = Fill(connection, "l2", seed: 92);
        var q = new float[Dimensions];
        int within = rows.Count(r => r.V is not null && L2(q, r.V) > 1.2);
        List<string> Analyze(string sql) => connection.Query<string>("EXPLAIN ANALYZE " + sql, new { q })
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"\d+\.\d{3} ms", "# ms")).ToList();

        Assert.Contains($"actual range: {within} rows within distance(v, @q) > 1.2, by an exact scan of {Rows - rows.Count(r => r.V is null)} slots in # ms",
            Analyze("SELECT id FROM t WHERE distance(v, @q) > 1.2 ORDER BY id"));
        Assert.Contains("actual ranking: flat: a scan of every vector (" + (Rows - rows.Count(r => r.V is null)) + " slots); 4 of the 4 ranked rows lie within distance(v, @q) < 9",
            Analyze("SELECT id FROM t WHERE distance(v, @q) < 9 ORDER BY distance(v, @q) LIMIT 4"));
    }

    [Theory]
    [InlineData("VECTOR(16) HALF METRIC l2", "distance(v, @q)")]
    [InlineData("VECTOR(16) HALF METRIC cosine", "cosine_distance(v, @q)")]
    [InlineData("VECTOR(16) HALF METRIC ip", "inner_product(v, @q)")]
    [InlineData("BIT(16)", "hamming_distance(v, @q)")]
    [InlineData("BIT(16) METRIC jaccard", "v <%> @q")]
    [InlineData("VECTOR(16) METRIC l1", "l1_distance(v, @q)")]
    public void Half_bit_and_l1_columns_compare_the_distance_select_prints(string type, string f)
    {
        using var dir = new TempDirectory();
        using var connection = Open(dir);
        connection.Execute($"CREATE TABLE h (id INTEGER PRIMARY KEY, v {type})");
        var random = new Random(type.Length);
        bool bits = type.StartsWith("BIT", StringComparison.Ordinal);
        float[] Draw() => Enumerable.Range(0, 16).Select(_ => bits ? random.Next(2) : (float)(random.NextDouble() * 2 - 1)).ToArray();
        using (var transaction = connection.BeginTransaction())
        {
            for (long id = 1; id <= 300; id++)
            {
                var v = Draw();
                connection.Execute("INSERT INTO h VALUES (@id, @v)", new { id, v = bits ? (object)v.Select(x => x == 1).ToArray() : v }, transaction);
            }
            transaction.Commit();
        }
        var q = Draw();
        object query = bits ? q.Select(x => x == 1).ToArray() : q;
        var printed = connection.Query<(long Id, double D)>($"SELECT id, {f} FROM h", new { q = query }).ToList();
        var ranked = connection.Query<(long Id, double D)>($"SELECT id, {f} FROM h ORDER BY {f} LIMIT 300", new { q = query }).ToDictionary(x => x.Id, x => x.D);
        foreach (var (id, d) in printed.Where((_, i) => i % 37 == 0))
        {
            Assert.Equal(d, ranked[id]);
            var within = connection.Query<long>($"SELECT id FROM h WHERE {f} <= @d", new { q = query, d }).ToList();
            Assert.Contains(id, within);
            Assert.Equal(printed.Where(p => p.D <= d).Select(p => p.Id).Order(), within.Order());
            Assert.DoesNotContain(id, connection.Query<long>($"SELECT id FROM h WHERE {f} < @d", new { q = query, d }));
        }
    }
}
