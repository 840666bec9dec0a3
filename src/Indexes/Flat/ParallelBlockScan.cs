using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>One flat scan split between the calling thread and pool threads that join while blocks remain.</summary>
/// <remarks>
/// Threads claim blocks one at a time, so an uneven source (sparse presence, a short last block)
/// keeps every thread busy to the end, and each keeps its own top k; the k best overall are
/// among their union whatever the split, so the result equals a single-threaded scan. The caller
/// never waits for a helper that has not started: once it runs out of blocks it closes the scan,
/// and helpers that arrive later leave without touching it. On a busy machine this bounds the
/// cost of asking for help by the work actually helped with.
/// </remarks>
internal sealed class ParallelBlockScan<TScorer, TOrder, TFilter> : IThreadPoolWorkItem
    where TScorer : struct, IScorer
    where TOrder : struct, IScanOrder
    where TFilter : struct, IRowFilter
{
    // _state holds this flag once the caller has closed the scan, plus the number of helpers inside it.
    private const int Closed = 1 << 30;

    private readonly IVectorSource _vectors;
    private readonly int _blockCount;
    private readonly byte[] _query;
    private readonly double _prepared;
    private readonly TFilter _filter;
    private readonly int _k;
    private readonly Neighbor[] _kept;
    private readonly int[] _keptCounts;
    private readonly ManualResetEventSlim _helpersDone = new(false);
    private readonly CancellationToken _cancellationToken;
    private int _nextBlock;
    private int _state;
    private int _lastSlot;
    private Exception? _failure;

    private ParallelBlockScan(IVectorSource vectors, byte[] query, double prepared, TFilter filter, int k, int threads, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _vectors = vectors;
        _blockCount = vectors.BlockCount;
        _query = query;
        _prepared = prepared;
        _filter = filter;
        _k = k;
        _kept = ArrayPool<Neighbor>.Shared.Rent(threads * k);
        _keptCounts = new int[threads];
    }

    /// <summary>Scans every block on up to <paramref name="threads"/> threads and writes the sorted top k (as keys) to <paramref name="results"/>.</summary>
    /// <remarks><paramref name="query"/> is the encoded query the scorer reads; every thread checks <paramref name="cancellationToken"/> before each block.</remarks>
    public static int Run(IVectorSource vectors, ReadOnlySpan<byte> query, double prepared, TFilter filter, Span<Neighbor> results, int threads, CancellationToken cancellationToken = default)
    {
        byte[] queryCopy = ArrayPool<byte>.Shared.Rent(query.Length);
        query.CopyTo(queryCopy);
        var scan = new ParallelBlockScan<TScorer, TOrder, TFilter>(vectors, queryCopy, prepared, filter, results.Length, threads, cancellationToken);
        try
        {
            for (int i = 1; i < threads; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(scan, preferLocal: false);
            }

            try
            {
                scan.ScanBlocks(slot: 0);
            }
            finally
            {
                // Helpers may still be writing to the rented buffers until this returns.
                scan.CloseAndWait();
            }

            if (scan._failure is not null)
            {
                ExceptionDispatchInfo.Throw(scan._failure);
            }

            return scan.Merge(results);
        }
        finally
        {
            scan._helpersDone.Dispose();
            ArrayPool<Neighbor>.Shared.Return(scan._kept);
            ArrayPool<byte>.Shared.Return(queryCopy);
        }
    }

    /// <summary>A helper's entry point on a pool thread.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        if (!TryEnter())
        {
            return;
        }

        try
        {
            ScanBlocks(Interlocked.Increment(ref _lastSlot));
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);

            // Stop the other threads early; the search fails anyway.
            Volatile.Write(ref _nextBlock, _blockCount);
        }
        finally
        {
            if (Interlocked.Decrement(ref _state) == Closed)
            {
                _helpersDone.Set();
            }
        }
    }

    private void ScanBlocks(int slot)
    {
        var top = new TopK(_kept.AsSpan(slot * _k, _k));
        ref byte query = ref MemoryMarshal.GetArrayDataReference(_query);
        TFilter filter = _filter;
        int block;
        while ((block = Interlocked.Increment(ref _nextBlock) - 1) < _blockCount)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            BlockScanner.ScanBlock<TScorer, TOrder, TFilter>(_vectors, block, ref query, _prepared, ref filter, ref top);
        }

        _keptCounts[slot] = top.Count;
    }

    private bool TryEnter()
    {
        int state = Volatile.Read(ref _state);
        while ((state & Closed) == 0)
        {
            int seen = Interlocked.CompareExchange(ref _state, state + 1, state);
            if (seen == state)
            {
                return true;
            }

            state = seen;
        }

        return false;
    }

    private void CloseAndWait()
    {
        if (Interlocked.Add(ref _state, Closed) != Closed)
        {
            _helpersDone.Wait();
        }
    }

    private int Merge(Span<Neighbor> results)
    {
        var merged = new TopK(results);
        for (int slot = 0; slot < _keptCounts.Length; slot++)
        {
            foreach (Neighbor n in _kept.AsSpan(slot * _k, _keptCounts[slot]))
            {
                merged.TryAdd(n.Id, n.Distance);
            }
        }

        return merged.CopySortedTo(results);
    }
}
