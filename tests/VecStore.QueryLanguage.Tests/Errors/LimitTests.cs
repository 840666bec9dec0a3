using System.Text;
using VecStore.QueryLanguage.Parsing;
using VecStore.QueryLanguage.Tests.Fuzzing;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Errors;

/// <summary>Every limit of docs/limits.md: at the limit the statement works, one past it fails with the limit's code.</summary>
public sealed class LimitTests
{
    private static VecStoreConnection Open(string? table = "CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER, s TEXT, b BLOB, v VECTOR(3))")
    {
        var connection = new VecStoreConnection("Data Source=:memory:");
        connection.Open();
        if (table is not null)
            FuzzExecution.Run(connection, table);
        return connection;
    }

    private static VecStoreException Fails(VecStoreConnection connection, ErrorCode code, string sql, params (string, object?)[] parameters)
    {
        var error = Assert.Throws<VecStoreException>(() => FuzzExecution.Run(connection, sql, parameters));
        Assert.Equal(code, error.Code);
        return error;
    }

    [Fact]
    public void Statement_length()
    {
        using var connection = Open();
        // A string literal makes the statement exactly as long as the limit, then one character longer.
        string atLimit = "SELECT '" + new string('.', SqlParser.MaxStatementLength - 9) + "'";
        Assert.Equal(SqlParser.MaxStatementLength, atLimit.Length);
        Assert.Single(FuzzExecution.Run(connection, atLimit));
        var error = Fails(connection, ErrorCode.StatementTooLong, atLimit.Insert(7, " "));
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Fact]
    public void Nesting_depth()
    {
        using var connection = Open();
        int max = SqlParser.MaxNestingDepth;
        Assert.Single(FuzzExecution.Run(connection, $"SELECT {new string('(', max)}1{new string(')', max)}"));
        Fails(connection, ErrorCode.NestingTooDeep, $"SELECT {new string('(', max + 1)}1{new string(')', max + 1)}");
    }

    [Fact]
    public void Vector_dimensions_of_a_column_and_of_a_value()
    {
        using var connection = Open(null);
        FuzzExecution.Run(connection, "CREATE TABLE big (id INTEGER PRIMARY KEY, v VECTOR(16000))");
        Fails(connection, ErrorCode.InvalidDimensions, "CREATE TABLE bigger (id INTEGER PRIMARY KEY, v VECTOR(16001))");
        FuzzExecution.Run(connection, "INSERT INTO big VALUES (1, @v)", [("v", new float[16_000])]);
        Fails(connection, ErrorCode.DimensionMismatch, "INSERT INTO big VALUES (2, @v)", ("v", new float[16_001]));
        Fails(connection, ErrorCode.DimensionMismatch, "SELECT id FROM big ORDER BY distance(v, @q) LIMIT 1", ("q", new float[1_000_000]));
    }

    [Fact]
    public void Text_and_blob_value_size()
    {
        using var connection = Open();
        string text = new('é', Limits.MaxValueBytes / 2); // two UTF-8 bytes each: exactly the limit
        FuzzExecution.Run(connection, "INSERT INTO t (id, s, b) VALUES (1, @s, @b)", [("s", text), ("b", new byte[Limits.MaxValueBytes])]);
        Assert.Equal(text.Length, ((string)FuzzExecution.Run(connection, "SELECT s FROM t")[0][0]!).Length);
        var error = Fails(connection, ErrorCode.StorageLimit, "INSERT INTO t (id, s) VALUES (2, @s)", ("s", text + "a"));
        Assert.Equal(34, error.Column);
        Fails(connection, ErrorCode.StorageLimit, "UPDATE t SET b = @b", ("b", new byte[Limits.MaxValueBytes + 1]));
        Fails(connection, ErrorCode.StorageLimit, "SELECT id FROM t WHERE s = @s", ("s", text + "a"));
        var bulk = Assert.Throws<VecStoreException>(() => new VecStoreBulkInsert(connection, "t", ["id", "b"]).Write([[3L, new byte[Limits.MaxValueBytes + 1]]]));
        Assert.Equal(ErrorCode.StorageLimit, bulk.Code);
        Assert.Equal(1L, FuzzExecution.Run(connection, "SELECT count(*) FROM t")[0][0]);
    }

    [Fact]
    public void Columns_in_a_table()
    {
        using var connection = Open(null);
        string Columns(int count) => string.Join(", ", Enumerable.Range(1, count - 1).Select(i => $"c{i} INTEGER"));
        FuzzExecution.Run(connection, $"CREATE TABLE wide (id INTEGER PRIMARY KEY, {Columns(Limits.MaxColumns)})");
        FuzzExecution.Run(connection, "INSERT INTO wide (id, c1999) VALUES (1, 7)");
        Assert.Equal(7L, FuzzExecution.Run(connection, "SELECT c1999 FROM wide")[0][0]);
        var error = Fails(connection, ErrorCode.LimitExceeded, $"CREATE TABLE wider (id INTEGER PRIMARY KEY, {Columns(Limits.MaxColumns + 1)})");
        Assert.Contains("at most 2,000", error.Message, StringComparison.Ordinal);
        // ALTER TABLE adds up to the limit and no further.
        FuzzExecution.Run(connection, "ALTER TABLE wide DROP COLUMN c1");
        FuzzExecution.Run(connection, "ALTER TABLE wide ADD COLUMN c1 INTEGER");
        Assert.Contains("at most 2,000", Fails(connection, ErrorCode.LimitExceeded, "ALTER TABLE wide ADD COLUMN c2000 INTEGER").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifier_length()
    {
        using var connection = Open(null);
        string name = new('n', Identifiers.MaxLength);
        FuzzExecution.Run(connection, $"CREATE TABLE {name} ({name} INTEGER PRIMARY KEY)");
        FuzzExecution.Run(connection, $"CREATE INDEX {name} ON {name} ({name})");
        Fails(connection, ErrorCode.InvalidIdentifier, $"CREATE TABLE {name}x (id INTEGER)");
        Fails(connection, ErrorCode.InvalidIdentifier, $"CREATE TABLE u ({name}x INTEGER)");
        Fails(connection, ErrorCode.InvalidIdentifier, $"CREATE INDEX {name}x ON {name} ({name})");
    }

    [Fact]
    public void In_list_length()
    {
        using var connection = Open();
        FuzzExecution.Run(connection, "INSERT INTO t (id, x) VALUES (1, 9999), (2, 10000)");
        string List(int count) => string.Join(",", Enumerable.Range(0, count));
        Assert.Single(FuzzExecution.Run(connection, $"SELECT id FROM t WHERE x IN ({List(Limits.MaxInListItems)})"));
        var error = Fails(connection, ErrorCode.LimitExceeded, $"SELECT id FROM t WHERE x IN ({List(Limits.MaxInListItems + 1)})");
        Assert.True(error.Column > 40_000, "the caret should point at the first value past the limit");
    }

    [Fact]
    public void Values_bound_in_one_condition()
    {
        using var connection = Open();
        FuzzExecution.Run(connection, "INSERT INTO t (id, x) VALUES (1, 5)");
        // Four IN lists of 8,191 values and two more bind 32,766 values; one value more is past SQLite's limit.
        string List(int count) => string.Join(",", Enumerable.Range(0, count));
        string Where(int last) => $"x IN ({List(8191)}) AND x IN ({List(8191)}) AND x IN ({List(8191)}) AND x IN ({List(last)})";
        // At the limit SQLite binds the values by name one at a time, which takes seconds: long mode only.
        if (FuzzRun.Long)
            Assert.Single(FuzzExecution.Run(connection, $"SELECT id FROM t WHERE {Where(8191)} AND id <> 2 AND id <> 3"));
        Fails(connection, ErrorCode.LimitExceeded, $"SELECT id FROM t WHERE {Where(8191)} AND id <> 2 AND id <> 3 AND id <> 4");
    }

    [Fact]
    public void Parameters_in_one_statement()
    {
        using var connection = Open();
        // Parameters bind to VecStore, not to SQLite: an INSERT of 2,000 rows takes 4,000 of them.
        var sql = new StringBuilder("INSERT INTO t (id, x) VALUES ");
        var parameters = new List<(string, object?)>();
        for (int i = 0; i < 2000; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@i{i}, ?)");
            parameters.Add(($"i{i}", (long)i));
        }
        for (int i = 0; i < 2000; i++)
            parameters.Add(("", (long)-i));
        Assert.Empty(FuzzExecution.Run(connection, sql.ToString(), parameters));
        Assert.Equal(2000L, FuzzExecution.Run(connection, "SELECT count(*) FROM t WHERE x <= 0")[0][0]);
        // In a condition every parameter is bound in SQLite, so SQLite's limit applies there.
        string placeholders = string.Join(",", Enumerable.Range(0, 3000).Select(_ => "?"));
        var values = Enumerable.Range(0, 3000).Select(i => ("", (object?)(long)i)).ToArray();
        Assert.Equal(2000, FuzzExecution.Run(connection, $"SELECT id FROM t WHERE id IN ({placeholders})", values).Count);
    }
}
