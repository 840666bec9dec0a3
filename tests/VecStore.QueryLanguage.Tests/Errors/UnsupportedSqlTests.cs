namespace VecStore.QueryLanguage.Tests.Errors;

/// <summary>
/// SQL that SQLite and PostgreSQL users type but VecStore does not run yet is reported as
/// VECSQL0202 (NotYetSupported) with the caret on the construct (the part in braces), never as a
/// syntax error after it or as an unknown column; and the words involved stay usable as names.
/// </summary>
public sealed class UnsupportedSqlTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // DISTINCT ON, aggregates other databases have, window functions
        { "SELECT {DISTINCT ON} (category) id FROM docs", "SELECT DISTINCT ON is not supported yet" },
        { "SELECT id, row_number() {OVER} (ORDER BY id) FROM docs", "window functions (OVER)" },
        { "SELECT id FROM docs {WINDOW} w AS (ORDER BY id)", "WINDOW" },
        // Joins and common table expressions VecStore does not run yet
        { "SELECT * FROM docs AS d {NATURAL JOIN} other", "NATURAL JOIN is not supported; name the columns: JOIN ... USING" },
        { "WITH {RECURSIVE} n(i) AS (SELECT 1) SELECT i FROM n", "WITH RECURSIVE is not supported yet" },
        { "SELECT id FROM {json_each('[1]')}", "table-valued functions" },
        // Writing rows
        { "{INSERT OR REPLACE} INTO docs VALUES (1, 'a', 1, [1, 0, 0])", "INSERT OR REPLACE is not supported yet; UPDATE the row" },
        { "{INSERT OR IGNORE} INTO docs VALUES (1, 'a', 1, [1, 0, 0])", "INSERT OR IGNORE" },
        { "{REPLACE} INTO docs VALUES (1, 'a', 1, [1, 0, 0])", "REPLACE INTO" },
        { "INSERT INTO docs {DEFAULT VALUES}", "DEFAULT VALUES" },
        { "INSERT INTO docs VALUES (1, 'a', 1, [1, 0, 0]) ON CONFLICT {ON CONSTRAINT} docs_pkey DO NOTHING", "ON CONFLICT ON CONSTRAINT is not supported" },
        { "{UPDATE OR IGNORE} docs SET price = 2", "UPDATE OR IGNORE" },
        { "DELETE FROM docs {ORDER BY} id LIMIT 1", "ORDER BY in DELETE" },
        { "DELETE FROM docs {USING} other", "DELETE ... USING" },
        // Schema
        { "{CREATE VIEW} v AS SELECT 1", "CREATE VIEW" },
        { "{CREATE TRIGGER} tr AFTER INSERT ON docs BEGIN DELETE FROM docs; END", "CREATE TRIGGER" },
        { "{CREATE TEMP} TABLE x (a INTEGER)", "temporary tables" },
        { "{CREATE UNIQUE} INDEX u ON docs (category)", "CREATE UNIQUE INDEX" },
        { "{CREATE VIRTUAL} TABLE x USING vec0(a)", "CREATE VIRTUAL TABLE" },
        { "{CREATE OR REPLACE} VIEW v AS SELECT 1", "CREATE OR REPLACE" },
        { "{DROP VIEW} v", "DROP VIEW" },
        { "CREATE TABLE u (a INTEGER {UNIQUE}, b TEXT)", "UNIQUE constraints" },
        { "CREATE TABLE u (a INTEGER, b TEXT, {UNIQUE} (a, b))", "UNIQUE constraints" },
        { "CREATE TABLE u (a INTEGER {CHECK} (a > 0))", "CHECK constraints" },
        { "CREATE TABLE u (a INTEGER, {CHECK} (a > 0))", "CHECK constraints" },
        { "CREATE TABLE u (a INTEGER {REFERENCES} docs (id))", "foreign keys" },
        { "CREATE TABLE u (a INTEGER, {FOREIGN KEY} (a) REFERENCES docs (id))", "FOREIGN KEY" },
        { "CREATE TABLE u (a INTEGER, {CONSTRAINT} pk PRIMARY KEY (a))", "named constraints" },
        { "CREATE TABLE u (a INTEGER PRIMARY KEY {AUTOINCREMENT})", "AUTOINCREMENT" },
        { "CREATE TABLE u (a INTEGER) {WITHOUT} ROWID", "WITHOUT ROWID" },
        { "CREATE TABLE u {AS} SELECT * FROM docs", "CREATE TABLE ... AS SELECT" },
        { "CREATE TABLE u (a INTEGER {GENERATED} ALWAYS AS (1))", "generated columns" },
        { "CREATE INDEX p ON docs (category) {WHERE} price > 1", "partial indexes" },
        // Expressions
        { "SELECT id FROM docs ORDER BY category {COLLATE NOCASE}", "COLLATE" },
        { "SELECT id FROM docs WHERE category {GLOB} 'a*'", "GLOB is not supported yet; LIKE" },
        { "SELECT id FROM docs WHERE category NOT {REGEXP} 'a'", "REGEXP" },
        { "SELECT id FROM docs WHERE category {ILIKE} 'a%'", "ILIKE" },
        { "SELECT id FROM docs ORDER BY category {NULLS LAST}", "NULLS FIRST and NULLS LAST" },
        { "SELECT id FROM docs LIMIT 1{,} 2", "LIMIT count OFFSET offset" },
        { "SELECT id FROM docs WHERE category {IS DISTINCT FROM} 'a'", "IS DISTINCT FROM" },
        { "SELECT id FROM docs WHERE category IS NOT {TRUE}", "IS TRUE" },
        // Statements of SQLite and PostgreSQL
        { "{PRAGMA} journal_mode", "PRAGMA" },
        { "{ATTACH} 'other.vdb' AS other", "ATTACH" },
        { "{SAVEPOINT} a", "SAVEPOINT" },
        { "{TRUNCATE} docs", "TRUNCATE" },
        { "{REINDEX} docs", "REINDEX" },
        { "{VALUES} (1)", "VALUES statement" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_reported_as_not_yet_supported_with_the_caret_on_the_construct(string annotated, string message)
    {
        using var connection = Open();
        var error = ErrorAssert.Fails(connection, annotated, ErrorCode.NotYetSupported);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
        Assert.Equal(2, ErrorAssert.Count(connection, "docs"));
    }

    [Fact]
    public void The_words_stay_names_where_they_are_not_a_construct()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        ErrorAssert.Execute(connection, "CREATE TABLE \"group\" (id INTEGER PRIMARY KEY, distinct_ INTEGER, join_ TEXT, left INTEGER, \"union\" TEXT, replace TEXT, cast INTEGER, \"case\" INTEGER)");
        ErrorAssert.Execute(connection, "INSERT INTO \"group\" VALUES (1, 2, 'j', 3, 'u', 'r', 4, 5)");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT left, cast, \"case\", replace(replace, 'r', 's') AS replaced, left AS \"group\" FROM \"group\" AS g WHERE left = 3";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((3L, 4L, 5L, "s", 3L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4)));
    }

    [Fact]
    public void A_refused_trigger_is_skipped_whole_and_its_body_does_not_run()
    {
        using var connection = Open();
        ErrorAssert.Execute(connection, "BEGIN");
        // The ';' inside the body does not end the statement: END is not read as COMMIT, and the DELETE never runs.
        var error = Assert.Throws<VecStoreException>(() => ErrorAssert.Execute(connection, "CREATE TRIGGER tr AFTER INSERT ON docs BEGIN DELETE FROM docs; END; SELECT 1"));
        Assert.Equal(ErrorCode.NotYetSupported, error.Code);
        Assert.Empty(error.Others);
        ErrorAssert.Execute(connection, "ROLLBACK");
        Assert.Equal(2, ErrorAssert.Count(connection, "docs"));
    }

    private static VecStoreConnection Open()
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        ErrorAssert.Execute(connection, "CREATE TABLE docs (id INTEGER PRIMARY KEY, category TEXT, price REAL, v VECTOR(3))");
        ErrorAssert.Execute(connection, "INSERT INTO docs VALUES (1, 'a', 1, [1, 0, 0]), (2, 'b', 2, [0, 1, 0])");
        return connection;
    }
}
