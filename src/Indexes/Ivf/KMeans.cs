using VecStore.Indexes.Distance;

namespace VecStore.Indexes.Ivf;

/// <summary>Lloyd's k-means over float32 points, the training of the IVF coarse quantizer and of the PQ codebooks.</summary>
/// <remarks>
/// <para>
/// Initialisation picks k distinct training points at random (seeded): k-means++ costs k
/// sequential passes over the sample, and with the sample drawn at random from the data the
/// plain draw already lands centroids in proportion to density, which is what an inverted file
/// wants. Then a fixed number of Lloyd iterations run; the assignment step, which costs
/// n·k·d multiply-adds, is a batched exact search on up to <c>maxThreads</c> threads
/// (<see cref="CentroidSet.NearestBatch"/>), whose winners are rescored exactly, so the
/// assignment does not depend on the thread count. The update step sums in double precision,
/// in point order, so a given seed gives the same centroids whatever the thread count.
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
    /// <remarks>FAISS trains its inverted-file quantizers with 10 as well; see docs/architecture.md for the recall this costs against more.</remarks>
    public const int DefaultIterations = 10;

    // Relative nudge that splits a cluster in two.
    private const float SplitNudge = 1.0f / 1024;

    /// <summary>Trains <paramref name="k"/> centroids on <c>points.Length / dimensions</c> points; returns them back to back.</summary>
    /// <exception cref="ArgumentException">There are fewer points than centroids.</exception>
    /// <param name="points">The training points back to back; read, never changed unless <paramref name="normaliseInPlace"/>.</param>
    /// <param name="normaliseInPlace">Spherical mode may normalise <paramref name="points"/> themselves instead of a copy (the caller's sample is its own and not needed afterwards).</param>
    /// <param name="monitor">Told of each finished iteration, as <paramref name="reportOffset"/> plus the iterations done, in the stage the caller began; stops the training when cancelled (also between chunks of an assignment step).</param>
    /// <param name="reportOffset">Iterations the caller's stage counted before this training (the slices trained before, for product quantization).</param>
    /// <exception cref="OperationCanceledException">The monitor's build was cancelled.</exception>
    public static float[] Train(float[] points, int dimensions, int k, int seed, int maxThreads, bool spherical, int iterations = DefaultIterations, bool normaliseInPlace = false, BuildMonitor? monitor = null, long reportOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int n = points.Length / dimensions;
        if (n < k)
        {
            throw new ArgumentException($"k-means needs at least as many training vectors as centroids: {k} centroids but only {n} vectors.", nameof(points));
        }

        // Spherical mode clusters directions, so it works on a normalised copy; otherwise the
        // points are only read (a copy of a large sample costs a second or more in page faults alone).
        float[] data = points;
        if (spherical)
        {
            data = normaliseInPlace ? points : points[..(n * dimensions)];
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
        CancellationToken token = monitor?.Token ?? default;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            token.ThrowIfCancellationRequested();
            new CentroidSet(centroids, dimensions).NearestBatch(data.AsSpan(0, n * dimensions), assignment, maxThreads, token);
            Update(data, dimensions, assignment, centroids, sizes, sums, spherical);
            SplitLargestIntoEmpty(centroids, sizes, dimensions, random);
            monitor?.Report(reportOffset + iteration + 1);
        }

        return centroids;
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
