namespace VecStore.Indexes.Ivf;

/// <summary>Draws a seeded uniform sample of the present vectors of a source, for training.</summary>
internal static class TrainingSample
{
    /// <summary>Up to <paramref name="size"/> present vectors, back to back, chosen by reservoir sampling in one pass.</summary>
    /// <remarks>One pass, no index of all positions: memory stays at the sample's size however large the source.</remarks>
    public static float[] Draw(IVectorSource source, int size, int seed, CancellationToken cancellationToken)
    {
        int d = source.Dimensions;
        var random = new Random(seed);
        var sample = new List<float[]>();
        long seen = 0;
        for (int b = 0; b < source.BlockCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VectorBlock block = source.GetBlock(b);
            ReadOnlySpan<float> vectors = block.Vectors;
            for (int i = 0; i < block.Count; i++)
            {
                if (!block.IsPresent(i))
                {
                    continue;
                }

                seen++;
                if (sample.Count < size)
                {
                    sample.Add(vectors.Slice(i * d, d).ToArray());
                }
                else
                {
                    long slot = random.NextInt64(seen);
                    if (slot < size)
                    {
                        vectors.Slice(i * d, d).CopyTo(sample[(int)slot]);
                    }
                }
            }
        }

        float[] points = new float[(long)sample.Count * d];
        for (int i = 0; i < sample.Count; i++)
        {
            sample[i].CopyTo(points.AsSpan(i * d, d));
        }

        return points;
    }
}
