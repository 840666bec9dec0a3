using System.Buffers;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

public sealed partial class IvfIndex
{
    /// <summary>From this many probed lists on, a search scans them on several threads.</summary>
    private const int ParallelProbes = 64;

    /// <summary>Writes the <c>results.Length</c> nearest live vectors accepted by <paramref name="filter"/> among the <see cref="IvfOptions.NProbe"/> nearest lists, nearest first; returns how many.</summary>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>.</exception>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter =>
        Search(query, filter, results, Options.NProbe);

    /// <summary>As <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>, with a per-search number of probed lists.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, IvfSearchOptions options)
        where TFilter : struct, IRowFilter
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NProbe, 1, nameof(options));
        return Search(query, filter, results, options.NProbe);
    }

    /// <summary>Searches the <paramref name="breadth"/> nearest lists (nprobe), at least one.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth)
        where TFilter : struct, IRowFilter
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(breadth, 1);
        int nprobe = breadth;
        ThrowIfDisposed();
        if (query.Length != Dimensions)
        {
            ThrowHelper.LengthMismatch(nameof(query), Dimensions, query.Length);
        }

        CentroidSet? centroids = Volatile.Read(ref _centroids);
        if (centroids is null || results.IsEmpty)
        {
            return 0;
        }

        return Metric switch
        {
            Metric.L2 => Search<L2Scorer, TFilter>(centroids, query, filter, results, nprobe),
            Metric.Cosine => Search<CosineScorer, TFilter>(centroids, query, filter, results, nprobe),
            _ => Search<InnerProductScorer, TFilter>(centroids, query, filter, results, nprobe),
        };
    }

    private int Search<TScorer, TFilter>(CentroidSet centroids, ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int nprobe)
        where TScorer : struct, IScorer
        where TFilter : struct, IRowFilter
    {
        nprobe = Math.Min(nprobe, centroids.Count);
        int[] probes = ArrayPool<int>.Shared.Rent(nprobe);
        Neighbor[] heap = ArrayPool<Neighbor>.Shared.Rent(nprobe);
        try
        {
            int probed = centroids.NearestMany(query, probes.AsSpan(0, nprobe), heap);
            InvertedList[] lists = Volatile.Read(ref _lists);
            double prepared = TScorer.Prepare(query);
            var top = new TopK(results);
            if (probed >= ParallelProbes && Options.MaxThreads > 1)
            {
                ScanInParallel<TScorer, TFilter>(lists, probes.AsSpan(0, probed), query, prepared, filter, ref top);
            }
            else
            {
                for (int p = 0; p < probed; p++)
                {
                    ListScan.Scan<TScorer, TFilter>(query, prepared, lists[probes[p]].Read(), filter, ref top);
                }
            }

            int written = top.CopySortedTo(results);
            ListScan.ToDistances<TScorer>(results[..written]);
            return written;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(probes);
            ArrayPool<Neighbor>.Shared.Return(heap);
        }
    }

    /// <summary>Splits the probed lists over threads, each keeping its own best k, and merges them into <paramref name="top"/>.</summary>
    /// <remarks>Allocates per call (a copy of the query and a heap per thread); only wide searches come here.</remarks>
    private void ScanInParallel<TScorer, TFilter>(InvertedList[] lists, ReadOnlySpan<int> probes, ReadOnlySpan<float> query, double prepared, TFilter filter, ref TopK top)
        where TScorer : struct, IScorer
        where TFilter : struct, IRowFilter
    {
        int threads = Math.Min(Options.MaxThreads, probes.Length);
        float[] q = query.ToArray();
        int[] probeArray = probes.ToArray();
        var partial = new Neighbor[threads][];
        var counts = new int[threads];
        int k = top.Capacity;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            partial[t] = new Neighbor[k];
            var local = new TopK(partial[t]);

            // Interleaved, so that each thread gets near and far lists alike.
            for (int p = t; p < probeArray.Length; p += threads)
            {
                ListScan.Scan<TScorer, TFilter>(q, prepared, lists[probeArray[p]].Read(), filter, ref local);
            }

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
