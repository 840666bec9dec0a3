namespace VecStore.TestSupport;

/// <summary>Seeded random vectors, so that every test input can be regenerated from its seed.</summary>
public static class RandomVectors
{
    /// <summary>A generator whose sequence depends only on <paramref name="seed"/>.</summary>
    public static Random Create(int seed) => new(seed);

    /// <summary><paramref name="count"/> vectors of <paramref name="dimensions"/> floats, uniform in [-1, 1), back to back.</summary>
    public static float[] Uniform(int seed, int count, int dimensions) => Uniform(Create(seed), count, dimensions);

    /// <summary>As <see cref="Uniform(int, int, int)"/>, drawing from <paramref name="random"/>.</summary>
    public static float[] Uniform(Random random, int count, int dimensions)
    {
        var data = new float[checked(count * dimensions)];
        Fill(random, data);
        return data;
    }

    /// <summary>Fills <paramref name="destination"/> with floats uniform in [-1, 1).</summary>
    public static void Fill(Random random, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)((random.NextDouble() * 2.0) - 1.0);
        }
    }

    /// <summary>A presence bitmap over <paramref name="count"/> positions, each present with probability <paramref name="density"/>.</summary>
    public static ulong[] Presence(Random random, int count, double density)
    {
        var words = new ulong[(count + 63) / 64];
        for (int i = 0; i < count; i++)
        {
            if (random.NextDouble() < density)
            {
                words[i / 64] |= 1UL << (i % 64);
            }
        }

        return words;
    }

    /// <summary><paramref name="count"/> distinct ids drawn from a wide range, in random order.</summary>
    public static long[] DistinctIds(Random random, int count)
    {
        var seen = new HashSet<long>(count);
        var ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            long id;
            do
            {
                id = random.NextInt64(-1_000_000_000_000, 1_000_000_000_000);
            }
            while (!seen.Add(id));

            ids[i] = id;
        }

        return ids;
    }
}
