namespace VecStore.TestSupport;

/// <summary>Finite float32 vectors at the edges of the format: near its largest values, subnormal, or magnitudes mixed across its whole range.</summary>
/// <remarks>
/// What VecStore accepts and float32 arithmetic mishandles: squares and products of such values
/// overflow to infinity or underflow to zero. Tests compare searches over them with
/// <see cref="PreciseDistances"/>.
/// </remarks>
public static class ExtremeFloats
{
    /// <summary>A vector of one kind, chosen at random: huge, subnormal, or mixed.</summary>
    public static float[] Vector(Random random, int dimensions)
    {
        var v = new float[dimensions];
        int kind = random.Next(3);
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = kind switch
            {
                0 => Magnitude(random, 18, 38.53),
                1 => Magnitude(random, -45.8, -38),
                _ => Magnitude(random, -45.8, 38.53),
            };
        }
        return v;
    }

    /// <summary>A random sign times 10^e for e uniform in [low, high), clamped to float32's finite range; zero one time in eight.</summary>
    public static float Magnitude(Random random, double low, double high)
    {
        if (random.Next(8) == 0)
            return 0f;
        double value = Math.Pow(10, low + (random.NextDouble() * (high - low)));
        float single = (float)Math.Min(value, float.MaxValue);
        return random.Next(2) == 0 ? single : -single;
    }
}
