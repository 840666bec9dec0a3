using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;
using VecStore.Indexes.Flat;
using VecStore.Indexes.Hnsw;

namespace VecStore.Indexes.Ivf;

/// <summary>The centroids of a coarse quantizer, with the nearest-centroid searches that training, adding and probing share.</summary>
/// <remarks>
/// A centroid is ranked by <c>‖c‖² − 2·q·c</c>, which orders centroids as the squared Euclidean
/// distance does (the ‖q‖² term is the same for all) at the cost of one dot product. For the
/// angular metrics the centroids are unit vectors, so the same rank orders them by descending
/// q·c, that is by cosine: one code path serves L2, cosine and inner product.
/// Immutable after construction; safe for concurrent readers.
/// </remarks>
internal sealed class CentroidSet
{
    // Centroids per block of the batch searcher: several blocks per thread, so that all threads
    // share a batch even when there are only a few hundred centroids (one block would leave a
    // single thread doing all the work; fashion-mnist, 980 lists: 111 → 187 GFLOP/s on 2 cores).
    private const int MinBatchBlock = 32;

    // Points per batched search: the batch packs its queries into panels and gives every thread a
    // heap per query, so a 256,000-point sample in one batch touched ~200 MB of fresh memory on
    // every call; in chunks the same few megabytes are rented again and again. The centroids are
    // re-read once per chunk, which is cheap beside the chunk × k × d multiply-adds.
    private const int BatchChunkPoints = 16384;

    // The graph over the centroids is searched with a candidate list this many times nprobe (and
    // at least GraphMinEf): the probes need the nearest lists as a set, and a short list misses
    // some of the farther ones (ef = max(32, 2·nprobe) cost 1.3-1.6 points of recall@10 at
    // nprobe 8-16 on synth-1m-128 with 4,000 lists; this setting is within 0.4 of every centroid).
    private const int GraphEfFactor = 4;
    private const int GraphMinEf = 64;

    private readonly float[] _centroids;
    private readonly float[] _squaredNorms;
    private readonly Lock _graphGate = new();
    private readonly SmallCodebook? _small;
    private FlatIndex? _batchSearcher;
    private HnswIndex? _graph;

    /// <summary>Wraps <paramref name="centroids"/>, <c>count × dimensions</c> floats, in place.</summary>
    public CentroidSet(float[] centroids, int dimensions)
    {
        Dimensions = dimensions;
        Count = centroids.Length / dimensions;
        _centroids = centroids;
        _squaredNorms = new float[Count];
        for (int c = 0; c < Count; c++)
        {
            ReadOnlySpan<float> centroid = Centroid(c);
            _squaredNorms[c] = DotProduct.Compute(centroid, centroid);
        }

        if (SmallCodebook.Supports(dimensions))
        {
            _small = new SmallCodebook(centroids, dimensions);
        }
    }

    /// <summary>From this many centroids on, a search finds its probes through an HNSW graph over the centroids instead of comparing the query with each one.</summary>
    /// <remarks>
    /// The coarse step costs lists × d multiply-adds per query, as much as scanning lists × d / (n / lists)
    /// vectors: with 4·√n lists it is a large share of a search at small nprobe. The graph visits a
    /// few hundred centroids instead. Measured where it pays: docs/architecture.md, "IVF coarse
    /// quantizer". Settable for the benchmarks and tests that compare both ways.
    /// </remarks>
    internal static int GraphMinLists { get; set; } = 4096;

    public int Count { get; }

    public int Dimensions { get; }

    /// <summary>All centroids back to back.</summary>
    public ReadOnlySpan<float> All => _centroids;

    public long MemoryBytes => ((_centroids.Length + _squaredNorms.Length) * (long)sizeof(float)) + (_small?.MemoryBytes ?? 0) + (Volatile.Read(ref _graph)?.MemoryBytes ?? 0);

    /// <summary>Whether a search of <paramref name="nprobe"/> of <paramref name="lists"/> lists finds them through the centroid graph: many lists, and a candidate list (4 × nprobe) of at most an eighth of them.</summary>
    public static bool ProbesByGraph(int lists, int nprobe) => lists >= GraphMinLists && (long)nprobe * GraphEfFactor * 8 <= lists;

    /// <summary>Whether probes are found through the centroid graph (see <see cref="GraphMinLists"/>).</summary>
    public bool UsesGraph => Count >= GraphMinLists;

    /// <summary>Builds the centroid graph now when <see cref="UsesGraph"/>, so the first search does not pay for it.</summary>
    public void PrepareGraph()
    {
        if (UsesGraph)
        {
            _ = Graph();
        }
    }

    public ReadOnlySpan<float> Centroid(int index) => _centroids.AsSpan(index * Dimensions, Dimensions);

    /// <summary>Writes the nearest centroid of each of <c>nearest.Length</c> points, given back to back, to <paramref name="nearest"/>.</summary>
    /// <remarks>
    /// A batched exact search with the points as queries and the centroids as the stored set: the
    /// register-tiled kernel of <see cref="FlatIndex.SearchBatch{TFilter}"/> computes point-tile ×
    /// centroid-tile dot products as a matrix multiply does, several times faster than
    /// <see cref="Nearest"/> one point at a time; the winner is rescored with the exact L2 kernel.
    /// This is the assignment step of k-means and of a bulk add, n·k·d multiply-adds each.
    /// Falls back to <see cref="Nearest"/> per point without 512-bit vectors.
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between chunks of points).</exception>
    public void NearestBatch(ReadOnlySpan<float> points, Span<int> nearest, int maxThreads, CancellationToken cancellationToken = default)
    {
        int n = nearest.Length;
        if (points.Length < (long)n * Dimensions)
        {
            ThrowHelper.Argument(nameof(points), $"{n} points of {Dimensions} dimensions take {(long)n * Dimensions} floats, but the span holds {points.Length}.");
        }

        if (_small is not null || !Vector512.IsHardwareAccelerated)
        {
            NearestEach(points, nearest, maxThreads, cancellationToken);
            return;
        }

        FlatIndex searcher = BatchSearcher();
        int chunk = Math.Min(n, BatchChunkPoints);
        Neighbor[] best = ArrayPool<Neighbor>.Shared.Rent(chunk);
        int[] found = ArrayPool<int>.Shared.Rent(chunk);
        var options = new FlatSearchOptions { MaxThreads = maxThreads };
        try
        {
            for (int start = 0; start < n; start += chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(chunk, n - start);
                searcher.SearchBatch(points.Slice(start * Dimensions, count * Dimensions), count, default(AcceptAll), best.AsSpan(0, count), 1, found.AsSpan(0, count), options: options);
                for (int i = 0; i < count; i++)
                {
                    nearest[start + i] = (int)best[i].Id;
                }
            }
        }
        finally
        {
            ArrayPool<Neighbor>.Shared.Return(best);
            ArrayPool<int>.Shared.Return(found);
        }
    }

    /// <summary>One <see cref="Nearest"/> per point, blocks of points on up to <paramref name="maxThreads"/> threads.</summary>
    private unsafe void NearestEach(ReadOnlySpan<float> points, Span<int> nearest, int maxThreads, CancellationToken cancellationToken)
    {
        const int block = 1024;
        int n = nearest.Length;
        int d = Dimensions;
        if (maxThreads <= 1 || n <= block)
        {
            for (int i = 0; i < n; i++)
            {
                if ((i & (block - 1)) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                nearest[i] = Nearest(points.Slice(i * d, d));
            }

            return;
        }

        // Spans cannot enter the lambda; the caller's memory stays pinned for the duration.
        fixed (float* pointBase = points)
        fixed (int* nearestBase = nearest)
        {
            float* p = pointBase;
            int* result = nearestBase;
            Parallel.For(0, (n + block - 1) / block, new ParallelOptions { MaxDegreeOfParallelism = maxThreads, CancellationToken = cancellationToken }, b =>
            {
                int end = Math.Min(n, (b + 1) * block);
                for (int i = b * block; i < end; i++)
                {
                    result[i] = Nearest(new ReadOnlySpan<float>(p + ((long)i * d), d));
                }
            });
        }
    }

    private FlatIndex BatchSearcher()
    {
        FlatIndex? searcher = Volatile.Read(ref _batchSearcher);
        if (searcher is null)
        {
            int blockSize = Math.Max(MinBatchBlock, ((Count / (4 * Environment.ProcessorCount)) + 7) / 8 * 8);
            searcher = new FlatIndex(ArrayVectorSource.CopyAligned(_centroids, Dimensions, blockSize), Metric.L2);
            Volatile.Write(ref _batchSearcher, searcher);
        }

        return searcher;
    }

    /// <summary>The index of the centroid nearest to <paramref name="vector"/> (the smaller index on a tie).</summary>
    public int Nearest(ReadOnlySpan<float> vector)
    {
        if (_small is not null)
        {
            return _small.Nearest(vector);
        }

        int d = Dimensions;
        ref float v = ref MemoryMarshal.GetReference(vector);
        ref float first = ref MemoryMarshal.GetArrayDataReference(_centroids);
        float best = float.PositiveInfinity;
        int bestIndex = 0;
        int c = 0;
        for (; c + 4 <= Count; c += 4)
        {
            Vector128<float> dots = DotProduct.ComputeFour(ref v, ref Unsafe.Add(ref first, (nint)c * d), d, d);
            for (int j = 0; j < 4; j++)
            {
                float rank = _squaredNorms[c + j] - (2 * dots[j]);
                if (rank < best)
                {
                    best = rank;
                    bestIndex = c + j;
                }
            }
        }

        for (; c < Count; c++)
        {
            float rank = _squaredNorms[c] - (2 * DotProduct.Compute(ref v, ref Unsafe.Add(ref first, (nint)c * d), d));
            if (rank < best)
            {
                best = rank;
                bestIndex = c;
            }
        }

        return bestIndex;
    }

    /// <summary>Writes the indexes of the <c>nearest.Length</c> centroids nearest to <paramref name="query"/>, nearest first; returns how many.</summary>
    /// <param name="heap">Scratch for the selection, at least <c>nearest.Length</c> long.</param>
    /// <remarks>
    /// With <see cref="UsesGraph"/> and nprobe at most a 32nd of the lists, the probes come from
    /// the centroid graph: approximate (a list among the nearest may be missed, as a vector may be
    /// in any HNSW search) but a fraction of the cost. Ties and the order among equals then follow
    /// the graph's exact L2 distances, which order centroids as the rank of the full comparison does.
    /// </remarks>
    public int NearestMany(ReadOnlySpan<float> query, Span<int> nearest, Span<Neighbor> heap)
    {
        if (ProbesByGraph(Count, nearest.Length))
        {
            return NearestManyByGraph(query, nearest, heap);
        }

        int d = Dimensions;
        var top = new TopK(heap[..nearest.Length]);
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float first = ref MemoryMarshal.GetArrayDataReference(_centroids);
        int c = 0;
        for (; c + 4 <= Count; c += 4)
        {
            Vector128<float> dots = DotProduct.ComputeFour(ref q, ref Unsafe.Add(ref first, (nint)c * d), d, d);
            for (int j = 0; j < 4; j++)
            {
                top.TryAdd(c + j, _squaredNorms[c + j] - (2 * dots[j]));
            }
        }

        for (; c < Count; c++)
        {
            top.TryAdd(c, _squaredNorms[c] - (2 * DotProduct.Compute(ref q, ref Unsafe.Add(ref first, (nint)c * d), d)));
        }

        int written = top.CopySortedTo(heap);
        for (int i = 0; i < written; i++)
        {
            nearest[i] = (int)heap[i].Id;
        }

        return written;
    }

    private int NearestManyByGraph(ReadOnlySpan<float> query, Span<int> nearest, Span<Neighbor> heap)
    {
        Span<Neighbor> found = heap[..nearest.Length];
        int ef = Math.Max(GraphMinEf, GraphEfFactor * nearest.Length);
        int written = Graph().Search(query, default(AcceptAll), found, ef);
        for (int i = 0; i < written; i++)
        {
            nearest[i] = (int)found[i].Id;
        }

        return written;
    }

    /// <summary>The HNSW graph over the centroids, built on first use with one thread (so it is the same graph every time).</summary>
    private HnswIndex Graph()
    {
        HnswIndex? graph = Volatile.Read(ref _graph);
        if (graph is not null)
        {
            return graph;
        }

        lock (_graphGate)
        {
            graph = _graph;
            if (graph is null)
            {
                graph = new HnswIndex(VectorElement.Float32, Dimensions, Metric.L2, new HnswOptions { M = 16, EfConstruction = 100, MaxThreads = 1, ExpectedNodes = Count });
                graph.Build(new ArrayVectorSource(_centroids, Dimensions));
                Volatile.Write(ref _graph, graph);
            }
        }

        return graph;
    }
}
