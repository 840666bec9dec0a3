using System.Diagnostics;

namespace VecStore.Repl.Bench;

/// <summary>Single mode: one query at a time through one prepared command, the way an application embedding the database searches.</summary>
/// <remarks>
/// As reference.py: 10 warm-up queries first (and, before the first point of a run, queries
/// for 1.5 s so that the JIT has compiled the search path fully), then the first <see cref="BenchOptions.SingleMaxQueries"/>
/// queries, or fewer once <see cref="BenchOptions.SingleMaxSeconds"/> have passed (but at least
/// <see cref="BenchOptions.SingleMinQueries"/>). One call is binding the query vector, executing, and
/// reading every returned id; QPS is queries over the summed call times.
/// </remarks>
internal static class SingleQueryRun
{
    private const int WarmUpQueries = 10;
    private const double JitWarmUpSeconds = 1.5;
    private static bool s_warmedUp;

    /// <summary>Times the queries on <paramref name="connection"/>.</summary>
    public static Measurement Measure(VecStoreConnection connection, BenchOptions options, object[] queries, NeighborLists truth, IReadOnlyList<IndexOption> searchParameters, int threads)
    {
        using var command = new VecStoreCommand(SearchStatement.Search(options.K, searchParameters), connection);
        var parameter = command.Parameters.AddWithValue("q", queries[0]);
        command.Prepare();

        // The protocol's warm run: the first measurement in a process also gives the JIT time to
        // finish compiling the search path (its first calls run unoptimised code), then every
        // point warms its own caches with a few queries as reference.py does.
        var warmUntil = Stopwatch.GetTimestamp() + (s_warmedUp ? 0 : Stopwatch.Frequency * JitWarmUpSeconds);
        s_warmedUp = true;
        for (int i = 0; i < queries.Length && (i < WarmUpQueries || Stopwatch.GetTimestamp() < warmUntil); i++)
        {
            parameter.Value = queries[i];
            Search(command, options.K);
        }

        int limit = Math.Min(options.SingleMaxQueries, queries.Length);
        var latencies = new List<double>(limit);
        var found = new List<long[]>(limit);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < limit; i++)
        {
            parameter.Value = queries[i];
            long before = Stopwatch.GetTimestamp();
            var ids = Search(command, options.K);
            latencies.Add(Stopwatch.GetElapsedTime(before).TotalSeconds);
            found.Add(ids);
            if (Stopwatch.GetElapsedTime(start).TotalSeconds > options.SingleMaxSeconds && i + 1 >= options.SingleMinQueries)
                break;
        }

        return new Measurement("single", threads, latencies.Count, latencies.Count / latencies.Sum(),
            LatencySummary.MeanMs(latencies), LatencySummary.PercentileMs(latencies, 99),
            RecallAt10.Compute(found, truth), searchParameters);
    }

    /// <summary>Runs the command once and returns the ids it found, nearest first.</summary>
    public static long[] Search(VecStoreCommand command, int k)
    {
        using var reader = command.ExecuteReader();
        var ids = new long[k];
        int count = 0;
        while (reader.Read() && count < k)
            ids[count++] = reader.GetInt64(0);
        return count == k ? ids : ids[..count];
    }
}
