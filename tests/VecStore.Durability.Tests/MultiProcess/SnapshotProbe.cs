using VecStore.CrashWorker;

namespace VecStore.Durability.Tests.MultiProcess;

/// <summary>One read transaction on table <c>t</c> of the crash workload, checked for consistency while another process writes.</summary>
/// <remarks>
/// Every row's vector must be the one its <c>val</c> says was written with it (or NULL), so a
/// page read from a stale mapping or a half-applied checkpoint shows up as a wrong vector; the
/// count and sum must be the same at the start and the end of the transaction; a row's own
/// vector must find it through whatever plan the query takes (the HNSW index when it exists).
/// </remarks>
internal static class SnapshotProbe
{
    public readonly record struct Result(long Count, long Sum, bool FoundSelf, TimeSpan Held);

    public static Result Run(VecStoreConnection connection, Random random, TimeSpan hold)
    {
        using var transaction = connection.BeginTransaction();
        long counted = Count(connection, transaction);
        var withVectors = new List<(long Id, float[] V)>();
        var (rows, sum) = Scan(connection, transaction, withVectors);
        Assert.Equal(counted, rows);

        bool foundSelf = true;
        if (withVectors.Count > 0)
        {
            var (id, v) = withVectors[random.Next(withVectors.Count)];
            using var command = new VecStoreCommand("SELECT id FROM t ORDER BY v <-> @q LIMIT 10", connection) { Transaction = transaction };
            command.Parameters.AddWithValue("q", v);
            foundSelf = false;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                foundSelf |= reader.GetInt64(0) == id;
        }

        if (hold > TimeSpan.Zero)
            Thread.Sleep(hold);
        Assert.Equal(counted, Count(connection, transaction));
        Assert.Equal((rows, sum), Scan(connection, transaction, null));
        transaction.Commit();
        return new Result(rows, sum, foundSelf, hold);
    }

    // Every row, checking each vector against its version; returns the row count and the sum of val.
    private static (long Rows, long Sum) Scan(VecStoreConnection connection, VecStoreTransaction transaction, List<(long Id, float[] V)>? withVectors)
    {
        long rows = 0, sum = 0;
        using var command = new VecStoreCommand("SELECT id, val, v FROM t", connection) { Transaction = transaction };
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows++;
            long id = reader.GetInt64(0), val = reader.GetInt64(1);
            sum += val;
            if (reader.IsDBNull(2))
                continue;
            var v = (float[])reader.GetValue(2);
            Assert.True(v.AsSpan().SequenceEqual(CrashWorkload.Vector(id, val)),
                $"row {id} (val {val}) holds a vector another version of the row wrote, or none ever written");
            withVectors?.Add((id, v));
        }
        return (rows, sum);
    }

    private static long Count(VecStoreConnection connection, VecStoreTransaction transaction)
    {
        using var command = new VecStoreCommand("SELECT count(*) FROM t", connection) { Transaction = transaction };
        return (long)command.ExecuteScalar()!;
    }
}
