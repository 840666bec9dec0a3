using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using VecStore.Indexes.Collections;
using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Flat;

/// <summary>A batched exact search: every block scored against all queries by <see cref="BatchWorker{TBatch, TOrder}"/>s on up to the given threads, then each query's candidates rescored exactly.</summary>
/// <remarks>
/// <para>
/// Threads claim blocks one at a time, as <see cref="ParallelBlockScan{TScorer, TOrder, TFilter}"/>
/// does, each with its own chunk and heaps, and the caller never waits for a helper that has not
/// started. A query's candidates are the <c>candidates</c> best fast scores (<typeparamref name="TBatch"/>)
/// over the union of the threads' heaps, which does not depend on the split.
/// </para>
/// <para>
/// Fast scores round differently from the kernel a single search uses (L2 most of all, as
/// <c>|v|² - 2 q·v</c>), so the candidates, a few more than k, are rescored with <typeparamref name="TScorer"/>
/// and the best k of those exact scores are reported: results equal a single search's except
/// where a vector outside the candidates ties the k-th within the fast score's rounding.
/// </para>
/// </remarks>
internal sealed class BatchBlockScan<TScorer, TBatch, TOrder, TFilter> : IThreadPoolWorkItem
    where TScorer : struct, IScorer
    where TBatch : struct, IBatchScore
    where TOrder : struct, IScanOrder
    where TFilter : struct, IRowFilter
{
    // _state holds this flag once the caller has closed the scan, plus the number of helpers inside it.
    private const int Closed = 1 << 30;

    private readonly IVectorSource _vectors;
    private readonly int _blockCount;
    private readonly int _stride;
    private readonly QueryPanels _panels;
    private readonly int _candidates;
    private readonly TFilter _filter;
    private readonly BatchWorker<TBatch, TOrder>?[] _workers;
    private readonly ManualResetEventSlim _helpersDone = new(false);
    private readonly CancellationToken _cancellationToken;
    private int _nextBlock;
    private int _state;
    private int _lastSlot;
    private Exception? _failure;

    private BatchBlockScan(IVectorSource vectors, QueryPanels panels, int candidates, TFilter filter, int threads, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _vectors = vectors;
        _blockCount = vectors.BlockCount;
        _stride = VectorElements.BytesPerVector(TScorer.Element, vectors.Dimensions);
        _panels = panels;
        _candidates = candidates;
        _filter = filter;
        _workers = new BatchWorker<TBatch, TOrder>?[threads];
    }

    /// <summary>Searches <paramref name="queryCount"/> queries; query q's results go to <c>results[q*k ..]</c>, as distances, and their number to <c>found[q]</c>.</summary>
    /// <remarks>Every thread checks <paramref name="cancellationToken"/> before each block.</remarks>
    /// <returns>False when a stored vector's norm is extreme (<see cref="BatchNorms"/>): the results may then be wrong, and the caller answers the queries one by one.</returns>
    public static bool Run(IVectorSource vectors, ReadOnlySpan<float> queries, int queryCount, TFilter filter, Span<Neighbor> results, int k, Span<int> found, int threads, CancellationToken cancellationToken)
    {
        int candidates = k + Math.Max(8, k / 4);
        int dimensions = vectors.Dimensions;
        using QueryPanels panels = QueryPanels.Build<TBatch>(queries, queryCount, dimensions);
        var scan = new BatchBlockScan<TScorer, TBatch, TOrder, TFilter>(vectors, panels, candidates, filter, threads, cancellationToken);
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
                // Helpers may still be writing to their workers until this returns.
                scan.CloseAndWait();
            }

            if (scan._failure is not null)
            {
                ExceptionDispatchInfo.Throw(scan._failure);
            }

            foreach (BatchWorker<TBatch, TOrder>? worker in scan._workers)
            {
                if (worker is { SawExtremeNorm: true })
                {
                    return false;
                }
            }

            scan.Rescore(queries, results, k, found);
            return true;
        }
        finally
        {
            scan._helpersDone.Dispose();
            foreach (BatchWorker<TBatch, TOrder>? worker in scan._workers)
            {
                worker?.Dispose();
            }
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
        var worker = new BatchWorker<TBatch, TOrder>(_panels, _candidates);
        _workers[slot] = worker;
        TFilter filter = _filter;
        int block;
        while ((block = Interlocked.Increment(ref _nextBlock) - 1) < _blockCount)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            VectorBlock vectors = _vectors.GetBlock(block);
            BlockScanner.Validate(vectors, block, _stride);
            worker.Add(vectors, TScorer.Element, ref filter);
        }

        worker.Flush();
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

    /// <summary>Merges each query's candidates over the workers, rescores them exactly, and writes the best k as distances.</summary>
    private void Rescore(ReadOnlySpan<float> queries, Span<Neighbor> results, int k, Span<int> found)
    {
        int dimensions = _panels.Dimensions;
        Neighbor[] merged = ArrayPool<Neighbor>.Shared.Rent(_candidates);
        try
        {
            for (int q = 0; q < _panels.QueryCount; q++)
            {
                var candidates = new TopK(merged.AsSpan(0, _candidates));
                foreach (BatchWorker<TBatch, TOrder>? worker in _workers)
                {
                    if (worker is null)
                    {
                        continue;
                    }

                    foreach (Neighbor n in worker.Candidates(q))
                    {
                        candidates.TryAdd(n.Id, n.Distance);
                    }
                }

                ReadOnlySpan<float> query = queries.Slice(q * dimensions, dimensions);
                double prepared = TScorer.Prepare(query);
                ref byte encoded = ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(query));
                Span<Neighbor> destination = results.Slice(q * k, k);
                var best = new TopK(destination);
                foreach (Neighbor n in candidates.Items)
                {
                    ReadOnlySpan<byte> vector = _vectors.GetVectorData(n.Id);
                    if (vector.Length != _stride)
                    {
                        ThrowHelper.VectorLengthMismatch(n.Id, _stride, vector.Length);
                    }

                    ref byte v = ref MemoryMarshal.GetReference(vector);
                    BlockScanner.Offer<TScorer, TOrder>(ref best, n.Id, TOrder.Key(TScorer.Score(ref encoded, ref v, dimensions, prepared)), ref encoded, ref v, dimensions);
                }

                int count = best.CopySortedTo(destination);
                foreach (ref Neighbor n in destination[..count])
                {
                    n = new Neighbor(n.Id, ScorerResults.ToDistance<TScorer>(TOrder.Score(n.Distance)));
                }

                found[q] = count;
            }
        }
        finally
        {
            ArrayPool<Neighbor>.Shared.Return(merged);
        }
    }
}
