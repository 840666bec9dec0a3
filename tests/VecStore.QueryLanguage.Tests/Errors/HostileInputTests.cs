using Dapper;
using Microsoft.Data.Sqlite;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Errors;

/// <summary>Names and values chosen to break SQL text: they must stay data, and never reach SQLite as SQL.</summary>
public sealed class HostileInputTests
{
    private const string HostileTable = "docs\"; DROP TABLE victims; --";
    private const string HostileColumn = "x') STRICT; DELETE FROM victims; --";
    private const string HostileValue = "'); DROP TABLE victims; --";

    [Fact]
    public void Hostile_table_and_column_names_are_only_names()
    {
        using var dir = new TempDirectory();
        string path = dir.File("hostile.vdb");
        using (var connection = new VecStoreConnection($"Data Source={path}"))
        {
            connection.Open();
            connection.Execute("CREATE TABLE victims (id INTEGER PRIMARY KEY)");
            connection.Execute("INSERT INTO victims VALUES (1), (2)");
            string table = Quote(HostileTable), column = Quote(HostileColumn);
            connection.Execute($"CREATE TABLE {table} (id INTEGER PRIMARY KEY, {column} TEXT, v VECTOR(2))");
            connection.Execute($"INSERT INTO {table} (id, {column}, v) VALUES (1, @value, [1, 2])", new { value = HostileValue });
            connection.Execute($"UPDATE {table} SET {column} = {column} || @suffix WHERE {column} = @value", new { value = HostileValue, suffix = "!" });

            Assert.Equal(HostileValue + "!", connection.QuerySingle<string>($"SELECT {column} FROM {table} ORDER BY v <-> [1, 2] LIMIT 1"));
            Assert.Equal(2L, connection.ExecuteScalar<long>("SELECT count(*) FROM victims"));
            Assert.Contains(connection.GetTables(), t => t.Name == HostileTable);
        }

        // What SQLite itself holds: VecStore's own tables and tables named by catalog id, nothing a user typed.
        using var sqlite = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        sqlite.Open();
        var names = sqlite.Query<string>("SELECT name FROM sqlite_schema WHERE type = 'table'").ToList();
        Assert.All(names, name => Assert.Matches("^(_vs_[a-z_]+|t[0-9]+|sqlite_sequence)$", name));
        var columns = sqlite.Query<string>("SELECT name FROM pragma_table_info('t2')").ToList();
        Assert.All(columns, name => Assert.Matches("^[cv][0-9]+$", name));
    }

    [Fact]
    public void Hostile_values_in_filters_are_bound_not_spliced()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
        connection.Execute("INSERT INTO t VALUES (1, @a), (2, 'plain')", new { a = HostileValue });
        Assert.Equal(1L, connection.QuerySingle<long>("SELECT id FROM t WHERE name = @v", new { v = HostileValue }));
        Assert.Equal(1L, connection.QuerySingle<long>("SELECT id FROM t WHERE name = '''); DROP TABLE victims; --'"));
        Assert.Empty(connection.Query<long>("SELECT id FROM t WHERE name = @v", new { v = "' OR 1=1 --" }));
        Assert.Equal(2L, connection.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    [Theory]
    [InlineData("_vs_meta")]
    [InlineData("_VS_TABLES")]
    public void Names_of_VecStore_own_tables_cannot_be_taken(string name)
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        var error = Assert.Throws<VecStoreException>(() => connection.Execute($"CREATE TABLE {name} (id INTEGER)"));
        Assert.Equal(ErrorCode.InvalidIdentifier, error.Code);
    }

    [Fact]
    public void Selecting_from_a_system_table_name_finds_no_such_table()
    {
        using var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        var error = Assert.Throws<VecStoreException>(() => connection.Query("SELECT * FROM sqlite_schema").ToList());
        Assert.Equal(ErrorCode.UnknownTable, error.Code);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
