using Dapper;

namespace VecStore.QueryLanguage.Tests.LongStatements;

/// <summary>CREATE INDEX stops when it is cancelled or out of time, at every stage of every method, and leaves the database as it was: no index, no file, CHECK clean.</summary>
public sealed class CancelledIndexBuildTests
{
    public static TheoryData<string, string> Stages => new()
    {
        { "CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)", "linking vectors into the graph" },
        { "CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)", "tuning the default search breadth" },
        { "CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)", "writing the index file" },
        { "CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 16)", "drawing a training sample" },
        { "CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 16)", "training the centroids" },
        { "CREATE INDEX t_v ON t USING IVF (v) WITH (lists = 16)", "assigning vectors to lists" },
        { "CREATE INDEX t_v ON t USING IVFPQ (v) WITH (lists = 8, m = 4)", "training the product quantizer" },
        { "CREATE INDEX t_v ON t USING IVFPQ (v) WITH (lists = 8, m = 4)", "assigning vectors to lists" },
    };

    [Theory]
    [MemberData(nameof(Stages))]
    public void Cancel_from_another_thread_stops_the_build_and_changes_nothing(string createIndex, string stage)
    {
        using var db = new CancellationDatabase(rows: 1500, dimensions: 8);
        var before = db.Capture();
        VecStoreCommand? running = null;
        // Cancel() comes from a thread of its own while the build waits in its first report of the stage.
        var trigger = ProgressTrigger.OnAnotherThread(stage, () => running!.Cancel(), atDone: stage.StartsWith("training", StringComparison.Ordinal) ? 1 : 0);

        var error = db.Fails(createIndex, trigger, command => running = command);

        Assert.True(trigger.Fired, $"the build never reported '{stage}'");
        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(before, db.Capture());
        db.Execute(createIndex);
        Assert.InRange(db.Connection.QuerySingle<long>("SELECT id FROM t ORDER BY v <-> @q LIMIT 1", new { q = new float[8] }), 1, 1500);
        Assert.Contains("index t_v on t", db.Capture().Indexes);
    }

    [Fact]
    public void A_build_cancelled_inside_a_transaction_leaves_the_transaction_going()
    {
        using var db = new CancellationDatabase(rows: 1500, dimensions: 8);
        using var transaction = db.Connection.BeginTransaction();
        db.Connection.Execute("DELETE FROM t WHERE id <= 10", transaction: transaction);
        VecStoreCommand? running = null;
        var trigger = new ProgressTrigger("linking", () => running!.Cancel());
        using (var command = new VecStoreCommand("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)", db.Connection) { Transaction = transaction, Progress = trigger })
        {
            running = command;
            Assert.Equal(ErrorCode.Cancelled, Assert.Throws<VecStoreException>(() => command.ExecuteNonQuery()).Code);
        }
        transaction.Commit();
        Assert.Equal(1490, db.Scalar("SELECT count(*) FROM t"));
        Assert.DoesNotContain("index", db.Capture().Indexes);
        Assert.Empty(Directory.GetFiles(db.Folder, "*-index-*"));
    }

    [Fact]
    public void A_cancelled_token_stops_Dapper_ExecuteAsync_with_a_cancelled_task_carrying_VECSQL0230()
    {
        using var db = new CancellationDatabase(rows: 1500, dimensions: 8);
        var before = db.Capture();
        using var source = new CancellationTokenSource();
        db.Connection.Progress = new ProgressTrigger("linking", source.Cancel);

        var task = db.Connection.ExecuteAsync(new CommandDefinition("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)", cancellationToken: source.Token));
        var error = Assert.ThrowsAny<OperationCanceledException>(() => task.GetAwaiter().GetResult());

        Assert.True(task.IsCanceled);
        Assert.Equal(source.Token, error.CancellationToken);
        Assert.Equal(ErrorCode.Cancelled, Assert.IsType<VecStoreException>(error.InnerException).Code);
        db.Connection.Progress = null;
        Assert.Equal(before, db.Capture());
    }

    public static TheoryData<string> AsyncCalls => ["ExecuteNonQueryAsync", "ExecuteScalarAsync", "ExecuteReaderAsync"];

    [Theory]
    [MemberData(nameof(AsyncCalls))]
    public async Task A_token_cancelled_during_an_async_call_stops_it(string call)
    {
        using var db = new CancellationDatabase(rows: 1500, dimensions: 8);
        var before = db.Capture();
        using var source = new CancellationTokenSource();
        using var command = new VecStoreCommand("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)", db.Connection) { Progress = new ProgressTrigger("linking", source.Cancel) };

        Task run = call switch
        {
            "ExecuteNonQueryAsync" => command.ExecuteNonQueryAsync(source.Token),
            "ExecuteScalarAsync" => command.ExecuteScalarAsync(source.Token),
            _ => command.ExecuteReaderAsync(source.Token),
        };
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(ErrorCode.Cancelled, Assert.IsType<VecStoreException>(error.InnerException).Code);
        Assert.Equal(before, db.Capture());
    }

    [Fact]
    public void CommandTimeout_stops_a_build_that_runs_past_it_and_names_the_limit()
    {
        using var db = new CancellationDatabase(rows: 1500, dimensions: 8);
        var before = db.Capture();
        // The build's first report holds it past the one-second limit: a slow build, without a slow test.
        var trigger = new ProgressTrigger("linking", () => Thread.Sleep(1300));

        var error = db.Fails("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32)", trigger, command => command.CommandTimeout = 1);

        Assert.Equal(ErrorCode.TimedOut, error.Code);
        Assert.Contains("CommandTimeout = 1 s", error.Message);
        Assert.Equal(before, db.Capture());
    }

    [Fact]
    public void CommandTimeout_is_no_limit_by_default_and_refuses_negative_values()
    {
        using var command = new VecStoreCommand();
        Assert.Equal(0, command.CommandTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => command.CommandTimeout = -1);
        Assert.Equal(0, new VecStoreBatch().Timeout);
    }

    [Fact]
    public void Cancel_with_nothing_running_does_nothing_and_the_next_execution_runs()
    {
        using var db = new CancellationDatabase(rows: 100, dimensions: 4);
        using var command = new VecStoreCommand("SELECT count(*) FROM t", db.Connection);
        command.Cancel();
        Assert.Equal(100L, command.ExecuteScalar());
        command.Cancel();
        Assert.Equal(100L, command.ExecuteScalar());
    }

    [Fact]
    public void No_statement_after_a_cancelled_one_runs()
    {
        using var db = new CancellationDatabase(rows: 1500, dimensions: 8);
        VecStoreCommand? running = null;
        var error = db.Fails("CREATE INDEX t_v ON t USING HNSW (v) WITH (m = 8, ef_construction = 32); DELETE FROM t", new ProgressTrigger("linking", () => running!.Cancel()), command => running = command);
        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(1500, db.Scalar("SELECT count(*) FROM t"));
    }
}
