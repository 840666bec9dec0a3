using VecStore.Repl.Demo;

namespace VecStore.Repl.Bench;

/// <summary>The built-in synthetic data: a seeded, clustered Gaussian mixture.</summary>
/// <remarks>
/// Each cluster has a centre drawn from N(0, I), a weight (lognormal, so clusters differ in size)
/// and a spread (lognormal around 1 for l2 data, 0.5 for cosine). Noise within a cluster falls off
/// across dimensions, (1 + i / (d / 8))^-decay, so the data has a lower intrinsic dimension than d,
/// as real features do. The cosine variant adds one direction shared by every vector (text embeddings
/// are anisotropic) and normalises each vector to unit length. Vectors are drawn in blocks with
/// seeds of their own, so the output depends only on the spec, whatever the number of threads.
/// </remarks>
internal static class GaussianMixture
{
    private const int BlockRows = 4096;

    /// <summary>The base and query vectors of <paramref name="spec"/> (the queries from a separate stream).</summary>
    public static (VectorMatrix Base, VectorMatrix Queries) Generate(SyntheticSpec spec)
    {
        bool cosine = spec.Metric == BenchMetric.Cosine;
        int d = spec.Dimensions;
        var shape = new SplitMix64(spec.Seed * 0x9E3779B97F4A7C15UL + 17);
        var normal = new NormalSampler(shape);

        var centres = new float[spec.Clusters * d];
        for (int i = 0; i < centres.Length; i++)
            centres[i] = (float)normal.Next();
        var cumulative = new double[spec.Clusters];
        double total = 0;
        for (int c = 0; c < spec.Clusters; c++)
            cumulative[c] = total += Math.Exp(0.5 * normal.Next());
        var spreads = new float[spec.Clusters];
        for (int c = 0; c < spec.Clusters; c++)
            spreads[c] = (float)((cosine ? 0.5 : 1.0) * Math.Exp(0.25 * normal.Next()));
        var scale = new float[d];
        double decay = cosine ? 0.9 : 0.5, meanSquare = 0;
        for (int i = 0; i < d; i++)
        {
            scale[i] = (float)Math.Pow(1 + i / (d / 8.0), -decay);
            meanSquare += (double)scale[i] * scale[i] / d;
        }
        for (int i = 0; i < d; i++)
            scale[i] /= (float)Math.Sqrt(meanSquare);
        var shared = new float[d];
        if (cosine)
            for (int i = 0; i < d; i++)
                shared[i] = (float)(1.2 * normal.Next());

        var model = new Model(centres, cumulative, total, spreads, scale, shared, cosine, d);
        return (model.Draw(spec.Count, spec.Seed, stream: 1), model.Draw(spec.Queries, spec.Seed, stream: 2));
    }

    private sealed record Model(float[] Centres, double[] Cumulative, double Total, float[] Spreads, float[] Scale, float[] Shared, bool Cosine, int D)
    {
        public VectorMatrix Draw(int rows, ulong seed, int stream)
        {
            var values = new float[rows * D];
            int blocks = (rows + BlockRows - 1) / BlockRows;
            Parallel.For(0, blocks, block =>
            {
                var random = new SplitMix64(seed ^ ((ulong)stream << 56) ^ ((ulong)block * 0xD1B54A32D192ED03UL));
                var normal = new NormalSampler(random);
                int end = Math.Min(rows, (block + 1) * BlockRows);
                for (int r = block * BlockRows; r < end; r++)
                    DrawOne(values.AsSpan(r * D, D), random, normal);
            });
            return new VectorMatrix(values, rows, D);
        }

        private void DrawOne(Span<float> vector, SplitMix64 random, NormalSampler normal)
        {
            int cluster = Array.BinarySearch(Cumulative, random.NextDouble() * Total);
            cluster = Math.Min(cluster < 0 ? ~cluster : cluster, Cumulative.Length - 1);
            var centre = Centres.AsSpan(cluster * D, D);
            float spread = Spreads[cluster];
            double norm = 0;
            for (int i = 0; i < D; i++)
            {
                float x = centre[i] + spread * Scale[i] * (float)normal.Next() + Shared[i];
                vector[i] = x;
                norm += (double)x * x;
            }
            if (Cosine && norm > 0)
            {
                float inverse = (float)(1 / Math.Sqrt(norm));
                for (int i = 0; i < D; i++)
                    vector[i] *= inverse;
            }
        }
    }

    /// <summary>Standard normal values by the Box–Muller transform, two per pair of uniforms.</summary>
    private sealed class NormalSampler(SplitMix64 random)
    {
        private double _spare;
        private bool _hasSpare;

        public double Next()
        {
            if (_hasSpare)
            {
                _hasSpare = false;
                return _spare;
            }
            double u = 1 - random.NextDouble(), v = random.NextDouble();
            double radius = Math.Sqrt(-2 * Math.Log(u)), angle = 2 * Math.PI * v;
            _spare = radius * Math.Sin(angle);
            _hasSpare = true;
            return radius * Math.Cos(angle);
        }
    }
}
