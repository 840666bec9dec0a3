using VecStore.Indexes.Collections;

namespace VecStore.Indexes.Ivf;

/// <summary>Scans one query's probed lists on several threads, each keeping its own best candidates, then merges them: what IVF and IVFPQ do for wide searches.</summary>
/// <remarks>
/// Each thread takes every <c>threads</c>-th probe, so that near and far lists are spread evenly.
/// <see cref="TopK"/> keeps the same set whatever order candidates arrive in, so the answer does
/// not depend on the thread count. Allocates per call (a heap per thread, the caller's closure);
/// only wide searches come here.
/// </remarks>
internal static class ParallelProbes
{
    /// <summary>From this many probed lists on, a search is worth splitting.</summary>
    public const int Threshold = 64;

    /// <summary>Scans the probes <c>first, first + step, …</c> of <paramref name="probes"/> into <paramref name="top"/>.</summary>
    public delegate void ScanShare(int[] probes, int first, int step, ref TopK top);

    /// <summary>Runs <paramref name="scan"/> on up to <paramref name="maxThreads"/> threads and merges their candidates into <paramref name="top"/>.</summary>
    public static void Scan(ReadOnlySpan<int> probes, int maxThreads, ScanShare scan, ref TopK top)
    {
        int threads = Math.Min(maxThreads, probes.Length);
        int[] probeArray = probes.ToArray();
        var partial = new Neighbor[threads][];
        var counts = new int[threads];
        int capacity = top.Capacity;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            partial[t] = new Neighbor[capacity];
            var local = new TopK(partial[t]);
            scan(probeArray, t, threads, ref local);
            counts[t] = local.Count;
        });

        for (int t = 0; t < threads; t++)
        {
            foreach (Neighbor n in partial[t].AsSpan(0, counts[t]))
            {
                top.TryAdd(n.Id, n.Distance);
            }
        }
    }
}
