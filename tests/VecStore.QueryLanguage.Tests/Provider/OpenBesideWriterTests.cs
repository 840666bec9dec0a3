using System.Diagnostics;
using Dapper;
using VecStore.TestSupport;

namespace VecStore.QueryLanguage.Tests.Provider;

/// <summary>
/// Opening a connection and CHECKPOINT are not writes of rows: neither may wait for another
/// connection's open write transaction, even when the log holds vectors the pages do not have yet.
/// </summary>
public sealed class OpenBesideWriterTests
{
    // Far longer than a test may take: waiting for it at all is the failure.
    private const int BusyTimeoutSeconds = 120;
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_connection_opens_at_once_beside_a_write_transaction_with_unapplied_log_records()
    {
        using var dir = new TempDirectory();
        string cs = ConnectionString(dir.File("open.vdb"));
        using var first = new VecStoreConnection(cs);
        using var transaction = HoldWriteTransaction(first);

        var clock = Stopwatch.StartNew();
        using var second = new VecStoreConnection(cs);
        second.Open();
        clock.Stop();
        Assert.True(clock.Elapsed < AtOnce, $"opening waited {clock.Elapsed.TotalSeconds:F1} s for the other connection's transaction");

        // Both work: the second reads the committed state (not the open transaction's row) and
        // finds rows by their vectors; once the first commits, the second writes and sees all.
        Assert.Equal(2L, second.ExecuteScalar<long>("SELECT count(*) FROM t"));
        Assert.Equal(2L, second.ExecuteScalar<long>("SELECT id FROM t ORDER BY v <-> [0, 1] LIMIT 1"));
        first.Execute("INSERT INTO t VALUES (4, [2, 2])", transaction: transaction);
        transaction.Commit();
        second.Execute("INSERT INTO t VALUES (5, [3, 3])");
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, first.Query<long>("SELECT id FROM t ORDER BY id"));
        Assert.Equal(4L, second.ExecuteScalar<long>("SELECT id FROM t ORDER BY v <-> [2, 2.1] LIMIT 1"));
        first.Execute("CHECKPOINT");
        Assert.Equal(5L, second.ExecuteScalar<long>("SELECT id FROM t ORDER BY v <-> [3, 3] LIMIT 1"));
    }

    [Fact]
    public void Checkpoint_beside_a_write_transaction_moves_the_pages_without_waiting_for_the_lock()
    {
        using var dir = new TempDirectory();
        string cs = ConnectionString(dir.File("checkpoint.vdb"));
        using var first = new VecStoreConnection(cs);
        using var second = new VecStoreConnection(cs);
        second.Open();
        using var transaction = HoldWriteTransaction(first);

        // The pages take the committed records; only trimming the log needs the write lock, and it
        // waits its own second for it (then the next checkpoint trims), not the busy timeout.
        var clock = Stopwatch.StartNew();
        second.Execute("CHECKPOINT");
        clock.Stop();
        Assert.True(clock.Elapsed < AtOnce, $"CHECKPOINT waited {clock.Elapsed.TotalSeconds:F1} s for the other connection's transaction");

        transaction.Commit();
        second.Execute("CHECKPOINT");
        Assert.Equal(new long[] { 2, 3, 1 }, second.Query<long>("SELECT id FROM t ORDER BY v <-> [0, 1.2]"));
        Assert.Equal(3L, second.ExecuteScalar<long>("SELECT count(*) FROM t"));
    }

    private static string ConnectionString(string path) => $"Data Source={path};Default Timeout={BusyTimeoutSeconds}";

    // Rows 1 and 2 committed but not checkpointed (the log holds vectors the vector file does
    // not), row 3 inserted by a transaction left open: it holds the write lock.
    private static VecStoreTransaction HoldWriteTransaction(VecStoreConnection connection)
    {
        connection.Open();
        connection.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v VECTOR(2))");
        connection.Execute("INSERT INTO t VALUES (1, [1, 0]), (2, [0, 1])");
        var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO t VALUES (3, [1, 1])", transaction: transaction);
        return transaction;
    }
}
