namespace VecStore.Indexes.Ivf;

/// <summary>Draws a seeded uniform sample of the present vectors of a source, for training.</summary>
internal static class TrainingSample
{
    /// <summary>Fewest vectors an IVF draws however few lists there are (all of them when the source holds fewer).</summary>
    public const int MinimumSize = 16_384;

    /// <summary>Fewest vectors an IVFPQ draws: its codebooks train on up to <see cref="ProductQuantizer.MaxTrainingPoints"/> residuals of the same sample.</summary>
    public const int MinimumSizeWithCodebooks = ProductQuantizer.MaxTrainingPoints;

    /// <summary>How many vectors to train on: <paramref name="perList"/> per list but at least <paramref name="minimum"/>, within what one float array can hold.</summary>
    /// <remarks>
    /// With the default of 64 per list k-means sees min(n, 64 · lists) points (within the 50–256
    /// a centroid where its quality stops improving) while the cost, sample × lists × d per
    /// iteration, grows with every point: 1M × 128 with 4,000 lists trains on 256,000 points, a
    /// quarter of the work of all of them. The benchmark protocol (BENCH.md) gives FAISS
    /// max(64 · lists, 100,000); below 1,563 lists VecStore trains on fewer than that.
    /// </remarks>
    public static int SizeFor(int lists, int perList, int dimensions, int minimum = MinimumSize) =>
        (int)Math.Min(int.MaxValue / Math.Max(1, dimensions), Math.Max(minimum, (long)lists * perList));

    /// <summary>Up to <paramref name="size"/> present vectors, back to back, chosen by reservoir sampling in one pass.</summary>
    /// <remarks>One pass, no index of all positions: memory stays at the sample's size however large the source. Reported as <see cref="BuildStage.Sampling"/>, one unit per block.</remarks>
    public static float[] Draw(IVectorSource source, int size, int seed, BuildMonitor monitor)
    {
        monitor.Begin(BuildStage.Sampling, source.BlockCount);
        int d = source.Dimensions;
        var random = new Random(seed);

        // Sized once to what the source can fill, and not zeroed: every float handed back is written
        // first. Growing it by doubling cost about 2 s on fashion-mnist, mostly first-touch page faults.
        long positions = 0;
        for (int b = 0; b < source.BlockCount && positions < size; b++)
        {
            positions += source.GetBlock(b).Count;
        }

        float[] points = GC.AllocateUninitializedArray<float>((int)Math.Min(size, positions) * d);
        int filled = 0;
        long seen = 0;
        for (int b = 0; b < source.BlockCount; b++)
        {
            monitor.Report(b);
            VectorBlock block = source.GetBlock(b);
            ReadOnlySpan<float> vectors = block.Vectors;
            for (int i = 0; i < block.Count; i++)
            {
                if (!block.IsPresent(i))
                {
                    continue;
                }

                seen++;
                int target;
                if (filled < size)
                {
                    target = filled++;
                }
                else
                {
                    long slot = random.NextInt64(seen);
                    if (slot >= size)
                    {
                        continue;
                    }

                    target = (int)slot;
                }

                vectors.Slice(i * d, d).CopyTo(points.AsSpan(target * d, d));
            }
        }

        monitor.Report(source.BlockCount);
        return points.Length == filled * d ? points : points[..(filled * d)];
    }
}
