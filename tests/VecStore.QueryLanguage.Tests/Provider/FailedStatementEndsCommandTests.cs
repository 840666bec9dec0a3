using System.Data;
using System.Data.Common;
using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Provider;

/// <summary>
/// After a statement of a command text fails, no later statement of that text runs, on every way
/// of executing it. Each test runs on a real database file and checks, on a fresh connection to
/// that file, that the DELETE or INSERT written after the failing statement changed nothing.
/// </summary>
public sealed class FailedStatementEndsCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _connectionString;

    public FailedStatementEndsCommandTests()
    {
        _connectionString = $"Data Source={_folder.File("docs.vdb")}";
        using var connection = Open();
        connection.Execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, v VECTOR(2))");
        connection.Execute("INSERT INTO docs VALUES (1, 'a', [1, 0]), (2, 'b', [0, 1]), (3, 'c', [1, 1])");
    }

    public void Dispose() => _folder.Dispose();

    private VecStoreConnection Open()
    {
        var connection = new VecStoreConnection(_connectionString);
        connection.Open();
        return connection;
    }

    // What the file holds, read on a connection of its own.
    private long[] StoredIds()
    {
        using var connection = Open();
        return [.. connection.Query<long>("SELECT id FROM docs ORDER BY id")];
    }

    [Fact]
    public void ExecuteScalar_stops_at_the_failing_query()
    {
        using var connection = Open();
        using var command = new VecStoreCommand("SELECT count(*) FROM no_such_table; DELETE FROM docs", connection);
        var error = Assert.Throws<VecStoreException>(() => command.ExecuteScalar());
        Assert.Equal(ErrorCode.UnknownTable, error.Code);
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public void ExecuteNonQuery_keeps_what_ran_before_the_error_and_runs_nothing_after_it()
    {
        using var connection = Open();
        using var command = new VecStoreCommand("INSERT INTO docs VALUES (4, 'd', [2, 2]); INSERT INTO docs VALUES (1, 'dup', [0, 0]); DELETE FROM docs", connection);
        var error = Assert.Throws<VecStoreException>(() => command.ExecuteNonQuery());
        Assert.Equal(ErrorCode.DuplicateKey, error.Code);
        Assert.Equal([1L, 2L, 3L, 4L], StoredIds());
    }

    [Fact]
    public void ExecuteReader_that_fails_on_its_first_statement_runs_no_other()
    {
        using var connection = Open();
        using var command = new VecStoreCommand("SELECT nope FROM docs; DELETE FROM docs", connection);
        var error = Assert.Throws<VecStoreException>(() => command.ExecuteReader());
        Assert.Equal(ErrorCode.UnknownColumn, error.Code);
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public void NextResult_that_fails_ends_the_reader_and_Close_runs_nothing_more()
    {
        using var connection = Open();
        using var command = new VecStoreCommand("SELECT id FROM docs ORDER BY id; SELECT nope FROM docs; DELETE FROM docs; INSERT INTO docs VALUES (9, 'z', [0, 0])", connection);
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1L, reader.GetInt64(0));
        var error = Assert.Throws<VecStoreException>(() => reader.NextResult());
        Assert.Equal(ErrorCode.UnknownColumn, error.Code);
        Assert.False(reader.NextResult());
        Assert.False(reader.Read());
        reader.Close();
        reader.Dispose();
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public void Close_reports_a_failing_later_statement_and_runs_nothing_after_it()
    {
        using var connection = Open();
        using var command = new VecStoreCommand("SELECT id FROM docs; INSERT INTO docs VALUES (1, 'dup', [0, 0]); DELETE FROM docs", connection);
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var error = Assert.Throws<VecStoreException>(() => reader.Close());
        Assert.Equal(ErrorCode.DuplicateKey, error.Code);
        Assert.True(reader.IsClosed);
        reader.Dispose();
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public void A_row_that_fails_while_being_read_ends_the_command()
    {
        using var connection = Open();
        // SQLite raises "integer overflow" for abs() of the smallest 64-bit integer, here at id 1:
        // the rows come in descending order, so the error comes from Read, after rows 3 and 2.
        using var command = new VecStoreCommand(
            "SELECT abs(id - 9223372036854775807 - 2) FROM docs ORDER BY id DESC; DELETE FROM docs", connection);
        var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.ThrowsAny<DbException>(() => reader.Read());
        Assert.False(reader.NextResult());
        reader.Dispose();
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public async Task Async_forms_stop_at_the_failing_statement()
    {
        await using var connection = Open();
        await using (var scalar = new VecStoreCommand("SELECT count(*) FROM no_such_table; DELETE FROM docs", connection))
            await Assert.ThrowsAsync<VecStoreException>(() => scalar.ExecuteScalarAsync());
        await using (var nonQuery = new VecStoreCommand("DELETE FROM no_such_table; DELETE FROM docs", connection))
            await Assert.ThrowsAsync<VecStoreException>(() => nonQuery.ExecuteNonQueryAsync());
        await using (var query = new VecStoreCommand("SELECT id FROM docs; SELECT nope FROM docs; DELETE FROM docs", connection))
        {
            var reader = await query.ExecuteReaderAsync();
            await Assert.ThrowsAsync<VecStoreException>(() => reader.NextResultAsync());
            await reader.DisposeAsync();
        }
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public void Batch_stops_at_the_failing_command()
    {
        using var connection = Open();
        VecStoreBatch Batch()
        {
            var batch = connection.CreateBatch();
            batch.BatchCommands.Add(new VecStoreBatchCommand("SELECT id FROM docs"));
            batch.BatchCommands.Add(new VecStoreBatchCommand("SELECT count(*) FROM no_such_table"));
            batch.BatchCommands.Add(new VecStoreBatchCommand("DELETE FROM docs"));
            return batch;
        }

        using (var batch = Batch())
            Assert.Equal(ErrorCode.UnknownTable, Assert.Throws<VecStoreException>(() => batch.ExecuteNonQuery()).Code);
        using (var batch = Batch())
            Assert.Equal(ErrorCode.UnknownTable, Assert.Throws<VecStoreException>(() => batch.ExecuteScalar()).Code);
        using (var batch = Batch())
        {
            var reader = batch.ExecuteReader();
            Assert.Throws<VecStoreException>(() => reader.NextResult());
            reader.Dispose();
        }
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public void Dapper_stops_at_the_failing_statement_on_every_call()
    {
        using var connection = Open();
        Assert.Throws<VecStoreException>(() => connection.ExecuteScalar<long>("SELECT count(*) FROM no_such_table; DELETE FROM docs"));
        Assert.Throws<VecStoreException>(() => connection.Execute("UPDATE docs SET nope = 1; DELETE FROM docs"));
        Assert.Throws<VecStoreException>(() => connection.Query<long>("SELECT id FROM no_such_table; DELETE FROM docs").ToList());
        // Query reads the first result set, then skips the others: the failing one ends the command.
        Assert.Throws<VecStoreException>(() => connection.Query<long>("SELECT id FROM docs; SELECT nope FROM docs; DELETE FROM docs").ToList());
        Assert.Throws<VecStoreException>(() =>
        {
            using var grid = connection.QueryMultiple("SELECT id FROM docs; SELECT nope FROM docs; DELETE FROM docs");
            grid.Read<long>().ToList();
            grid.Read<long>().ToList();
        });
        Assert.Equal([1L, 2L, 3L], StoredIds());
    }

    [Fact]
    public void A_failed_command_leaves_the_connection_usable()
    {
        using var connection = Open();
        Assert.Throws<VecStoreException>(() => connection.ExecuteScalar<long>("SELECT count(*) FROM no_such_table; DELETE FROM docs"));
        Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT count(*) FROM docs"));
        Assert.Equal(1, connection.Execute("DELETE FROM docs WHERE id = 3"));
        Assert.Equal([1L, 2L], StoredIds());
    }
}
