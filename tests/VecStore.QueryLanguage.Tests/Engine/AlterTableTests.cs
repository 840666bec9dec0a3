using Dapper;
using VecStore.QueryLanguage.Tests.Errors;
using VecStore.QueryLanguage.Tests.Planning;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Engine;

/// <summary>
/// ALTER TABLE ADD COLUMN, DROP COLUMN, RENAME TO and RENAME COLUMN on scalar and vector columns:
/// what existing rows hold afterwards, what is refused (and then changes nothing), indexes on a
/// dropped column, the vector pages a dropped column frees, rollback, reopening and CHECK.
/// </summary>
public sealed class AlterTableTests
{
    [Fact]
    public void Add_column_gives_existing_rows_the_default_and_refuses_what_would_break_them()
    {
        using var connection = Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, v VECTOR(3))");
        connection.Execute("INSERT INTO docs VALUES (1, 'a', [1, 0, 0]), (2, 'b', NULL), (3, 'c', [0, 0, 1])");

        connection.Execute("ALTER TABLE docs ADD COLUMN stock INTEGER NOT NULL DEFAULT 5");
        connection.Execute("ALTER TABLE docs ADD flag BOOLEAN DEFAULT TRUE");
        connection.Execute("ALTER TABLE docs ADD COLUMN note TEXT");
        Assert.Equal([(1L, 5L, true), (2L, 5L, true), (3L, 5L, true)],
            connection.Query<(long, long, bool)>("SELECT id, stock, flag FROM docs ORDER BY id"));
        Assert.All(connection.Query<string?>("SELECT note FROM docs"), Assert.Null);
        // New rows get the default too, and a value given wins; an INSERT without a column list fills the columns in order.
        connection.Execute("INSERT INTO docs (id, title) VALUES (4, 'd')");
        connection.Execute("INSERT INTO docs VALUES (5, 'e', [0, 1, 0], 7, FALSE, 'n')");
        Assert.Equal([(4L, 5L, true), (5L, 7L, false)], connection.Query<(long, long, bool)>("SELECT id, stock, flag FROM docs WHERE id >= 4 ORDER BY id"));

        string before = Schema(connection, "docs");
        ErrorAssert.Fails(connection, "ALTER TABLE docs ADD COLUMN name TEXT NOT NULL", ErrorCode.NotNullViolation);
        ErrorAssert.Fails(connection, "ALTER TABLE docs ADD COLUMN {key INTEGER PRIMARY KEY}", ErrorCode.UnsupportedOperation);
        ErrorAssert.Fails(connection, "ALTER TABLE docs ADD COLUMN w VECTOR(3) {DEFAULT [1, 2, 3]}", ErrorCode.UnsupportedOperation);
        ErrorAssert.Fails(connection, "ALTER TABLE docs ADD COLUMN {STOCK} TEXT", ErrorCode.DuplicateColumn);
        ErrorAssert.Fails(connection, "ALTER TABLE docs ADD COLUMN w {VECTOR(16001)}", ErrorCode.InvalidDimensions);
        ErrorAssert.Fails(connection, "ALTER TABLE docs ADD COLUMN {_vs_x} TEXT", ErrorCode.InvalidIdentifier);
        ErrorAssert.Fails(connection, "ALTER TABLE {nope} ADD COLUMN x TEXT", ErrorCode.UnknownTable);
        ErrorAssert.Fails(connection, "ALTER TABLE docs ADD COLUMN f BOOLEAN DEFAULT {'x'}", ErrorCode.TypeMismatch);
        connection.Execute("ALTER TABLE docs ADD COLUMN IF NOT EXISTS stock TEXT");
        Assert.Equal(before, Schema(connection, "docs"));

        // An empty table takes a NOT NULL column without a DEFAULT, as PostgreSQL does; rows must then give it.
        connection.Execute("CREATE TABLE empty (id INTEGER PRIMARY KEY)");
        connection.Execute("ALTER TABLE empty ADD COLUMN name TEXT NOT NULL");
        connection.Execute("ALTER TABLE empty ADD COLUMN bits BIT(65536) NOT NULL");
        ErrorAssert.Fails(connection, "INSERT INTO empty (id, bits) VALUES (1, @b)", ErrorCode.NotNullViolation, null, ("b", new bool[65536]));
        connection.Execute("INSERT INTO empty VALUES (1, 'x', @b)", new { b = new bool[65536] });
    }

    [Fact]
    public void A_new_vector_column_is_null_for_existing_rows_then_stores_searches_indexes_and_survives_reopening()
    {
        var random = new Random(11);
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("add.vdb")}";
        var added = new Dictionary<long, float[]>();
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, v VECTOR(4))");
            for (long id = 1; id <= 60; id++)
                connection.Execute("INSERT INTO docs VALUES (@id, @v)", new { id, v = RandomVectors.Uniform(random, 1, 4) });
            connection.Checkpoint();

            connection.Execute("ALTER TABLE docs ADD COLUMN e VECTOR(3) METRIC cosine");
            Assert.Equal(60L, connection.ExecuteScalar<long>("SELECT count(*) FROM docs WHERE e IS NULL"));
            for (long id = 1; id <= 80; id++)
            {
                if (id % 3 == 0)
                    continue;
                var e = RandomVectors.Uniform(random, 1, 3);
                added[id] = e;
                if (id <= 60)
                    connection.Execute("UPDATE docs SET e = @e WHERE id = @id", new { id, e });
                else
                    connection.Execute("INSERT INTO docs (id, e) VALUES (@id, @e)", new { id, e });
            }
            AssertNearest(connection, added, random, "logged");
            connection.Checkpoint();
            AssertNearest(connection, added, random, "checkpointed");
            connection.Execute("CREATE INDEX docs_e ON docs USING HNSW (e) WITH (ef_search = 200)");
            Assert.Contains("docs_e", connection.Query<string>("EXPLAIN SELECT id FROM docs ORDER BY e <=> [1, 0, 0] LIMIT 5").First(), StringComparison.Ordinal);
            AssertNearest(connection, added, random, "through the index");
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            AssertNearest(connection, added, random, "reopened");
            AssertCheckOk(connection);
        }
    }

    [Fact]
    public void Drop_column_drops_the_indexes_on_it_and_a_vector_column_frees_its_pages_for_reuse()
    {
        var random = new Random(12);
        using var dir = new TempDirectory();
        string path = dir.File("drop.vdb");
        // The smallest pages: 600 vectors of 64 dimensions fill three of them.
        using var connection = new VecStoreConnection($"Data Source={path};Page Size=65536");
        connection.Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, category TEXT, price REAL, v VECTOR(64), w VECTOR(8))");
        var w = new Dictionary<long, float[]>();
        var rows = new List<object?[]>();
        for (long id = 1; id <= 600; id++)
        {
            w[id] = RandomVectors.Uniform(random, 1, 8);
            rows.Add([id, "c" + (id % 7), id * 0.5, RandomVectors.Uniform(random, 1, 64), w[id]]);
        }
        new VecStoreBulkInsert(connection, "docs").Write(rows);
        connection.Execute("CREATE INDEX docs_v ON docs USING HNSW (v) WITH (ef_search = 40)");
        connection.Execute("CREATE INDEX docs_cat ON docs (category, price)");
        connection.Execute("CREATE INDEX docs_price ON docs (price)");
        connection.Checkpoint();
        var (usedBefore, freeBefore) = VectorPages(connection);
        string indexFile = Directory.GetFiles(dir.Path, "drop.vdb-index-*").Single();

        connection.Execute("ALTER TABLE docs DROP COLUMN v");
        connection.Execute("ALTER TABLE docs DROP COLUMN category");
        // As in PostgreSQL, the indexes on a dropped column go with it; the others stay.
        Assert.Equal(["docs_price"], connection.GetIndexes("docs").Select(i => i.Name));
        Assert.False(File.Exists(indexFile), "the dropped vector index's file is deleted once the statement commits");
        ErrorAssert.Fails(connection, "SELECT id FROM docs ORDER BY {v} <-> @q LIMIT 1", ErrorCode.UnknownColumn, null, ("q", new float[64]));
        Assert.Equal(["id", "price", "w"], connection.Query("SELECT * FROM docs LIMIT 1").Cast<IDictionary<string, object>>().Single().Keys);
        AssertCheckOk(connection);
        AssertNearest(connection, w, random, "after DROP COLUMN", column: "w", function: "l2_distance");

        // The next checkpoint frees the dropped column's pages; a column added later reuses them.
        connection.Checkpoint();
        AssertCheckOk(connection);
        var (usedAfterDrop, freeAfterDrop) = VectorPages(connection);
        Assert.True(usedAfterDrop <= usedBefore - 3 && freeAfterDrop >= freeBefore + 3,
            $"dropping v freed no pages: {usedBefore} used and {freeBefore} free before, {usedAfterDrop} and {freeAfterDrop} after");
        connection.Execute("ALTER TABLE docs ADD COLUMN u VECTOR(64)");
        using (var transaction = connection.BeginTransaction())
        {
            for (long id = 1; id <= 600; id++)
                connection.Execute("UPDATE docs SET u = @u WHERE id = @id", new { id, u = RandomVectors.Uniform(random, 1, 64) }, transaction);
            transaction.Commit();
        }
        connection.Checkpoint();
        Assert.Equal((usedBefore, freeBefore), VectorPages(connection));
        AssertCheckOk(connection);

        // The key and the last column stay.
        ErrorAssert.Fails(connection, "ALTER TABLE docs DROP COLUMN {id}", ErrorCode.UnsupportedOperation);
        connection.Execute("CREATE TABLE one (only_column TEXT)");
        ErrorAssert.Fails(connection, "ALTER TABLE one DROP {only_column}", ErrorCode.UnsupportedOperation);
        ErrorAssert.Fails(connection, "ALTER TABLE docs DROP COLUMN {nope}", ErrorCode.UnknownColumn);
        connection.Execute("ALTER TABLE docs DROP COLUMN IF EXISTS nope");
    }

    [Fact]
    public void Rename_table_and_column_keep_rows_vectors_and_indexes()
    {
        using var dir = new TempDirectory();
        string cs = $"Data Source={dir.File("rename.vdb")}";
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, v VECTOR(2))");
            connection.Execute("CREATE TABLE other (id INTEGER)");
            connection.Execute("INSERT INTO docs VALUES (1, 'near', [1, 0]), (2, 'far', [0, 1])");
            connection.Execute("CREATE INDEX docs_v ON docs USING HNSW (v)");
            connection.Execute("CREATE INDEX docs_title ON docs (title)");

            connection.Execute("ALTER TABLE docs RENAME COLUMN v TO embedding");
            connection.Execute("ALTER TABLE docs RENAME title TO name");
            connection.Execute("ALTER TABLE docs RENAME TO items");
            ErrorAssert.Fails(connection, "SELECT id FROM {docs}", ErrorCode.UnknownTable);
            ErrorAssert.Fails(connection, "SELECT {title} FROM items", ErrorCode.UnknownColumn);
            ErrorAssert.Fails(connection, "ALTER TABLE items RENAME TO {OTHER}", ErrorCode.TableAlreadyExists);
            ErrorAssert.Fails(connection, "ALTER TABLE items RENAME COLUMN name TO {Embedding}", ErrorCode.DuplicateColumn);
            ErrorAssert.Fails(connection, "ALTER TABLE items RENAME COLUMN {nope} TO x", ErrorCode.UnknownColumn);
            // A new case of the same name is a rename too.
            connection.Execute("ALTER TABLE items RENAME TO Items");
        }
        using (var connection = new VecStoreConnection(cs))
        {
            connection.Open();
            Assert.Equal("near", connection.ExecuteScalar<string>("SELECT name FROM items ORDER BY embedding <-> [0.9, 0.1] LIMIT 1"));
            Assert.Contains("hnsw docs_v", connection.Query<string>("EXPLAIN SELECT id FROM items ORDER BY embedding <-> [0.9, 0.1] LIMIT 1").First(), StringComparison.Ordinal);
            var indexes = connection.GetIndexes("items").ToDictionary(i => i.Name, i => i.Columns);
            Assert.Equal("embedding", indexes["docs_v"]);
            Assert.Equal("name", indexes["docs_title"]);
            Assert.Equal(["Items", "other"], connection.GetTables().Select(t => t.Name));
            Assert.Equal("CREATE TABLE Items (\n  id INTEGER PRIMARY KEY,\n  name TEXT,\n  embedding VECTOR(2)\n);", Schema(connection, "items"));
            AssertCheckOk(connection);
        }
    }

    [Fact]
    public void An_alter_rolled_back_or_failed_changes_nothing()
    {
        using var dir = new TempDirectory();
        using var connection = new VecStoreConnection($"Data Source={dir.File("rollback.vdb")}");
        connection.Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, v VECTOR(2))");
        connection.Execute("INSERT INTO docs VALUES (1, 'a', [1, 0]), (2, 'b', [0, 1])");
        connection.Execute("CREATE INDEX docs_v ON docs USING HNSW (v)");
        string indexFile = Directory.GetFiles(dir.Path, "rollback.vdb-index-*").Single();
        string schema = Schema(connection, "docs");

        using (var transaction = connection.BeginTransaction())
        {
            connection.Execute("ALTER TABLE docs ADD COLUMN stock INTEGER DEFAULT 3", transaction: transaction);
            connection.Execute("ALTER TABLE docs DROP COLUMN v", transaction: transaction);
            connection.Execute("ALTER TABLE docs RENAME COLUMN title TO name", transaction: transaction);
            connection.Execute("ALTER TABLE docs RENAME TO items", transaction: transaction);
            Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT stock FROM items WHERE id = 1", transaction: transaction));
            // A failed statement inside the transaction changes nothing, and the transaction goes on.
            Assert.Throws<VecStoreException>(() => connection.Execute("ALTER TABLE items ADD COLUMN n TEXT NOT NULL", transaction: transaction));
            Assert.Equal("a", connection.ExecuteScalar<string>("SELECT name FROM items WHERE id = 1", transaction: transaction));
            transaction.Rollback();
        }
        Assert.Equal(schema, Schema(connection, "docs"));
        Assert.True(File.Exists(indexFile));
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT id FROM docs ORDER BY v <-> [1, 0] LIMIT 1"));
        Assert.Contains("hnsw docs_v", connection.Query<string>("EXPLAIN SELECT id FROM docs ORDER BY v <-> [1, 0] LIMIT 1").First(), StringComparison.Ordinal);
        AssertCheckOk(connection);
    }

    [Fact]
    public void Names_and_defaults_reach_SQLite_only_as_bound_values()
    {
        using var connection = Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY)");
        connection.Execute("INSERT INTO docs VALUES (1)");
        const string hostileName = "x\"); DROP TABLE docs; --";
        const string hostileValue = "'); DROP TABLE docs; --";
        connection.Execute($"ALTER TABLE docs ADD COLUMN \"{hostileName.Replace("\"", "\"\"", StringComparison.Ordinal)}\" TEXT DEFAULT '{hostileValue.Replace("'", "''", StringComparison.Ordinal)}'");
        connection.Execute($"ALTER TABLE docs RENAME TO \"{hostileName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        string table = "\"" + hostileName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        Assert.Equal(hostileValue, connection.ExecuteScalar<string>($"SELECT {table} FROM {table}"));
        connection.Execute($"ALTER TABLE {table} DROP COLUMN {table}");
        Assert.Equal(1L, connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}"));
    }

    private static VecStoreConnection Open()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    /// <summary>The table's CREATE TABLE statement as the catalog gives it (what the shell's .schema prints).</summary>
    private static string Schema(VecStoreConnection connection, string table) =>
        connection.GetTables().Single(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase)).Definition;

    /// <summary>The vector file's pages in use and free, as CHECK counts them.</summary>
    private static (int Used, int Free) VectorPages(VecStoreConnection connection)
    {
        string detail = connection.Query("CHECK").Cast<IDictionary<string, object>>().Single(row => (string)row["kind"] == "vector file")["detail"].ToString()!;
        var match = System.Text.RegularExpressions.Regex.Match(detail, @"(\d+) vector pages .*?, (\d+) free");
        Assert.True(match.Success, detail);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertCheckOk(VecStoreConnection connection)
    {
        var problems = connection.Query("CHECK").Cast<IDictionary<string, object>>().Where(row => (string)row["status"] != "ok").Select(row => string.Join(" ", row.Values)).ToList();
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    /// <summary>The nearest rows of <paramref name="column"/> to a few random queries are those a brute force over <paramref name="vectors"/> finds.</summary>
    private static void AssertNearest(VecStoreConnection connection, Dictionary<long, float[]> vectors, Random random, string stage, string column = "e", string function = "cosine_distance")
    {
        int dims = vectors.Values.First().Length;
        for (int q = 0; q < 5; q++)
        {
            var query = RandomVectors.Uniform(random, 1, dims);
            var expected = vectors.Select(kv => (Id: kv.Key, Distance: function == "l2_distance" ? PlainDistances.L2(kv.Value, query) : PlainDistances.Cosine(kv.Value, query)))
                .OrderBy(x => x.Distance).Take(5).ToList();
            var actual = connection.Query<(long Id, double Distance)>($"SELECT id, {function}({column}, @q) AS d FROM docs ORDER BY distance({column}, @q) LIMIT 5", new { q = query }).ToList();
            Assert.True(expected.Select(x => x.Id).SequenceEqual(actual.Select(x => x.Id)), $"{stage}: expected {string.Join(",", expected)} got {string.Join(",", actual)}");
        }
    }
}
