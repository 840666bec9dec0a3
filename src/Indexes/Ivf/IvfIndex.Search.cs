using System.Buffers;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

public sealed partial class IvfIndex
{
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
            if (probed >= ParallelProbes.Threshold && Options.MaxThreads > 1)
            {
                ScanInParallel<TScorer, TFilter>(lists, probes.AsSpan(0, probed), query, prepared, filter, Options.MaxThreads, ref top);
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

    /// <summary>Scans the probed lists on several threads (<see cref="ParallelProbes"/>).</summary>
    private static void ScanInParallel<TScorer, TFilter>(InvertedList[] lists, ReadOnlySpan<int> probes, ReadOnlySpan<float> query, double prepared, TFilter filter, int maxThreads, ref TopK top)
        where TScorer : struct, IScorer
        where TFilter : struct, IRowFilter
    {
        float[] q = query.ToArray();
        ParallelProbes.Scan(probes, maxThreads, (int[] shared, int first, int step, ref TopK local) =>
        {
            for (int p = first; p < shared.Length; p += step)
            {
                ListScan.Scan<TScorer, TFilter>(q, prepared, lists[shared[p]].Read(), filter, ref local);
            }
        }, ref top);
    }
}
