using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>One thread's share of a batched search: gathers stored vectors into a chunk and scores each chunk against every query panel.</summary>
/// <remarks>
/// <para>
/// The accepted vectors of the blocks this thread claims are copied, as float32, into a chunk
/// small enough to stay in the core's L2 cache next to one query panel; each chunk is then
/// scored against all panels, 8 rows × 48 queries per kernel call, so every stored vector is
/// read from memory once for the whole batch. The copy is also where presence bits and the
/// filter are applied, once per vector rather than once per query, and where float16 is widened.
/// </para>
/// <para>
/// Each query keeps a heap of the <c>candidates</c> best fast scores (as keys of
/// <typeparamref name="TOrder"/>) in one shared array, and its threshold in a per-lane array, so
/// that the common case, no score of a row beating any threshold, is one vector compare per
/// 16 queries. Rents its memory; <see cref="Dispose"/> returns it.
/// </para>
/// </remarks>
internal sealed class BatchWorker<TBatch, TOrder> : IDisposable
    where TBatch : struct, IBatchScore
    where TOrder : struct, IScanOrder
{
    // Bytes of stored vectors per chunk: with a 784-float query panel (150 KB) this stays within
    // a 1 MB L2. Measured on one Zen 5 core, 1,000 queries: 64 KB to 1 MB were within the noise
    // (1,860-2,060 QPS on 60,000 x 784, 620-690 QPS on 1,000,000 x 128).
    private const int ChunkBytes = 256 * 1024;
    private const int Alignment = 64;

    private readonly QueryPanels _panels;
    private readonly int _dimensions;
    private readonly int _candidates;
    private readonly int _capacity;
    private readonly float[] _rowMemory;
    private readonly int _rowStart;
    private readonly long[] _ids;
    private readonly float[] _rowFactors;
    private readonly Neighbor[] _heaps;
    private readonly int[] _counts;
    private readonly float[] _thresholds;
    private int _rows;

    /// <summary>Whether a stored vector's norm lies where the dot-product form overflows or underflows in float32 (<see cref="BatchNorms"/>).</summary>
    public bool SawExtremeNorm { get; private set; }

    public BatchWorker(QueryPanels panels, int candidates)
    {
        _panels = panels;
        _dimensions = panels.Dimensions;
        _candidates = candidates;
        _capacity = Math.Clamp(ChunkBytes / (sizeof(float) * _dimensions) / DotProductTile.Rows * DotProductTile.Rows, DotProductTile.Rows, 4096);
        _rowMemory = ArrayPool<float>.Shared.Rent(checked((_capacity * _dimensions) + (Alignment / sizeof(float))));
        _rowStart = AlignedStart(_rowMemory);
        _ids = ArrayPool<long>.Shared.Rent(_capacity);
        _rowFactors = ArrayPool<float>.Shared.Rent(_capacity);
        _heaps = ArrayPool<Neighbor>.Shared.Rent(checked(panels.QueryCount * candidates));
        _counts = ArrayPool<int>.Shared.Rent(panels.QueryCount);
        _counts.AsSpan(0, panels.QueryCount).Clear();
        _thresholds = ArrayPool<float>.Shared.Rent(panels.LaneCount);
        _thresholds.AsSpan(0, panels.LaneCount).Fill(float.PositiveInfinity);
    }

    /// <summary>The candidates kept for query <paramref name="query"/>, as (id, key) in heap order.</summary>
    public ReadOnlySpan<Neighbor> Candidates(int query) => _heaps.AsSpan(query * _candidates, _counts[query]);

    /// <summary>Adds the present vectors of <paramref name="block"/> that <paramref name="filter"/> accepts, scoring the chunk whenever it fills.</summary>
    /// <remarks>The block has been validated: its data holds <c>Count</c> vectors of <paramref name="element"/>.</remarks>
    public void Add<TFilter>(VectorBlock block, VectorElement element, ref TFilter filter)
        where TFilter : struct, IRowFilter
    {
        foreach ((int start, int end) in new PresentRuns(block))
        {
            for (int i = start; i < end; i++)
            {
                long id = block.IdAt(i);
                if (filter.Accepts(id))
                {
                    Append(block.Data, element, i, id);
                }
            }
        }
    }

    /// <summary>Scores the rows still in the chunk.</summary>
    public void Flush()
    {
        if (_rows > 0)
        {
            ScoreChunk();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_rowMemory);
        ArrayPool<long>.Shared.Return(_ids);
        ArrayPool<float>.Shared.Return(_rowFactors);
        ArrayPool<Neighbor>.Shared.Return(_heaps);
        ArrayPool<int>.Shared.Return(_counts);
        ArrayPool<float>.Shared.Return(_thresholds);
    }

    private static unsafe int AlignedStart(float[] memory)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(memory));
        return (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float);
    }

    private void Append(ReadOnlySpan<byte> data, VectorElement element, int position, long id)
    {
        int d = _dimensions;
        Span<float> row = _rowMemory.AsSpan(_rowStart + (_rows * d), d);
        if (element == VectorElement.Float32)
        {
            MemoryMarshal.Cast<byte, float>(data.Slice(position * d * sizeof(float), d * sizeof(float))).CopyTo(row);
        }
        else
        {
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(data.Slice(position * d * 2, d * 2)), row);
        }

        _ids[_rows] = id;
        float squaredNorm = DotProduct.Compute(row, row);
        SawExtremeNorm |= BatchNorms.IsExtreme<TBatch>(squaredNorm);
        _rowFactors[_rows] = TBatch.RowFactor(squaredNorm);
        if (++_rows == _capacity)
        {
            ScoreChunk();
        }
    }

    // Compiled fully optimised at first call: a CREATE INDEX runs its k-means through here a few
    // times only, and the tiered JIT's first version of this loop is many times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreChunk()
    {
        int rows = _rows;
        int d = _dimensions;

        // The last tile reads whole rows past the end; zeros there keep stale NaN or subnormals from slowing it.
        int padded = (rows + DotProductTile.Rows - 1) / DotProductTile.Rows * DotProductTile.Rows;
        _rowMemory.AsSpan(_rowStart + (rows * d), (padded - rows) * d).Clear();

        TileSums sums = default;
        ref float chunk = ref _rowMemory[_rowStart];
        for (int g = 0; g < _panels.GroupCount; g++)
        {
            ref float panel = ref _panels.Panel(g);
            bool wide = _panels.Width(g) == DotProductTile.WideLanes;
            for (int start = 0; start < rows; start += DotProductTile.Rows)
            {
                ref float tileRows = ref Unsafe.Add(ref chunk, (nint)start * d);
                if (wide)
                {
                    DotProductTile.Wide(ref panel, ref tileRows, d, d, ref sums);
                    Offer(ref sums, 3, g, start, Math.Min(DotProductTile.Rows, rows - start));
                }
                else
                {
                    DotProductTile.Narrow(ref panel, ref tileRows, d, d, ref sums);
                    Offer(ref sums, 1, g, start, Math.Min(DotProductTile.Rows, rows - start));
                }
            }
        }

        _rows = 0;
    }

    /// <summary>Turns a tile's dot products into keys and offers those that beat their query's threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Offer(ref TileSums sums, int registers, int group, int firstRow, int rowCount)
    {
        int laneStart = _panels.LaneStart(group);
        ref float factors = ref Unsafe.Add(ref _panels.LaneFactors, laneStart);
        ref float thresholds = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_thresholds), laneStart);
        for (int r = 0; r < rowCount; r++)
        {
            Vector512<float> rowFactor = Vector512.Create(_rowFactors[firstRow + r]);
            for (int s = 0; s < registers; s++)
            {
                Vector512<float> keys = TOrder.Key(TBatch.Score(sums[(r * registers) + s], rowFactor, Vector512.LoadUnsafe(ref factors, (nuint)(16 * s))));
                Vector512<float> limits = Vector512.LoadUnsafe(ref thresholds, (nuint)(16 * s));

                // Once the heaps are full nearly every row loses to all 16 thresholds. A NaN key
                // is never greater, so it is offered, as TopK expects.
                if (Vector512.GreaterThanAll(keys, limits))
                {
                    continue;
                }

                ulong accepted = ~Vector512.GreaterThan(keys, limits).ExtractMostSignificantBits() & _panels.ValidLanes(group, s);
                if (accepted != 0)
                {
                    Insert(keys, accepted, laneStart + (16 * s), _panels.FirstQuery(group) + (16 * s), _ids[firstRow + r]);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Insert(Vector512<float> keys, ulong lanes, int firstSlot, int firstQuery, long id)
    {
        while (lanes != 0)
        {
            int lane = BitOperations.TrailingZeroCount(lanes);
            lanes &= lanes - 1;
            int query = firstQuery + lane;
            var top = new TopK(_heaps.AsSpan(query * _candidates, _candidates), _counts[query]);
            if (top.TryAdd(id, keys[lane]))
            {
                _counts[query] = top.Count;
                _thresholds[firstSlot + lane] = top.Threshold;
            }
        }
    }
}
