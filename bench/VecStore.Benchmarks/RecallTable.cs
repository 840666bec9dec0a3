using System.Diagnostics;
using VecStore.Indexes;

namespace VecStore.Benchmarks;

/// <summary>One search of a measured index: the query and room for the results; returns how many were written.</summary>
internal delegate int SearchOne(ReadOnlySpan<float> query, Span<Neighbor> results);

/// <summary>Prints one row of single-thread QPS and recall@10 per search setting, the table every ANN measurement shares.</summary>
internal static class RecallTable
{
    public const int K = 10;

    public static void Row(int setting, float[] queries, int dimensions, int queryCount, int[] truth, int truthWidth, SearchOne search)
    {
        var results = new Neighbor[K];
        for (int q = 0; q < Math.Min(200, queryCount); q++)
        {
            search(queries.AsSpan(q * dimensions, dimensions), results);
        }

        long hits = 0;
        var clock = Stopwatch.StartNew();
        for (int q = 0; q < queryCount; q++)
        {
            int written = search(queries.AsSpan(q * dimensions, dimensions), results);
            ReadOnlySpan<int> expected = truth.AsSpan(q * truthWidth, K);
            for (int i = 0; i < written; i++)
            {
                if (expected.Contains((int)results[i].Id))
                {
                    hits++;
                }
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {setting,-6} {queryCount / seconds,13:F0}  {hits / (double)(queryCount * K),9:F4}  {seconds * 1000 / queryCount,7:F3}");
    }
}
