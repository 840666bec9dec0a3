namespace VecStore.Indexes.Hnsw;

public sealed partial class HnswIndex
{
    // Progress is reported every half percent of the insertions, but at most every 256 and at
    // least every 4,096 of them, from whichever thread reaches it; each report also checks for a cancel.
    private const int MinProgressInterval = 256;
    private const int MaxProgressInterval = 4096;

    /// <summary>The node storage, for the types of this assembly that read it.</summary>
    internal NodeStore Store => _store;

    /// <summary>Adds every present vector of <paramref name="source"/> under its id, using up to <see cref="HnswOptions.MaxThreads"/> threads.</summary>
    /// <remarks>
    /// The vectors are first copied into new nodes on the calling thread, in source order, which
    /// fixes their levels; the nodes are then linked in parallel. With one thread the graph is
    /// the same on every run. Ids already present are replaced. Searches may run meanwhile and
    /// see the nodes linked so far.
    /// </remarks>
    /// <param name="source">The vectors; its element type and dimensions must be the index's.</param>
    /// <param name="progress">Receives the vectors linked so far (<see cref="BuildStage.Linking"/>) every few thousand, from any of the threads.</param>
    /// <param name="cancellationToken">Stops the build; nodes not yet linked are dropped.</param>
    /// <exception cref="ArgumentException">The source's element type or dimensions differ from the index's.</exception>
    /// <exception cref="OperationCanceledException">The build was cancelled.</exception>
    public void Build(IVectorSource source, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfDisposed();
        if (source.ElementType != ElementType || source.Dimensions != Dimensions)
        {
            ThrowHelper.Argument(nameof(source), $"The source holds {source.Dimensions}-dimensional {source.ElementType} vectors but the index takes {Dimensions}-dimensional {ElementType} vectors.");
        }

        int first = _store.Count;
        var monitor = new BuildMonitor(progress, cancellationToken);
        try
        {
            CopyIntoNodes(source, cancellationToken);
            monitor.Begin(BuildStage.Linking, _store.Count - first);
        }
        catch (OperationCanceledException)
        {
            DropUnlinked(first, _store.Count);
            throw;
        }

        int end = _store.Count;
        long interval = Math.Clamp((end - first) / 200, MinProgressInterval, MaxProgressInterval);
        int threads = Math.Clamp(Math.Min(Options.MaxThreads, (end - first) / 1024), 1, Options.MaxThreads);

        // Each worker claims the next node; claimed nodes are always finished, so after a stop
        // exactly the nodes after the last claimed one are unlinked.
        int claimed = first - 1;
        long linked = 0;
        Exception? failure = null;
        void Work()
        {
            SearchContext context = _graph.Pool.Rent(_store.Capacity);
            try
            {
                while (!cancellationToken.IsCancellationRequested && Volatile.Read(ref failure) is null)
                {
                    int node = Interlocked.Increment(ref claimed);
                    if (node >= end)
                    {
                        break;
                    }

                    _graph.Insert(node, context);
                    Interlocked.Increment(ref _live);
                    long done = Interlocked.Increment(ref linked);
                    if (done % interval == 0)
                    {
                        monitor.Report(done);
                    }
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
            finally
            {
                _graph.Pool.Return(context);
            }
        }

        var workers = new Thread[threads - 1];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = new Thread(Work) { IsBackground = true, Name = "HNSW build" };
            workers[i].Start();
        }

        Work();
        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        int unlinked = Math.Max(Volatile.Read(ref claimed) + 1, first);
        if (unlinked < end)
        {
            DropUnlinked(unlinked, end);
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        monitor.Report(linked);
    }

    /// <summary>Copies the present vectors of <paramref name="source"/> into new, unlinked nodes, tombstoning ids it replaces.</summary>
    private void CopyIntoNodes(IVectorSource source, CancellationToken cancellationToken)
    {
        int blocks = source.BlockCount;
        for (int b = 0; b < blocks; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VectorBlock block = source.GetBlock(b);
            int vectorBytes = _store.VectorBytes;
            if (block.Data.Length < (long)block.Count * vectorBytes)
            {
                ThrowHelper.BlockTooShort(b, "bytes", (long)block.Count * vectorBytes, block.Data.Length);
            }

            for (int i = 0; i < block.Count; i++)
            {
                if (!block.IsPresent(i))
                {
                    continue;
                }

                long id = block.IdAt(i);
                Remove(id);
                Allocate(id, block.Data.Slice(i * vectorBytes, vectorBytes));
            }
        }
    }

    /// <summary>Tombstones and unmaps nodes a stopped build did not link.</summary>
    private void DropUnlinked(int from, int end)
    {
        for (int node = from; node < end; node++)
        {
            _store.MarkDeleted(node);
            _ids.Remove(_store.IdOf(node));
            _deleted++;
        }
    }
}
