namespace VecStore.Indexes.Ivf;

public sealed partial class IvfIndex
{
    /// <summary>Trains the centroids on a seeded sample of <paramref name="source"/>; the lists start empty.</summary>
    /// <remarks>The sample holds <see cref="IvfOptions.TrainingSamplePerList"/> vectors per list but at least 16,384, or every vector when there are fewer.</remarks>
    /// <exception cref="ArgumentException">The source holds fewer vectors than <see cref="IvfOptions.Lists"/>, or its dimensions differ.</exception>
    /// <exception cref="InvalidOperationException">The index already holds vectors.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the index stays untrained.</exception>
    public void Train(IVectorSource source, CancellationToken cancellationToken = default) => Train(source, new BuildMonitor(null, cancellationToken));

    /// <summary>Trains as <see cref="Train(IVectorSource, CancellationToken)"/>, reporting <see cref="BuildStage.Sampling"/> and <see cref="BuildStage.Clustering"/>.</summary>
    private void Train(IVectorSource source, BuildMonitor monitor)
    {
        ThrowIfDisposed();
        CheckSource(source);
        if (Count > 0 || DeletedCount > 0)
        {
            throw new InvalidOperationException("The index already holds vectors; train a new index instead.");
        }

        int sampleSize = TrainingSample.SizeFor(Options.Lists, Options.TrainingSamplePerList, Dimensions);
        float[] sample = TrainingSample.Draw(source, sampleSize, Options.Seed, monitor);
        monitor.Begin(BuildStage.Clustering, KMeans.DefaultIterations);
        float[] centroids = KMeans.Train(sample, Dimensions, Options.Lists, Options.Seed, Options.MaxThreads, IvfChecks.IsSpherical(Metric), normaliseInPlace: true, monitor: monitor);
        var lists = new InvertedList[Options.Lists];
        for (int i = 0; i < lists.Length; i++)
        {
            lists[i] = new InvertedList(_vectorBytes);
        }

        var set = new CentroidSet(centroids, Dimensions);
        set.PrepareGraph();
        Volatile.Write(ref _lists, lists);
        Volatile.Write(ref _centroids, set);
    }

    /// <summary>Trains the index if it is not trained yet, then adds every present vector of <paramref name="source"/> under its id.</summary>
    /// <param name="source">The vectors; must allow concurrent reads while this runs.</param>
    /// <param name="progress">Receives the training's stages (<see cref="BuildStage.Sampling"/>, <see cref="BuildStage.Clustering"/>), then the blocks assigned to their lists (<see cref="BuildStage.Adding"/>), from any of the threads.</param>
    /// <param name="cancellationToken">Stops the build between blocks or k-means chunks; the index must then be discarded.</param>
    /// <remarks>The nearest centroids are found on up to <see cref="IvfOptions.MaxThreads"/> threads; the lists are then filled in source order, so the result does not depend on the thread count.</remarks>
    public void Build(IVectorSource source, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckSource(source);
        var monitor = new BuildMonitor(progress, cancellationToken);
        if (!IsTrained)
        {
            Train(source, monitor);
        }

        CentroidSet centroids = _centroids!;
        int[][] assignments = new int[source.BlockCount][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxThreads, CancellationToken = cancellationToken };
        monitor.Begin(BuildStage.Adding, source.BlockCount);
        long assigned = 0;
        Parallel.For(0, source.BlockCount, parallel, b =>
        {
            VectorBlock block = source.GetBlock(b);
            assignments[b] = AssignBlock(block, centroids);
            monitor.Report(Interlocked.Increment(ref assigned));
        });

        // Exact capacities first, so that the lists fill without regrowing.
        int[] sizes = new int[_lists.Length];
        foreach (int[] assignment in assignments)
        {
            foreach (int list in assignment)
            {
                if (list >= 0)
                {
                    sizes[list]++;
                }
            }
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            _lists[i].Reserve(_lists[i].Count + sizes[i]);
        }

        for (int b = 0; b < source.BlockCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VectorBlock block = source.GetBlock(b);
            int[] assignment = assignments[b];
            for (int i = 0; i < block.Count; i++)
            {
                if (assignment[i] >= 0)
                {
                    Append(block.IdAt(i), block.Data.Slice(i * _vectorBytes, _vectorBytes), assignment[i]);
                }
            }
        }
    }

    /// <summary>The nearest list of every position of a block, -1 for absent positions.</summary>
    /// <remarks>One batched search per block, on the calling thread: the blocks themselves run in parallel.</remarks>
    private static int[] AssignBlock(VectorBlock block, CentroidSet centroids)
    {
        int[] assignment = new int[block.Count];
        centroids.NearestBatch(block.Vectors, assignment, maxThreads: 1);
        for (int i = 0; i < block.Count; i++)
        {
            if (!block.IsPresent(i))
            {
                assignment[i] = -1;
            }
        }

        return assignment;
    }

    private void CheckSource(IVectorSource source) => IvfChecks.Source(source, Dimensions, ElementType);
}
