using Microsoft.Data.Sqlite;
using VecStore.Storage;
using VecStore.Storage.Catalog;
using VecStore.TestSupport;

namespace VecStore.Storage.Tests;

/// <summary>
/// A stopped statement interrupts SQLite only where that undoes no more than the statement: a
/// statement that is its own transaction, or one that only reads. SQLite rolls back the whole
/// transaction when it interrupts a write, so inside an explicit transaction a writing statement is
/// never interrupted in SQLite (it stops between its steps, and its savepoint is rolled back).
/// </summary>
public sealed class SqliteInterruptTests : IDisposable
{
    private const int Rows = 20_000;
    private readonly TempDirectory _folder = new();
    private readonly Session _session;
    private readonly TableSchema _table;

    public SqliteInterruptTests()
    {
        _session = StorageFixture.Open(_folder.File("i.vdb"));
        _table = StorageFixture.CreateDocs(_session, dims: 2);
        StorageFixture.Write(_session, _ => _session.Insert(_table, Enumerable.Range(1, Rows).Select(id => new object?[] { (long)id, "x", null })));
    }

    public void Dispose()
    {
        _session.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_stopped_statement_that_is_its_own_transaction_interrupts_SQLite_s_write_and_keeps_nothing()
    {
        var monitor = Stopped();
        using (_session.BeginStatement(writes: true))
        {
            var error = Assert.Throws<SqliteException>(() => _session.Connection.Execute("DELETE FROM " + _table.StorageName + " WHERE rowid % 7 <> 100", []));
            Assert.Equal(9, error.SqliteErrorCode);
        }
        _session.Monitor = StatementMonitor.None;
        Assert.Equal(Rows, Count());
        StorageFixture.Write(_session, _ => _session.Delete(_table, null));
        Assert.Equal(0, Count());
    }

    [Fact]
    public void Inside_a_transaction_a_writing_statement_is_not_interrupted_and_the_transaction_survives_its_rollback()
    {
        _session.BeginTransaction();
        StorageFixture.Write(_session, _ => _session.Insert(_table, [[(long)Rows + 1, "kept", null]]));
        Stopped();
        using (_session.BeginStatement(writes: true))
            Assert.Equal(Rows + 1, _session.Connection.Execute("DELETE FROM " + _table.StorageName + " WHERE rowid % 7 <> 100", []));
        _session.Monitor = StatementMonitor.None;
        _session.Commit();
        Assert.Equal(Rows + 1, Count());
    }

    [Fact]
    public void Inside_a_transaction_a_reading_statement_is_interrupted_and_the_transaction_goes_on()
    {
        _session.BeginTransaction();
        StorageFixture.Write(_session, _ => _session.Insert(_table, [[(long)Rows + 1, "kept", null]]));
        Stopped();
        using (_session.BeginStatement(writes: false))
        {
            var error = Assert.Throws<SqliteException>(() => _session.Connection.Scalar("SELECT count(*) FROM " + _table.StorageName + " WHERE rowid % 7 <> 100", []));
            Assert.True(error.SqliteErrorCode == 9, error.Message);
        }
        _session.Monitor = StatementMonitor.None;
        _session.Commit();
        Assert.Equal(Rows + 1, Count());
    }

    private StatementMonitor Stopped()
    {
        var monitor = new StatementMonitor(null, 0);
        monitor.Cancel();
        _session.Monitor = monitor;
        return monitor;
    }

    private long Count() => StorageFixture.Read(_session, () => _session.Count(_table, null));
}
