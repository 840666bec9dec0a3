using Dapper;

namespace VecStore.QueryLanguage.Tests.LongStatements;

/// <summary>Queries stop when cancelled or out of time: an exact scan, a batch of searches, a range scan, a row stream SQLite produces.</summary>
public sealed class CancelledQueryTests
{
    private static readonly float[] Query = [0.5f, -0.25f, 0.125f, 0f, 0.5f, -0.5f, 0.25f, 1f];

    [Fact]
    public void Cancel_from_another_thread_stops_an_exact_scan()
    {
        using var db = new CancellationDatabase(rows: 2000, dimensions: 8);
        using var command = new VecStoreCommand("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", db.Connection);
        command.Parameters.AddWithValue("q", Query);
        command.Progress = ProgressTrigger.OnAnotherThread("ranking vectors", command.Cancel);

        var error = Assert.Throws<VecStoreException>(() => command.ExecuteReader());

        Assert.Equal(ErrorCode.Cancelled, error.Code);
        Assert.Equal(1, error.Line);
        command.Progress = null;
        using var again = command.ExecuteReader();
        Assert.True(again.Read());
    }

    [Fact]
    public void Cancel_stops_a_batch_of_searches_sharing_one_scan()
    {
        using var db = new CancellationDatabase(rows: 2000, dimensions: 8);
        db.Connection.Progress = new ProgressTrigger("ranking vectors", () => db.Connection.Progress = null);
        using var batch = db.Connection.CreateBatch();
        for (int i = 0; i < 6; i++)
        {
            var search = batch.CreateBatchCommand();
            search.CommandText = "SELECT id FROM t ORDER BY v <-> @q LIMIT 3";
            search.Parameters.AddWithValue("q", Query);
            batch.BatchCommands.Add(search);
        }
        db.Connection.Progress = new ProgressTrigger("ranking vectors", batch.Cancel);

        Assert.Equal(ErrorCode.Cancelled, Assert.Throws<VecStoreException>(() => batch.ExecuteReader()).Code);
    }

    [Fact]
    public void Cancel_stops_a_range_scan()
    {
        using var db = new CancellationDatabase(rows: 2000, dimensions: 8);
        using var command = new VecStoreCommand("SELECT count(*) FROM t WHERE v <-> @q < 1.5", db.Connection);
        command.Parameters.AddWithValue("q", Query);
        command.Progress = new ProgressTrigger("scanning vectors for a distance range", command.Cancel);
        Assert.Equal(ErrorCode.Cancelled, Assert.Throws<VecStoreException>(() => command.ExecuteScalar()).Code);
    }

    [Fact]
    public void CommandTimeout_stops_an_exact_scan_that_runs_past_it()
    {
        using var db = new CancellationDatabase(rows: 2000, dimensions: 8);
        using var command = new VecStoreCommand("SELECT id FROM t ORDER BY v <-> @q LIMIT 5", db.Connection) { CommandTimeout = 1 };
        command.Parameters.AddWithValue("q", Query);
        command.Progress = new ProgressTrigger("ranking vectors", () => Thread.Sleep(1300));

        var error = Assert.Throws<VecStoreException>(() => command.ExecuteReader());

        Assert.Equal(ErrorCode.TimedOut, error.Code);
        Assert.Contains("CommandTimeout = 1 s", error.Reason);
    }

    [Fact]
    public void Cancel_while_a_reader_streams_rows_interrupts_SQLite_at_the_next_read()
    {
        using var db = new CancellationDatabase(rows: 6000, dimensions: 0, vectors: false);
        // The first row is at the start of the table and no other passes: the next read scans it all.
        using var command = new VecStoreCommand("SELECT id FROM t WHERE id = 1 OR tag < 0", db.Connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        command.Cancel();
        Assert.Equal(ErrorCode.Cancelled, Assert.Throws<VecStoreException>(() => reader.Read()).Code);
        reader.Close();
        Assert.Equal(6000, db.Scalar("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task ReadAsync_with_a_cancelled_token_stops_the_reader_s_statement()
    {
        using var db = new CancellationDatabase(rows: 2000, dimensions: 8);
        using var command = new VecStoreCommand("SELECT id FROM t WHERE tag = 3", db.Connection);
        command.CommandTimeout = 5;
        using var reader = await command.ExecuteReaderAsync();
        using var source = new CancellationTokenSource();
        Assert.True(await reader.ReadAsync(source.Token));
        source.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(source.Token));
        Assert.True(await reader.ReadAsync(CancellationToken.None));
    }
}
