using VecStore.CrashWorker;
using VecStore.TestSupport;
using Xunit.Abstractions;

namespace VecStore.Durability.Tests;

/// <summary>
/// Kills a child process writing to a database with SIGKILL at random moments, reopens the file
/// and checks that it holds exactly the acknowledged transactions (or, for the one in flight at
/// the kill, all of it), that the vector index agrees with the table, and that CHECK finds every
/// file ok (every page checksum read afresh, rows against slots, the index against the table).
/// </summary>
/// <remarks>
/// The child (<c>VecStore.CrashWorker</c>) commits <see cref="CrashWorkload"/>'s deterministic
/// transactions, index builds and drops, and checkpoints, printing "ack i" after each commit
/// returns. A few dozen kills run in the suite; <c>VECSTORE_LONG=1</c> runs 250.
/// </remarks>
public sealed class CrashKillTests(ITestOutputHelper output)
{
    private static int Kills => Environment.GetEnvironmentVariable("VECSTORE_LONG") == "1" ? 250 : 30;

    [Fact]
    public void Every_acknowledged_commit_survives_sigkill_and_nothing_half_done_remains()
    {
        using var dir = new TempDirectory();
        string path = dir.File("crash.vdb");
        var random = new Random(2026);
        long present = 0;
        int killsDuringIndexWork = 0, killsAfterACommit = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            // Three kills in four fall after the worker's first commit, so that every one of them moves the
            // workload on however slow the machine is; the fourth counts from the open, so it may land in
            // recovery or before anything commits.
            bool afterACommit = kill % 4 != 3;
            if (afterACommit)
                killsAfterACommit++;
            long acked = RunAndKill(path, present + 1, TimeSpan.FromMilliseconds(random.Next(20, 400)), afterFirstCommit: afterACommit);
            long before = present;
            present = Verify(path, Math.Max(present, acked));
            Assert.True(present >= before, $"kill {kill}: the database went back from {before} to {present} transactions");
            if (CrashWorkload.KindOf(acked + 1) != TransactionKind.Rows)
                killsDuringIndexWork++;
        }
        Assert.True(present >= killsAfterACommit, $"only {present} transactions committed over {killsAfterACommit} kills that each waited for a commit");
        output.WriteLine($"{Kills} kills, {present} transactions committed, {killsDuringIndexWork} kills with an index build or drop or an ALTER TABLE in flight");
    }

    /// <summary>Starts the worker at transaction <paramref name="from"/>, kills it <paramref name="delay"/> after it opened the database (or after its first commit), returns the last acknowledged transaction.</summary>
    /// <param name="vacuumEvery">When above 0, the worker also runs VACUUM after every this many transactions.</param>
    /// <param name="onLine">Sees every line the worker prints.</param>
    /// <param name="killNow">When set before <paramref name="delay"/> has passed, the kill comes at once.</param>
    /// <param name="afterFirstCommit">Count the delay from the worker's first acknowledged commit rather than from the open: on a
    /// loaded machine the open and the first transaction can take longer than any fixed delay, and a kill before them tests
    /// nothing new each time.</param>
    internal static long RunAndKill(string path, long from, TimeSpan delay, int vacuumEvery = 0, Action<string>? onLine = null,
        ManualResetEventSlim? killNow = null, bool afterFirstCommit = false)
    {
        using var worker = WorkerProcess.StartWriter(path, from, vacuumEvery: vacuumEvery, onLine: onLine);
        if (afterFirstCommit)
            worker.WaitForAck(from, TimeSpan.FromSeconds(60));
        if (killNow is null)
            Thread.Sleep(delay);
        else
            killNow.Wait(delay);
        Assert.False(worker.HasExited, "the worker stopped by itself: " + worker.Errors());
        return worker.Kill();
    }

    /// <summary>Opens the database and checks it holds the state after <paramref name="acked"/> or <paramref name="acked"/> + 1 transactions; returns which.</summary>
    internal static long Verify(string path, long acked)
    {
        using var connection = new VecStoreConnection($"Data Source={path}");
        connection.Open();
        var rows = Sql.Rows(connection, "SELECT id, val, v FROM t ORDER BY id");
        bool hasIndex = connection.GetIndexes("t").Count > 0;
        long? extra = ExtraRows(connection);

        foreach (long count in new[] { acked, acked + 1 })
        {
            var expected = CrashWorkload.StateAfter(count);
            if (expected.HasIndex == hasIndex && Same(expected.Rows, rows) && expected.Extra?.Count == extra)
            {
                CheckIndex(connection, expected);
                // Every page checksum holds, every row's slot carries it, every index agrees with its table.
                var report = CheckResults.AssertAllOk(connection, $"after {count} transactions");
                Assert.Equal(hasIndex, report.Any(r => r.Kind == "vector index"));
                return count;
            }
        }
        var acknowledged = CrashWorkload.StateAfter(acked);
        Assert.Fail($"after {acked} acknowledged transactions the database holds {rows.Count} rows (index: {hasIndex}, extra vectors: {extra?.ToString() ?? "no column"}); "
            + $"expected {acknowledged.Rows.Count} (index: {acknowledged.HasIndex}, extra vectors: {acknowledged.Extra?.Count.ToString() ?? "no column"}) or the next transaction's state; first difference: {FirstDifference(acknowledged.Rows, rows)}");
        return acked;
    }

    /// <summary>How many rows hold a vector in the ALTER-added column <c>extra</c> (each the one the workload wrote), or null when the table has no such column.</summary>
    private static long? ExtraRows(VecStoreConnection connection)
    {
        if (!connection.GetTables().Single(t => t.Name == "t").Definition.Contains("extra VECTOR(4)", StringComparison.Ordinal))
            return null;
        long set = Sql.Count(connection, "SELECT count(*) FROM t WHERE extra IS NOT NULL");
        Assert.Equal(set, Sql.Count(connection, "SELECT count(*) FROM t WHERE extra <-> [0.5, 0.25, 0.125, 1] <= 0"));
        return set;
    }

    /// <summary>When the index exists, every sampled row's own vector finds that row first through it.</summary>
    private static void CheckIndex(VecStoreConnection connection, ModelState expected)
    {
        if (!expected.HasIndex)
            return;
        int checkedRows = 0, found = 0;
        foreach (var (id, (_, v)) in expected.Rows)
        {
            if (v is null || id % 7 != 0)
                continue;
            using var command = new VecStoreCommand("SELECT id FROM t ORDER BY v <-> @q LIMIT 1", connection);
            command.Parameters.AddWithValue("q", v);
            checkedRows++;
            if (command.ExecuteScalar() is long nearest && nearest == id)
                found++;
        }
        Assert.True(found >= checkedRows * 0.98, $"the index found {found} of {checkedRows} rows by their own vectors");
    }

    private static bool Same(SortedDictionary<long, (long Val, float[]? V)> expected, SortedDictionary<long, (long Val, float[]? V)> actual)
        => FirstDifference(expected, actual) is null;

    private static string? FirstDifference(SortedDictionary<long, (long Val, float[]? V)> expected, SortedDictionary<long, (long Val, float[]? V)> actual)
    {
        foreach (var (id, row) in expected)
        {
            if (!actual.TryGetValue(id, out var other))
                return $"row {id} is missing";
            if (other.Val != row.Val)
                return $"row {id} has val {other.Val}, not {row.Val}";
            if ((row.V is null) != (other.V is null) || (row.V is not null && !row.V.AsSpan().SequenceEqual(other.V)))
                return $"row {id} has another vector";
        }
        foreach (var id in actual.Keys)
            if (!expected.ContainsKey(id))
                return $"row {id} should not exist";
        return null;
    }
}
