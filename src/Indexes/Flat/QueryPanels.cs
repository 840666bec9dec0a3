using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>The queries of a batch packed dimension-major in groups, as <see cref="DotProductTile"/> reads them.</summary>
/// <remarks>
/// Queries are cut into wide groups of 48 while more than 32 remain, then narrow groups of 16,
/// so at most 15 lanes of the last group are padding (zeros, never reported). Each lane has a
/// slot in per-lane arrays such as thresholds: group <c>g</c> owns slots
/// <c>[LaneStart(g), LaneStart(g) + Width(g))</c>. Read-only once built, so the threads of a
/// batch share it. Rents its memory; <see cref="Dispose"/> returns it.
/// </remarks>
internal sealed class QueryPanels : IDisposable
{
    // A 512-bit load from an address aligned to a cache line never spans two lines.
    private const int Alignment = 64;

    private readonly float[] _memory;
    private readonly int _alignedStart;
    private readonly int[] _firstQuery;
    private readonly int[] _width;
    private readonly int[] _laneStart;
    private readonly float[] _laneFactors;

    private QueryPanels(int queryCount, int dimensions, int[] firstQuery, int[] width, int[] laneStart, int laneCount)
    {
        QueryCount = queryCount;
        Dimensions = dimensions;
        _firstQuery = firstQuery;
        _width = width;
        _laneStart = laneStart;
        LaneCount = laneCount;
        _memory = ArrayPool<float>.Shared.Rent(checked((laneCount * dimensions) + (Alignment / sizeof(float))));
        _alignedStart = AlignedStart(_memory);
        _laneFactors = ArrayPool<float>.Shared.Rent(laneCount);
    }

    /// <summary>Number of queries in the batch.</summary>
    public int QueryCount { get; }

    /// <summary>Floats per query.</summary>
    public int Dimensions { get; }

    /// <summary>Number of groups.</summary>
    public int GroupCount => _width.Length;

    /// <summary>Lane slots over all groups, padding included.</summary>
    public int LaneCount { get; }

    /// <summary>Packs <paramref name="queryCount"/> queries of <paramref name="dimensions"/> floats each, with the per-lane factors of <typeparamref name="TBatch"/>.</summary>
    public static QueryPanels Build<TBatch>(ReadOnlySpan<float> queries, int queryCount, int dimensions)
        where TBatch : struct, IBatchScore
    {
        int groups = 0;
        for (int remaining = queryCount; remaining > 0; remaining -= WidthFor(remaining))
        {
            groups++;
        }

        var firstQuery = new int[groups];
        var width = new int[groups];
        var laneStart = new int[groups];
        int lanes = 0;
        for (int g = 0, first = 0; g < groups; g++)
        {
            firstQuery[g] = first;
            width[g] = WidthFor(queryCount - first);
            laneStart[g] = lanes;
            lanes += width[g];
            first += width[g];
        }

        var panels = new QueryPanels(queryCount, dimensions, firstQuery, width, laneStart, lanes);
        panels.Fill<TBatch>(queries);
        return panels;
    }

    /// <summary>The first query of group <paramref name="group"/>.</summary>
    public int FirstQuery(int group) => _firstQuery[group];

    /// <summary>The lanes of group <paramref name="group"/>: <see cref="DotProductTile.WideLanes"/> or <see cref="DotProductTile.NarrowLanes"/>.</summary>
    public int Width(int group) => _width[group];

    /// <summary>The first lane slot of group <paramref name="group"/>.</summary>
    public int LaneStart(int group) => _laneStart[group];

    /// <summary>The first float of group <paramref name="group"/>'s panel: element t of lane l at offset <c>t * Width + l</c>.</summary>
    public ref float Panel(int group) => ref _memory[_alignedStart + (_laneStart[group] * Dimensions)];

    /// <summary>The <see cref="IBatchScore.QueryFactor"/> of every lane slot, 0 for padding.</summary>
    public ref float LaneFactors => ref MemoryMarshal.GetArrayDataReference(_laneFactors);

    /// <summary>A mask of the lanes 16s..16s+15 of group <paramref name="group"/> that hold queries.</summary>
    public ulong ValidLanes(int group, int s)
    {
        int valid = QueryCount - _firstQuery[group] - (16 * s);
        return valid >= 16 ? 0xFFFF : valid <= 0 ? 0 : (1UL << valid) - 1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_memory);
        ArrayPool<float>.Shared.Return(_laneFactors);
    }

    private static int WidthFor(int remaining) => remaining > 2 * DotProductTile.NarrowLanes ? DotProductTile.WideLanes : DotProductTile.NarrowLanes;

    private static unsafe int AlignedStart(float[] memory)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(memory));
        return (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float);
    }

    private void Fill<TBatch>(ReadOnlySpan<float> queries)
        where TBatch : struct, IBatchScore
    {
        int dimensions = Dimensions;
        for (int g = 0; g < GroupCount; g++)
        {
            int w = _width[g];
            Span<float> panel = _memory.AsSpan(_alignedStart + (_laneStart[g] * dimensions), w * dimensions);
            for (int l = 0; l < w; l++)
            {
                int q = _firstQuery[g] + l;
                if (q >= QueryCount)
                {
                    for (int t = 0; t < dimensions; t++)
                    {
                        panel[(t * w) + l] = 0f;
                    }

                    _laneFactors[_laneStart[g] + l] = 0f;
                    continue;
                }

                ReadOnlySpan<float> query = queries.Slice(q * dimensions, dimensions);
                for (int t = 0; t < dimensions; t++)
                {
                    panel[(t * w) + l] = query[t];
                }

                _laneFactors[_laneStart[g] + l] = TBatch.QueryFactor(DotProduct.Compute(query, query));
            }
        }
    }
}
