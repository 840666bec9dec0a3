namespace VecStore.Indexes.Ivf;

public sealed partial class IvfPqIndex
{
    /// <summary>Trains the coarse centroids, then the codebooks on the residuals of the same seeded sample; the lists start empty.</summary>
    /// <remarks>The sample holds <see cref="IvfPqOptions.TrainingSamplePerList"/> vectors per list but at least 65,536 (what the codebooks train on), or every vector when there are fewer.</remarks>
    /// <exception cref="ArgumentException">The source holds fewer vectors than <see cref="IvfPqOptions.Lists"/>, or its dimensions differ.</exception>
    /// <exception cref="InvalidOperationException">The index already holds vectors.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the index stays untrained.</exception>
    public void Train(IVectorSource source, CancellationToken cancellationToken = default) => Train(source, new BuildMonitor(null, cancellationToken));

    /// <summary>Trains as <see cref="Train(IVectorSource, CancellationToken)"/>, reporting <see cref="BuildStage.Sampling"/>, <see cref="BuildStage.Clustering"/> and <see cref="BuildStage.TrainingCodebooks"/>.</summary>
    private void Train(IVectorSource source, BuildMonitor monitor)
    {
        ThrowIfDisposed();
        CheckSource(source);
        if (Count > 0 || DeletedCount > 0)
        {
            throw new InvalidOperationException("The index already holds vectors; train a new index instead.");
        }

        int sampleSize = TrainingSample.SizeFor(Options.Lists, Options.TrainingSamplePerList, Dimensions, TrainingSample.MinimumSizeWithCodebooks);
        float[] sample = TrainingSample.Draw(source, sampleSize, Options.Seed, monitor);
        monitor.Begin(BuildStage.Clustering, KMeans.DefaultIterations);
        float[] centroids = KMeans.Train(sample, Dimensions, Options.Lists, Options.Seed, Options.MaxThreads, IvfChecks.IsSpherical(Metric), monitor: monitor);
        var set = new CentroidSet(centroids, Dimensions);
        set.PrepareGraph();

        // The sample becomes its own residuals: the codebooks learn what is left after the coarse step.
        int n = sample.Length / Dimensions;
        int[] nearest = new int[n];
        set.NearestBatch(sample, nearest, Options.MaxThreads, monitor.Token);
        for (int i = 0; i < n; i++)
        {
            Span<float> point = sample.AsSpan(i * Dimensions, Dimensions);
            Trained.Residual(point, set.Centroid(nearest[i]), point);
        }

        ProductQuantizer quantizer = ProductQuantizer.Train(sample, Dimensions, Options.M, Options.Seed, Options.MaxThreads, monitor);
        var codes = new InvertedList[Options.Lists];
        var vectors = StoresVectors ? new InvertedList[Options.Lists] : null;
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = new InvertedList(Options.M);
            vectors?[i] = new InvertedList(_vectorBytes);
        }

        Volatile.Write(ref _trained, new Trained(set, quantizer, codes, vectors));
    }

    /// <summary>Trains the index if it is not trained yet, then codes and adds every present vector of <paramref name="source"/> under its id.</summary>
    /// <param name="source">The vectors; must allow concurrent reads while this runs.</param>
    /// <param name="progress">Receives the training's stages (<see cref="BuildStage.Sampling"/>, <see cref="BuildStage.Clustering"/>, <see cref="BuildStage.TrainingCodebooks"/>), then the blocks coded and assigned (<see cref="BuildStage.Adding"/>), from any of the threads.</param>
    /// <param name="cancellationToken">Stops the build between blocks or k-means chunks; the index must then be discarded.</param>
    /// <remarks>Lists and codes are computed on up to <see cref="IvfPqOptions.MaxThreads"/> threads; the lists are then filled in source order, so the result does not depend on the thread count.</remarks>
    public void Build(IVectorSource source, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        CheckSource(source);
        var monitor = new BuildMonitor(progress, cancellationToken);
        if (!IsTrained)
        {
            Train(source, monitor);
        }

        Trained trained = _trained!;
        int m = Options.M;
        int[][] assignments = new int[source.BlockCount][];
        byte[][] blockCodes = new byte[source.BlockCount][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxThreads, CancellationToken = cancellationToken };
        monitor.Begin(BuildStage.Adding, source.BlockCount);
        long encoded = 0;
        Parallel.For(0, source.BlockCount, parallel, b =>
        {
            VectorBlock block = source.GetBlock(b);
            (assignments[b], blockCodes[b]) = EncodeBlock(block, trained);
            monitor.Report(Interlocked.Increment(ref encoded));
        });

        // Exact capacities first, so that the lists fill without regrowing.
        int[] sizes = new int[trained.Codes.Length];
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
            trained.Codes[i].Reserve(trained.Codes[i].Count + sizes[i]);
            trained.Vectors?[i].Reserve(trained.Vectors[i].Count + sizes[i]);
        }

        for (int b = 0; b < source.BlockCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VectorBlock block = source.GetBlock(b);
            int[] assignment = assignments[b];
            byte[] codes = blockCodes[b];
            for (int i = 0; i < block.Count; i++)
            {
                if (assignment[i] >= 0)
                {
                    Append(trained, block.IdAt(i), block.Data.Slice(i * _vectorBytes, _vectorBytes), codes.AsSpan(i * m, m), assignment[i]);
                }
            }
        }
    }

    /// <summary>The list (-1 for absent positions) and the code of every position of a block.</summary>
    private (int[] Lists, byte[] Codes) EncodeBlock(VectorBlock block, Trained trained)
    {
        int m = Options.M;
        int[] assignment = new int[block.Count];
        byte[] codes = new byte[block.Count * m];
        float[] residual = new float[Dimensions];
        ReadOnlySpan<float> vectors = block.Vectors;

        // Lists by one batched search per block (the blocks run in parallel), then the codes.
        trained.Centroids.NearestBatch(vectors, assignment, maxThreads: 1);
        for (int i = 0; i < block.Count; i++)
        {
            if (!block.IsPresent(i))
            {
                assignment[i] = -1;
                continue;
            }

            ReadOnlySpan<float> vector = vectors.Slice(i * Dimensions, Dimensions);
            Trained.Residual(vector, trained.Centroids.Centroid(assignment[i]), residual);
            trained.Quantizer.Encode(residual, codes.AsSpan(i * m, m));
        }

        return (assignment, codes);
    }

    private void CheckSource(IVectorSource source) => IvfChecks.Source(source, Dimensions, ElementType);
}
