using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

public sealed partial class IvfPqIndex
{
    /// <summary>Writes the <c>results.Length</c> nearest live vectors accepted by <paramref name="filter"/> among the <see cref="IvfPqOptions.NProbe"/> nearest lists, nearest first; returns how many.</summary>
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
    /// <remarks>
    /// Per probed list: the table of the query's residual to that centroid, then M lookups per
    /// code. For inner product one dot-product table serves all lists, each adding its −q·c. The best <c>Refine × results.Length</c> codes are re-ranked by exact distance to
    /// their original vectors; ties go to the smaller id.
    /// </remarks>
    public int Search<TFilter>(ReadOnlySpan<float> query, TFilter filter, Span<Neighbor> results, int breadth)
        where TFilter : struct, IRowFilter
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(breadth, 1);
        ThrowIfDisposed();
        if (query.Length != Dimensions)
        {
            ThrowHelper.LengthMismatch(nameof(query), Dimensions, query.Length);
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
        float[] residual = ArrayPool<float>.Shared.Rent(Dimensions);
        float[] table = ArrayPool<float>.Shared.Rent(trained.Quantizer.TableLength);
        try
        {
            int probed = trained.Centroids.NearestMany(query, probes.AsSpan(0, nprobe), heap);

            // Candidates are kept under their location, which leads straight to the original vector.
            var top = new TopK(heap.AsSpan(0, candidates));
            Span<float> residualSpan = residual.AsSpan(0, Dimensions);
            Span<float> tableSpan = table.AsSpan(0, trained.Quantizer.TableLength);
            bool innerProduct = Metric == Metric.InnerProduct;
            if (innerProduct)
            {
                trained.Quantizer.ComputeInnerProductTable(query, tableSpan);
            }

            for (int p = 0; p < probed; p++)
            {
                int list = probes[p];
                ReadOnlySpan<float> centroid = trained.Centroids.Centroid(list);
                float bias = 0;
                if (innerProduct)
                {
                    bias = -DotProduct.Compute(query, centroid);
                }
                else
                {
                    Trained.Residual(query, centroid, residualSpan);
                    trained.Quantizer.ComputeTable(residualSpan, tableSpan);
                }

                ScanCodes(tableSpan, bias, trained.Codes[list].Read(), list, Options.M, filter, ref top);
            }

            int found = top.CopySortedTo(heap);
            return Refine(trained, query, heap.AsSpan(0, found), results);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(probes);
            ArrayPool<Neighbor>.Shared.Return(heap);
            ArrayPool<float>.Shared.Return(residual);
            ArrayPool<float>.Shared.Return(table);
        }
    }

    /// <summary>Offers every live, accepted code of <paramref name="view"/> to <paramref name="top"/> by its table distance plus <paramref name="bias"/> (the list's share of the score).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanCodes<TFilter>(ReadOnlySpan<float> table, float bias, ListView view, int list, int m, TFilter filter, ref TopK top)
        where TFilter : struct, IRowFilter
    {
        ref float t = ref MemoryMarshal.GetReference(table);
        ref byte codes = ref MemoryMarshal.GetReference(view.Data);
        for (int i = 0; i < view.Count; i++)
        {
            ref byte code = ref Unsafe.Add(ref codes, i * m);
            float score = bias;
            for (int j = 0; j < m; j++)
            {
                score += Unsafe.Add(ref t, (j * ProductQuantizer.Codewords) + Unsafe.Add(ref code, j));
            }

            if (score <= top.Threshold && !view.IsDeleted(i) && filter.Accepts(view.Ids[i]))
            {
                top.TryAdd(IvfChecks.Location(list, i), score);
            }
        }
    }

    /// <summary>Re-ranks the candidates (by location) with exact distances into <paramref name="results"/>; returns how many.</summary>
    private int Refine(Trained trained, ReadOnlySpan<float> query, ReadOnlySpan<Neighbor> candidates, Span<Neighbor> results)
    {
        var best = new TopK(results);
        foreach (Neighbor candidate in candidates)
        {
            int list = IvfChecks.ListOf(candidate.Id);
            int position = IvfChecks.PositionOf(candidate.Id);
            ReadOnlySpan<byte> vector = trained.Vectors[list].Entry(position);
            best.TryAdd(trained.Codes[list].IdAt(position), DistanceKernels.Distance(Metric, query, vector, ElementType));
        }

        return best.CopySortedTo(results);
    }
}
