using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>Lloyd's k-means over float32 points, the training of the IVF coarse quantizer and of the PQ codebooks.</summary>
/// <remarks>
/// <para>
/// Initialisation picks k distinct training points at random (seeded): k-means++ costs k
/// sequential passes over the sample, and with the sample drawn at random from the data the
/// plain draw already lands centroids in proportion to density, which is what an inverted file
/// wants. Then a fixed number of Lloyd iterations run; the assignment step, which costs
/// n·k·d multiply-adds, runs on up to <c>maxThreads</c> threads over blocks of points and
/// ranks centroids by ‖c‖² − 2·p·c (see <see cref="CentroidSet"/>). The update step sums in
/// double precision, in point order, so a given seed gives the same centroids whatever the
/// thread count.
/// </para>
/// <para>
/// A cluster left empty is re-seeded by splitting the largest cluster: its centroid is nudged
/// apart into two, each taking about half of its points at the next assignment.
/// </para>
/// <para>
/// Spherical mode (for cosine and inner product) normalises the points first and the centroids
/// after every update, so clusters group by direction; zero vectors keep their zero direction.
/// </para>
/// </remarks>
internal static class KMeans
{
    /// <summary>Lloyd iterations when the caller does not choose.</summary>
    public const int DefaultIterations = 12;

    // Points per assignment work item: big enough to amortise scheduling, small enough to balance two cores.
    private const int AssignBlock = 256;

    // Below this many points the one-at-a-time ranking is cheaper than setting up a batch.
    private const int BatchAssignMinPoints = 1024;

    // Relative nudge that splits a cluster in two.
    private const float SplitNudge = 1.0f / 1024;

    /// <summary>Trains <paramref name="k"/> centroids on <c>points.Length / dimensions</c> points; returns them back to back.</summary>
    /// <exception cref="ArgumentException">There are fewer points than centroids.</exception>
    public static float[] Train(ReadOnlySpan<float> points, int dimensions, int k, int seed, int maxThreads, bool spherical, int iterations = DefaultIterations, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int n = points.Length / dimensions;
        if (n < k)
        {
            throw new ArgumentException($"k-means needs at least as many training vectors as centroids: {k} centroids but only {n} vectors.", nameof(points));
        }

        // Owned copy: normalised in spherical mode, and readable from worker threads.
        float[] data = points[..(n * dimensions)].ToArray();
        if (spherical)
        {
            for (int i = 0; i < n; i++)
            {
                Normalize(data.AsSpan(i * dimensions, dimensions));
            }
        }

        var random = new Random(seed);
        float[] centroids = InitialCentroids(data, n, dimensions, k, random);
        int[] assignment = new int[n];
        int[] sizes = new int[k];
        double[] sums = new double[(long)k * dimensions];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads, CancellationToken = cancellationToken };
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var set = new CentroidSet(centroids, dimensions);
            Assign(set, data, n, assignment, parallel);
            Update(data, dimensions, assignment, centroids, sizes, sums, spherical);
            SplitLargestIntoEmpty(centroids, sizes, dimensions, random);
        }

        return centroids;
    }

    /// <summary>Writes the nearest centroid of every point to <paramref name="assignment"/>.</summary>
    /// <remarks>
    /// With many points this is a batched exact search (points as queries, centroids as the
    /// stored set): the register-tiled kernels of <see cref="Flat.FlatIndex.SearchBatch{TFilter}"/>
    /// compute point-tile × centroid-tile dot products, several times faster than one
    /// comparison at a time (fashion-mnist, 980 lists: training fell from 42.5 s to a few seconds).
    /// The winners are rescored exactly, so the result does not depend on the thread count.
    /// </remarks>
    internal static void Assign(CentroidSet set, float[] data, int n, int[] assignment, ParallelOptions parallel)
    {
        if (n >= BatchAssignMinPoints && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            var centroids = new Flat.FlatIndex(ArrayVectorSource.CopyAligned(set.All, set.Dimensions), Metric.L2,
                new Flat.FlatSearchOptions { MaxThreads = Math.Max(1, parallel.MaxDegreeOfParallelism) });
            var nearest = new Neighbor[n];
            var found = new int[n];
            centroids.SearchBatch(data.AsSpan(0, n * set.Dimensions), n, default(AcceptAll), nearest, 1, found);
            for (int i = 0; i < n; i++)
                assignment[i] = (int)nearest[i].Id;
            return;
        }

        int d = set.Dimensions;
        int blocks = (n + AssignBlock - 1) / AssignBlock;
        Parallel.For(0, blocks, parallel, block =>
        {
            int end = Math.Min(n, (block + 1) * AssignBlock);
            for (int i = block * AssignBlock; i < end; i++)
            {
                assignment[i] = set.Nearest(data.AsSpan(i * d, d));
            }
        });
    }

    private static float[] InitialCentroids(float[] data, int n, int d, int k, Random random)
    {
        // A partial Fisher–Yates shuffle of the point numbers: k distinct points.
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        float[] centroids = new float[(long)k * d];
        for (int c = 0; c < k; c++)
        {
            int j = random.Next(c, n);
            (order[c], order[j]) = (order[j], order[c]);
            data.AsSpan(order[c] * d, d).CopyTo(centroids.AsSpan(c * d, d));
        }

        return centroids;
    }

    private static void Update(float[] data, int d, int[] assignment, float[] centroids, int[] sizes, double[] sums, bool spherical)
    {
        Array.Clear(sums);
        Array.Clear(sizes);
        for (int i = 0; i < assignment.Length; i++)
        {
            int c = assignment[i];
            sizes[c]++;
            Span<double> sum = sums.AsSpan(c * d, d);
            ReadOnlySpan<float> point = data.AsSpan(i * d, d);
            for (int j = 0; j < d; j++)
            {
                sum[j] += point[j];
            }
        }

        for (int c = 0; c < sizes.Length; c++)
        {
            if (sizes[c] == 0)
            {
                continue;
            }

            Span<float> centroid = centroids.AsSpan(c * d, d);
            ReadOnlySpan<double> sum = sums.AsSpan(c * d, d);
            double inverse = 1.0 / sizes[c];
            for (int j = 0; j < d; j++)
            {
                centroid[j] = (float)(sum[j] * inverse);
            }

            if (spherical)
            {
                Normalize(centroid);
            }
        }
    }

    /// <summary>Gives each empty cluster half of the largest one: both centroids move a little apart from the old one, along a random direction.</summary>
    internal static void SplitLargestIntoEmpty(float[] centroids, int[] sizes, int d, Random random)
    {
        for (int empty = 0; empty < sizes.Length; empty++)
        {
            if (sizes[empty] != 0)
            {
                continue;
            }

            int largest = 0;
            for (int c = 1; c < sizes.Length; c++)
            {
                if (sizes[c] > sizes[largest])
                {
                    largest = c;
                }
            }

            Span<float> source = centroids.AsSpan(largest * d, d);
            Span<float> target = centroids.AsSpan(empty * d, d);
            for (int j = 0; j < d; j++)
            {
                float nudge = SplitNudge * (MathF.Abs(source[j]) + SplitNudge) * (random.Next(2) == 0 ? -1 : 1);
                target[j] = source[j] + nudge;
                source[j] -= nudge;
            }

            sizes[empty] = sizes[largest] / 2;
            sizes[largest] -= sizes[empty];
        }
    }

    /// <summary>Scales <paramref name="vector"/> to unit length; a zero vector stays zero.</summary>
    internal static void Normalize(Span<float> vector)
    {
        float norm = MathF.Sqrt(DotProduct.Compute(vector, vector));
        if (norm > 0)
        {
            float inverse = 1 / norm;
            for (int j = 0; j < vector.Length; j++)
            {
                vector[j] *= inverse;
            }
        }
    }
}
