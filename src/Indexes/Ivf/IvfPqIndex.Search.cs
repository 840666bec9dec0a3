using System.Buffers;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

public sealed partial class IvfPqIndex
{
    /// <summary>Writes the <c>results.Length</c> nearest live vectors accepted by <paramref name="filter"/> among the <see cref="IvfPqOptions.NProbe"/> nearest lists, nearest first; returns how many.</summary>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>.</exception>
    /// <exception cref="InvalidOperationException">The index does not store its vectors (<see cref="StoresVectors"/>): use an overload that takes the vectors to re-rank from.</exception>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results)
        where TFilter : struct, IRowFilter =>
        Search(query, filter, results, Options.NProbe, vectors: null);

    /// <summary>As <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor})"/>, with a per-search number of probed lists, re-ranking from <paramref name="vectors"/> when the index does not store its own.</summary>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, IvfSearchOptions options, IVectorSource? vectors = null)
        where TFilter : struct, IRowFilter
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NProbe, 1, nameof(options));
        return Search(query, filter, results, options.NProbe, vectors);
    }

    /// <summary>Searches the <paramref name="breadth"/> nearest lists (nprobe), at least one.</summary>
    /// <exception cref="InvalidOperationException">The index does not store its vectors: pass them with <see cref="Search{TFilter}(ReadOnlySpan{float}, TFilter, Span{Neighbor}, int, IVectorSource?)"/>.</exception>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth)
        where TFilter : struct, IRowFilter =>
        Search(query, filter, results, breadth, vectors: null);

    /// <summary>Searches the <paramref name="breadth"/> nearest lists (nprobe), at least one, re-ranking the candidates with vectors from <paramref name="vectors"/> unless the index stores its own.</summary>
    /// <remarks>
    /// Per probed list: the table of the query's residual to that centroid, then M lookups per
    /// code (<see cref="CodeScan"/>); a list of fewer than 256 codes compares them with the residual
    /// directly instead (<see cref="DecodingScan"/>). For inner product one dot-product table serves
    /// all lists, each adding its −q·c. From 64 probes on, the lists are split over <see cref="IvfPqOptions.MaxThreads"/>
    /// threads. The best <c>Refine × results.Length</c> codes are then re-ranked by exact distance to
    /// their original vectors, ties to the smaller id. Without stored vectors those are read from
    /// <paramref name="vectors"/> by id, and a candidate it does not hold is left out: for Storage
    /// that is a slot the statement's snapshot does not see (removed, or not yet written then).
    /// </remarks>
    /// <exception cref="ArgumentException">The query length is not <see cref="Dimensions"/>, or <paramref name="vectors"/> holds vectors of another shape.</exception>
    /// <exception cref="InvalidOperationException">The index does not store its vectors and <paramref name="vectors"/> is null.</exception>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth, IVectorSource? vectors)
        where TFilter : struct, IRowFilter
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(breadth, 1);
        ThrowIfDisposed();
        if (query.Length != Dimensions)
        {
            ThrowHelper.LengthMismatch(nameof(query), Dimensions, query.Length);
        }

        if (!StoresVectors)
        {
            if (vectors is null)
            {
                throw new InvalidOperationException("This IVFPQ index does not store its vectors: pass the vectors to re-rank from to Search.");
            }

            IvfChecks.Source(vectors, Dimensions, ElementType);
        }

        Trained? trained = Volatile.Read(ref _trained);
        if (trained is null || results.IsEmpty)
        {
            return 0;
        }

        int nprobe = Math.Min(breadth, trained.Centroids.Count);
        int candidates = (int)Math.Min(Array.MaxLength, (long)Options.Refine * results.Length);
        int[] probes = ArrayPool<int>.Shared.Rent(nprobe);
        Neighbor[] heap = ArrayPool<Neighbor>.Shared.Rent(Math.Max(nprobe, candidates));
        try
        {
            int probed = trained.Centroids.NearestMany(query, probes.AsSpan(0, nprobe), heap);

            // Candidates are kept under their location (list, position), which leads straight to the entry.
            var top = new TopK(heap.AsSpan(0, candidates));
            if (probed >= ParallelProbes.Threshold && Options.MaxThreads > 1)
            {
                ScanInParallel(trained, query, probes.AsSpan(0, probed), filter, ref top);
            }
            else
            {
                using var scanner = new ListScanner(trained, query, Metric);
                for (int p = 0; p < probed; p++)
                {
                    scanner.Scan(probes[p], filter, ref top);
                }
            }

            int found = top.CopySortedTo(heap);
            return Refine(trained, query, heap.AsSpan(0, found), vectors, results);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(probes);
            ArrayPool<Neighbor>.Shared.Return(heap);
        }
    }

    /// <summary>Scans the probed lists on several threads (<see cref="ParallelProbes"/>), each with its own residual and table.</summary>
    private void ScanInParallel<TFilter>(Trained trained, ReadOnlySpan<float> query, ReadOnlySpan<int> probes, TFilter filter, ref TopK top)
        where TFilter : struct, IRowFilter
    {
        float[] q = query.ToArray();
        Metric metric = Metric;
        ParallelProbes.Scan(probes, Options.MaxThreads, (int[] shared, int first, int step, ref TopK local) =>
        {
            using var scanner = new ListScanner(trained, q, metric);
            for (int p = first; p < shared.Length; p += step)
            {
                scanner.Scan(shared[p], filter, ref local);
            }
        }, ref top);
    }

    /// <summary>Re-ranks the candidates (by location) with exact distances into <paramref name="results"/>; returns how many.</summary>
    private int Refine(Trained trained, ReadOnlySpan<float> query, ReadOnlySpan<Neighbor> candidates, IVectorSource? vectors, Span<Neighbor> results)
    {
        var best = new TopK(results);
        foreach (Neighbor candidate in candidates)
        {
            int list = IvfChecks.ListOf(candidate.Id);
            int position = IvfChecks.PositionOf(candidate.Id);
            long id = trained.Codes[list].IdAt(position);
            ReadOnlySpan<byte> vector = trained.Vectors is { } stored ? stored[list].Entry(position) : vectors!.GetVectorData(id);
            if (!vector.IsEmpty)
            {
                best.TryAdd(id, DistanceKernels.Distance(Metric, query, vector, ElementType));
            }
        }

        return best.CopySortedTo(results);
    }

    /// <summary>Scans lists for one query on one thread: the query's residual and distance table live in rented buffers given back by <see cref="Dispose"/>.</summary>
    private readonly ref struct ListScanner
    {
        private readonly Trained _trained;
        private readonly ReadOnlySpan<float> _query;
        private readonly float[] _residual;
        private readonly float[] _table;
        private readonly bool _innerProduct;

        /// <summary>Rents the buffers; for inner product also fills the one table every list shares.</summary>
        public ListScanner(Trained trained, ReadOnlySpan<float> query, Metric metric)
        {
            _trained = trained;
            _query = query;
            _residual = ArrayPool<float>.Shared.Rent(query.Length);
            _table = ArrayPool<float>.Shared.Rent(trained.Quantizer.TableLength);
            _innerProduct = metric == Metric.InnerProduct;
            if (_innerProduct)
            {
                trained.Quantizer.ComputeInnerProductTable(query, Table);
            }
        }

        private Span<float> Table => _table.AsSpan(0, _trained.Quantizer.TableLength);

        /// <summary>Offers the accepted live codes of list <paramref name="list"/> to <paramref name="top"/>: a short list by decoding its codes (<see cref="DecodingScan"/>), else through the list's distance table.</summary>
        public void Scan<TFilter>(int list, TFilter filter, ref TopK top)
            where TFilter : struct, IRowFilter
        {
            ReadOnlySpan<float> centroid = _trained.Centroids.Centroid(list);
            ProductQuantizer quantizer = _trained.Quantizer;
            ListView codes = _trained.Codes[list].Read();
            float bias = 0;
            if (_innerProduct)
            {
                bias = -DotProduct.Compute(_query, centroid);
            }
            else
            {
                Span<float> residual = _residual.AsSpan(0, _query.Length);
                Trained.Residual(_query, centroid, residual);
                if (DecodingScan.Suits(codes.Count, quantizer.SubDimensions))
                {
                    DecodingScan.Scan(residual, quantizer.Codebooks, quantizer.SubDimensions, codes, list, filter, ref top);
                    return;
                }

                quantizer.ComputeTable(residual, Table);
            }

            CodeScan.Scan(Table, bias, codes, list, quantizer.M, filter, ref top);
        }

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(_residual);
            ArrayPool<float>.Shared.Return(_table);
        }
    }
}
