using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Parsing.Syntax;
using static VecStore.QueryLanguage.Tests.Parsing.ParseHelpers;

namespace VecStore.QueryLanguage.Tests.Parsing;

/// <summary>Each statement kind parses, prints in canonical form, and parses back to the same print.</summary>
public sealed class ParserRoundTripTests
{
    public static readonly TheoryData<string, string> Statements = new()
    {
        {
            "create table docs (id integer primary key, title text not null, price real default -1.5, "
            + "in_stock boolean null, raw blob, embedding vector(768))",
            "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL DEFAULT -1.5, "
            + "in_stock BOOLEAN NULL, raw BLOB, embedding VECTOR(768))"
        },
        {
            "CREATE TABLE IF NOT EXISTS pairs (a INTEGER, b INTEGER, v VECTOR(3) METRIC Cosine DEFAULT [0, 0, 1], PRIMARY KEY (a, b))",
            "CREATE TABLE IF NOT EXISTS pairs (a INTEGER, b INTEGER, v VECTOR(3) METRIC cosine DEFAULT [0, 0, 1], PRIMARY KEY (a, b))"
        },
        {
            "CREATE TABLE h (v VECTOR(4) HALF METRIC ip, w VECTOR(8) METRIC jaccard, x VECTOR(2) METRIC l1, y VECTOR(2) METRIC hamming, z VECTOR(2) METRIC l2)",
            "CREATE TABLE h (v VECTOR(4) HALF METRIC ip, w VECTOR(8) METRIC jaccard, x VECTOR(2) METRIC l1, y VECTOR(2) METRIC hamming, z VECTOR(2) METRIC l2)"
        },
        {
            "CREATE TABLE b (f BIT(1024), g bit(7) metric JACCARD)",
            "CREATE TABLE b (f BIT(1024), g BIT(7) METRIC jaccard)"
        },
        { "SELECT a <~> b, a <%> b FROM t", "SELECT (a <~> b), (a <%> b) FROM t" },
        {
            "CREATE TABLE \"Order Lines\" (\"key\" TEXT DEFAULT 'n/a', text TEXT DEFAULT x'00FF', \"select\" BOOLEAN DEFAULT TRUE)",
            "CREATE TABLE \"Order Lines\" (\"key\" TEXT DEFAULT 'n/a', text TEXT DEFAULT x'00FF', \"select\" BOOLEAN DEFAULT TRUE)"
        },
        { "DROP TABLE docs", "DROP TABLE docs" },
        { "drop table if exists docs", "DROP TABLE IF EXISTS docs" },
        { "alter table docs add column stock integer not null default 5", "ALTER TABLE docs ADD COLUMN stock INTEGER NOT NULL DEFAULT 5" },
        { "ALTER TABLE docs ADD IF NOT EXISTS e VECTOR(3) METRIC cosine", "ALTER TABLE docs ADD COLUMN IF NOT EXISTS e VECTOR(3) METRIC cosine" },
        { "ALTER TABLE docs ADD column INTEGER", "ALTER TABLE docs ADD COLUMN column INTEGER" },
        { "ALTER TABLE docs ADD COLUMN vector VECTOR(2)", "ALTER TABLE docs ADD COLUMN vector VECTOR(2)" },
        { "ALTER TABLE docs DROP COLUMN IF EXISTS stock", "ALTER TABLE docs DROP COLUMN IF EXISTS stock" },
        { "ALTER TABLE docs DROP column", "ALTER TABLE docs DROP COLUMN column" },
        { "ALTER TABLE docs DROP stock", "ALTER TABLE docs DROP COLUMN stock" },
        { "ALTER TABLE docs RENAME TO items", "ALTER TABLE docs RENAME TO items" },
        { "ALTER TABLE docs RENAME to TO items", "ALTER TABLE docs RENAME COLUMN to TO items" },
        { "ALTER TABLE docs RENAME COLUMN a TO b", "ALTER TABLE docs RENAME COLUMN a TO b" },
        { "ALTER TABLE docs RENAME column TO b", "ALTER TABLE docs RENAME COLUMN column TO b" },
        { "ALTER TABLE docs RENAME a TO \"b c\"", "ALTER TABLE docs RENAME COLUMN a TO \"b c\"" },
        {
            "CREATE INDEX docs_hnsw ON docs USING HNSW (embedding) WITH (m = 16, ef_construction = 200)",
            "CREATE INDEX docs_hnsw ON docs USING HNSW (embedding) WITH (m = 16, ef_construction = 200)"
        },
        { "create index if not exists i on docs using ivfpq (v) with (lists = 100, m = 8, refine = true)",
          "CREATE INDEX IF NOT EXISTS i ON docs USING IVFPQ (v) WITH (lists = 100, m = 8, refine = TRUE)" },
        { "CREATE INDEX i ON docs USING FLAT (v)", "CREATE INDEX i ON docs USING FLAT (v)" },
        { "CREATE INDEX i ON docs USING IVF (v)", "CREATE INDEX i ON docs USING IVF (v)" },
        { "CREATE INDEX by_price ON docs (category, price)", "CREATE INDEX by_price ON docs (category, price)" },
        { "DROP INDEX docs_hnsw", "DROP INDEX docs_hnsw" },
        { "DROP INDEX IF EXISTS docs_hnsw", "DROP INDEX IF EXISTS docs_hnsw" },
        {
            "INSERT INTO docs (id, title, embedding) VALUES (1, 'a', [0.1, -2, 3e-3]), (2, 'it''s', @v)",
            "INSERT INTO docs (id, title, embedding) VALUES (1, 'a', [0.1, -2, 0.003]), (2, 'it''s', @v)"
        },
        { "insert into docs values (?, ?, $v)", "INSERT INTO docs VALUES (?, ?, $v)" },
        {
            "UPDATE docs SET price = price * 1.1, title = upper(title) WHERE id = 7",
            "UPDATE docs SET price = (price * 1.1), title = upper(title) WHERE (id = 7)"
        },
        { "UPDATE docs SET flag = NULL", "UPDATE docs SET flag = NULL" },
        { "DELETE FROM docs WHERE price IS NULL", "DELETE FROM docs WHERE (price IS NULL)" },
        { "DELETE FROM docs", "DELETE FROM docs" },
        {
            "SELECT id, title, distance(embedding, @q) AS dist FROM docs WHERE category = 'shoes' AND price < 50 ORDER BY dist LIMIT 10",
            "SELECT id, title, distance(embedding, @q) AS dist FROM docs WHERE ((category = 'shoes') AND (price < 50)) ORDER BY dist LIMIT 10"
        },
        {
            "SELECT * FROM docs d WHERE d.id NOT IN (1, 2) ORDER BY d.embedding <-> [1, 2] ASC, id DESC LIMIT 5 OFFSET 10 WITH (ef_search = 128, nprobe = 16)",
            "SELECT * FROM docs AS d WHERE (d.id NOT IN (1, 2)) ORDER BY (d.embedding <-> [1, 2]), id DESC LIMIT 5 OFFSET 10 WITH (ef_search = 128, nprobe = 16)"
        },
        { "SELECT d.*, count(*) n FROM docs AS d", "SELECT d.*, count(*) AS n FROM docs AS d" },
        { "SELECT 1", "SELECT 1" },
        {
            "SELECT title FROM docs WHERE title LIKE 'a!%%' ESCAPE '!' OR title NOT LIKE '%b' OR price NOT BETWEEN 1 AND 2 OR price IS NOT NULL",
            "SELECT title FROM docs WHERE ((((title LIKE 'a!%%' ESCAPE '!') OR (title NOT LIKE '%b')) OR (price NOT BETWEEN 1 AND 2)) OR (price IS NOT NULL))"
        },
        { "EXPLAIN SELECT id FROM docs", "EXPLAIN SELECT id FROM docs" },
        { "EXPLAIN ANALYZE DELETE FROM docs WHERE id = 1", "EXPLAIN ANALYZE DELETE FROM docs WHERE (id = 1)" },
        { "EXPLAIN INSERT INTO t VALUES (1)", "EXPLAIN INSERT INTO t VALUES (1)" },
        { "EXPLAIN UPDATE t SET a = 1", "EXPLAIN UPDATE t SET a = 1" },
        { "BEGIN", "BEGIN" },
        { "begin transaction", "BEGIN" },
        { "COMMIT", "COMMIT" },
        { "commit transaction", "COMMIT" },
        { "END", "COMMIT" },
        { "END TRANSACTION", "COMMIT" },
        { "ROLLBACK", "ROLLBACK" },
        { "ROLLBACK TRANSACTION", "ROLLBACK" },
        { "CHECKPOINT", "CHECKPOINT" },
        { "ANALYZE", "ANALYZE" },
        { "ANALYZE docs", "ANALYZE docs" },
        { "VACUUM", "VACUUM" },
        { "CHECK", "CHECK" },
        { "BACKUP TO '/tmp/shop.vdb.zst'", "BACKUP TO '/tmp/shop.vdb.zst'" },
        { "RESTORE FROM 'it''s.zst'", "RESTORE FROM 'it''s.zst'" },
        { "SET ef_search = 100", "SET ef_search = 100" },
        { "set session hnsw.ef_search to -5", "SET hnsw.ef_search = -5" },
        { "SET LOCAL strategy TO flat", "SET LOCAL strategy = 'flat'" },
        { "SET local = @v", "SET local = @v" },
        { "SET nprobe TO DEFAULT", "SET nprobe = DEFAULT" },
        { "reset ivfflat.probes", "RESET ivfflat.probes" },
        { "RESET all", "RESET ALL" },
        { "SHOW strategy", "SHOW strategy" },
        { "show ALL", "SHOW ALL" },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void Parse_prints_back_in_canonical_form(string sql, string canonical)
    {
        var statement = ParseOne(sql);

        Assert.Equal(canonical, SyntaxPrinter.Print(statement));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Parse_of_the_canonical_form_prints_the_same(string sql, string canonical)
    {
        _ = sql;
        var statement = ParseOne(canonical);

        Assert.Equal(canonical, SyntaxPrinter.Print(statement));
    }

    [Fact]
    public void Statements_cover_every_statement_kind()
    {
        var kinds = Statements.Select(row => ParseOne((string)row[0]).GetType()).ToHashSet();
        var all = typeof(Statement).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(Statement)) && !type.IsAbstract);

        Assert.Empty(all.Where(type => !kinds.Contains(type)).Select(type => type.Name));
    }
}
