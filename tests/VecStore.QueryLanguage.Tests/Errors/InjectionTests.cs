using Microsoft.Data.Sqlite;
using VecStore.QueryLanguage.Tests.Fuzzing;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Errors;

/// <summary>
/// No name, value or statement text makes VecStore run SQL of the writer's choosing in SQLite:
/// hostile names and values are stored and read back literally, or refused with a VecStoreException;
/// SQLite-only statements are refused; and the SQLite schema afterwards is exactly the one the same
/// legitimate statements create with plain names.
/// </summary>
public sealed class InjectionTests
{
    /// <summary>Names chosen to close a quote, end a statement, or pass for SQLite's or VecStore's own tables.</summary>
    public static readonly string[] HostileNames =
    [
        "a\"b", "x\"; DROP TABLE t1; --", "]", "[x]", "`tick`", "semi;colon", "'quoted'", "tab\tname", "naïve 日本 🙂",
        "sqlite_master", "sqlite_schema", "sqlite_sequence", "_vs_meta", "_VS_tables", "main", "temp", "t1", "c0", "rowid",
        "\" || (SELECT 1) || \"", "x') STRICT; ATTACH DATABASE 'evil.db' AS evil; --", "PRAGMA writable_schema=1",
    ];

    /// <summary>Values that would end a string, a statement or a comment if they were spliced into SQL text.</summary>
    public static readonly string[] HostileValues =
    [
        "'; DROP TABLE x; --", "' OR '1'='1", "\"); DELETE FROM _vs_meta; --", "*/ DROP TABLE x /*", "\\'; --",
        "ATTACH DATABASE 'evil.db' AS evil", "PRAGMA writable_schema = ON", "\0nul\0", "x'00'", "$0", "?1", "@p", ";",
    ];

    /// <summary>SQLite statements and functions outside VecSQL: each must fail as VecSQL, and none may reach SQLite.</summary>
    public static readonly string[] SqliteOnlyStatements =
    [
        "ATTACH DATABASE 'evil.db' AS evil", "DETACH DATABASE main", "PRAGMA writable_schema = 1", "PRAGMA journal_mode = DELETE",
        "SELECT * FROM sqlite_master", "SELECT * FROM sqlite_schema", "SELECT * FROM _vs_meta", "SELECT load_extension('evil')",
        "SELECT sqlite_version()", "SELECT * FROM pragma_table_info('t1')", "SELECT writefile('evil.txt', 'x')",
        "CREATE TRIGGER tr AFTER INSERT ON base BEGIN DELETE FROM base; END", "CREATE VIEW v AS SELECT 1", "VACUUM INTO 'evil.db'",
        "SELECT 1; ATTACH DATABASE 'evil.db' AS evil", "REINDEX", "INSERT INTO base SELECT rowid FROM sqlite_master", "REPLACE INTO base VALUES (1)",
        "SELECT id FROM base WHERE id = 1 UNION SELECT name FROM sqlite_master", "SELECT randomblob(10)", "SELECT sqlite_compileoption_get(0)",
    ];

    [Fact]
    public void Hostile_names_values_and_statements_leave_exactly_the_legitimate_schema()
    {
        using var dir = new TempDirectory();
        string hostilePath = dir.File("hostile.vdb"), plainPath = dir.File("plain.vdb");
        var succeeded = new List<int>();
        using (var connection = Open(hostilePath))
        {
            // Before any table takes a name such as sqlite_master, so that each statement can only mean SQLite's object.
            FuzzExecution.Run(connection, "CREATE TABLE base (id INTEGER PRIMARY KEY)");
            foreach (var statement in SqliteOnlyStatements)
                Assert.False(TryRun(connection, statement), $"'{statement}' ran");
            for (int i = 0; i < HostileNames.Length; i++)
            {
                if (TryRun(connection, Script(Quote(HostileNames[i]), Quote(HostileNames[i] + "_i"))))
                {
                    succeeded.Add(i);
                    CheckValuesRoundTrip(connection, Quote(HostileNames[i]));
                }
            }
            var listed = connection.GetTables().Select(t => t.Name).ToHashSet();
            Assert.All(succeeded, i => Assert.Contains(HostileNames[i], listed));
        }
        // Names are checked and refused only when VecStore reserves them; the rest are taken literally.
        Assert.True(succeeded.Count >= HostileNames.Length - 3, $"only {succeeded.Count} of {HostileNames.Length} names were accepted");

        using (var connection = Open(plainPath))
        {
            FuzzExecution.Run(connection, "CREATE TABLE base (id INTEGER PRIMARY KEY)");
            foreach (int i in succeeded)
            {
                Assert.True(TryRun(connection, Script("plain" + i, "plain" + i + "_i")));
                CheckValuesRoundTrip(connection, "plain" + i);
            }
        }
        Assert.Equal(SqliteSchema(plainPath), SqliteSchema(hostilePath));
        Assert.Equal(["hostile.vdb", "plain.vdb"], Directory.GetFiles(dir.Path).Select(f => Path.GetFileName(f)).Where(f => !f.Contains('-')).Order().ToArray());
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "evil.db")));
    }

    private static string Script(string table, string index) =>
        $"CREATE TABLE {table} (id INTEGER PRIMARY KEY, {table} TEXT, v VECTOR(2)); CREATE INDEX {index} ON {table} ({table})";

    /// <summary>Every hostile value, as a literal and as a parameter, stored in the table's text column and read back unchanged.</summary>
    private static void CheckValuesRoundTrip(VecStoreConnection connection, string table)
    {
        // One statement (one commit) inserts them all: each value once as a literal and once as a parameter.
        var rows = new List<string>();
        var parameters = new List<(string, object?)>();
        for (int i = 0; i < HostileValues.Length; i++)
        {
            string literal = "'" + HostileValues[i].Replace("'", "''", StringComparison.Ordinal) + "'";
            rows.Add($"({2 * i}, {literal}, [1, {i}]), ({(2 * i) + 1}, @value{i}, [{i}, 1])");
            parameters.Add(("value" + i, HostileValues[i]));
        }
        FuzzExecution.Run(connection, $"INSERT INTO {table} VALUES {string.Join(", ", rows)}", parameters);
        for (int i = 0; i < HostileValues.Length; i++)
        {
            var found = FuzzExecution.Run(connection, $"SELECT {table} FROM {table} WHERE {table} = @value ORDER BY id", [("value", HostileValues[i])]);
            Assert.Equal([HostileValues[i], HostileValues[i]], found.Select(r => (string)r[0]!));
        }
        Assert.Equal((long)(2 * HostileValues.Length), FuzzExecution.Run(connection, $"SELECT count(*) FROM {table}")[0][0]);

        // The name as a common table expression (hiding the table), aliases' columns, a join, a subquery and grouping.
        var grouped = FuzzExecution.Run(connection,
            $"WITH {table} AS (SELECT {table} AS {table}, v FROM {table}) SELECT x.{table}, count(*), avg(x.v) FROM {table} AS x JOIN {table} AS y ON y.{table} = x.{table} "
            + $"WHERE x.{table} IN (SELECT {table} FROM {table}) GROUP BY x.{table} HAVING count(*) > 0 ORDER BY 1");
        Assert.Equal(HostileValues.Distinct().Count(), grouped.Count);
        Assert.All(grouped, row => Assert.Equal(4L, row[1]));

        // Writes from queries over the name and the values: INSERT ... SELECT, an upsert reading excluded, UPDATE ... FROM, RETURNING.
        int n = 2 * HostileValues.Length;
        var copied = FuzzExecution.Run(connection, $"INSERT INTO {table} (id, {table}, v) SELECT id + 1000, {table}, l2_normalize(v) FROM {table} RETURNING {table} AS {table}");
        Assert.Equal(n, copied.Count);
        FuzzExecution.Run(connection, $"INSERT INTO {table} (id, {table}, v) SELECT id, {table} || @value, v FROM {table} WHERE id >= 1000 "
            + $"ON CONFLICT (id) DO UPDATE SET {table} = excluded.{table}, v = excluded.v + {table}.v WHERE {table}.{table} IS NOT NULL", [("value", HostileValues[0])]);
        var updated = FuzzExecution.Run(connection, $"UPDATE {table} AS {table} SET {table} = o.{table}, v = o.v FROM {table} AS o WHERE o.id = {table}.id + 1000 RETURNING {table}.{table}");
        Assert.Equal(HostileValues.SelectMany(v => new[] { v + HostileValues[0], v + HostileValues[0] }).Order(StringComparer.Ordinal),
            updated.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.Equal(n, FuzzExecution.Run(connection, $"DELETE FROM {table} WHERE id >= 1000 RETURNING {table}").Count);
    }

    private static VecStoreConnection Open(string path)
    {
        var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    private static bool TryRun(VecStoreConnection connection, string sql) => FuzzExecution.RunExpectingOnlyVecStoreErrors(connection, sql) is null;

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>What SQLite itself holds, read with a plain SQLite connection: every schema object and the attached databases.</summary>
    private static List<string> SqliteSchema(string path)
    {
        using var sqlite = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        sqlite.Open();
        var rows = new List<string>();
        using (var command = new SqliteCommand("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name", sqlite))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {(reader.IsDBNull(3) ? "" : reader.GetString(3))}");
        }
        using (var command = new SqliteCommand("SELECT name FROM pragma_database_list", sqlite))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add("database " + reader.GetString(0));
        }
        return rows;
    }
}
