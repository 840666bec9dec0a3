using System.Globalization;
using System.Text;
using Dapper;

namespace VecStore.QueryLanguage.Tests.LongStatements;

/// <summary>Big writes stop when cancelled and keep nothing: an INSERT of many rows, DELETE and UPDATE of many rows (with vectors, and SQLite's own), a bulk load; inside a transaction the transaction goes on.</summary>
public sealed class CancelledWriteTests
{
    [Fact]
    public void An_INSERT_of_many_rows_stops_part_way_and_keeps_none()
    {
        using var db = new CancellationDatabase(rows: 10, dimensions: 4);
        var before = db.Capture();
        var values = new StringBuilder("INSERT INTO t VALUES ");
        for (int id = 100; id < 3100; id++)
            values.Append(id == 100 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({id}, 1, [{id}, 0, 0, 1])");
        VecStoreCommand? running = null;
        var trigger = new ProgressTrigger("inserting rows", () => running!.Cancel(), atDone: 1024);

        var error = db.Fails(values.ToString(), trigger, command => running = command);

        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(new VecStoreProgress("inserting rows", 1024, 3000), trigger.Reports[^1]);
        Assert.Equal(before, db.Capture());
    }

    [Theory]
    [InlineData("DELETE FROM t WHERE tag < 8", "freeing the vectors of deleted rows", 4000)]
    [InlineData("DELETE FROM t WHERE tag < 8", "deleting rows", 4000)]
    [InlineData("UPDATE t SET v = [1, 2, 3, 4] WHERE tag < 8", "updating rows", 4000)]
    [InlineData("UPDATE t SET tag = tag + 100", "updating rows", 5000)]
    public void A_DELETE_or_UPDATE_of_many_rows_stops_and_changes_nothing(string statement, string stage, int changed)
    {
        using var db = new CancellationDatabase(rows: 5000, dimensions: 4);
        var before = db.Capture();
        VecStoreCommand? running = null;

        var error = db.Fails(statement, new ProgressTrigger(stage, () => running!.Cancel()), command => running = command);

        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(before, db.Capture());
        Assert.Equal(changed, db.Execute(statement));
    }

    [Fact]
    public void Inside_a_transaction_a_cancelled_DELETE_is_undone_and_the_transaction_goes_on()
    {
        using var db = new CancellationDatabase(rows: 5000, dimensions: 4);
        using var transaction = db.Connection.BeginTransaction();
        db.Connection.Execute("INSERT INTO t VALUES (9001, 1, [1, 1, 1, 1])", transaction: transaction);
        foreach (string stage in (string[])["freeing the vectors of deleted rows", "deleting rows"])
        {
            using var command = new VecStoreCommand("DELETE FROM t WHERE tag < 8", db.Connection) { Transaction = transaction };
            command.Progress = new ProgressTrigger(stage, command.Cancel);
            Assert.Equal(ErrorCode.Cancelled, Assert.Throws<VecStoreException>(() => command.ExecuteNonQuery()).Code);
        }
        transaction.Commit();
        Assert.Equal(5001, db.Scalar("SELECT count(*) FROM t"));
        Assert.Equal(9001L, db.Connection.QuerySingle<long>("SELECT id FROM t ORDER BY v <-> [1, 1, 1, 1] LIMIT 1"));
    }

    [Fact]
    public void A_bulk_load_stops_when_its_token_is_cancelled_and_keeps_no_row()
    {
        using var db = new CancellationDatabase(rows: 10, dimensions: 4);
        var before = db.Capture();
        using var source = new CancellationTokenSource();
        var bulk = new VecStoreBulkInsert(db.Connection, "t") { ProgressInterval = 2000, Progress = new Stop(source) };

        var error = Assert.ThrowsAny<OperationCanceledException>(() =>
            bulk.Write(Enumerable.Range(100, 10_000).Select(id => new object?[] { (long)id, 1L, new float[] { id, 0, 0, 0 } }), source.Token));

        Assert.Equal(ErrorCode.Cancelled, Assert.IsType<VecStoreException>(error.InnerException).Code);
        Assert.Equal(before, db.Capture());
    }

    [Fact]
    public void A_write_waiting_for_another_writer_s_lock_stops_at_its_time_limit_not_at_the_busy_timeout()
    {
        using var locked = new HeldByAnotherWriter();
        using var insert = new VecStoreCommand("INSERT INTO t VALUES (101, 1, [1, 1, 1, 1])", locked.Waiter) { CommandTimeout = 1 };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<VecStoreException>(() => insert.ExecuteNonQuery());

        Assert.Equal(ErrorCode.TimedOut, error.Code);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
        locked.Holder.Rollback();
        Assert.Equal(1, insert.ExecuteNonQuery());
    }

    [Fact]
    public async Task A_write_waiting_for_another_writer_s_lock_stops_when_its_token_is_cancelled()
    {
        using var locked = new HeldByAnotherWriter();
        using var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locked.Waiter.ExecuteAsync(new CommandDefinition("DELETE FROM t", cancellationToken: source.Token)));

        Assert.Equal(ErrorCode.Cancelled, Assert.IsType<VecStoreException>(error.InnerException).Code);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.1, 10);
        locked.Holder.Rollback();
        Assert.Equal(10, locked.Db.Scalar("SELECT count(*) FROM t"));
    }

    /// <summary>A database whose write lock one connection holds in an open transaction, and a second connection that waits up to 30 s for it.</summary>
    private sealed class HeldByAnotherWriter : IDisposable
    {
        public HeldByAnotherWriter()
        {
            Db = new CancellationDatabase(rows: 10, dimensions: 4);
            // Checkpointed first: a connection opening beside a log to replay would itself wait for the lock.
            Db.Execute("CHECKPOINT");
            Holder = Db.Connection.BeginTransaction();
            Db.Connection.Execute("INSERT INTO t VALUES (100, 1, [1, 1, 1, 1])", transaction: Holder);
            Waiter = new VecStoreConnection($"Data Source={Db.Path};Default Timeout=30");
            Waiter.Open();
        }

        public CancellationDatabase Db { get; }

        public VecStoreTransaction Holder { get; }

        public VecStoreConnection Waiter { get; }

        public void Dispose()
        {
            Waiter.Dispose();
            Holder.Dispose();
            Db.Dispose();
        }
    }

    /// <summary>Cancels a token at the first report of rows written.</summary>
    private sealed class Stop(CancellationTokenSource source) : IProgress<long>
    {
        public void Report(long value) => source.Cancel();
    }
}
