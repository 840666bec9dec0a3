using VecStore.TestSupport;

namespace VecStore.Indexes.Tests.Distance;

/// <summary>Random bit vectors in the packed layout, and the same bits as 0/1 floats.</summary>
internal static class BitInputs
{
    /// <summary>Word counts 0..67: every path's full-register, overlapped-tail and scalar cases.</summary>
    public static TheoryData<int> ShortWordCounts()
    {
        var data = new TheoryData<int>();
        for (int words = 0; words <= 67; words++)
        {
            data.Add(words);
        }

        return data;
    }

    /// <summary>A pair of vectors of <paramref name="dimensions"/> bits, the unused bits of the last word zero.</summary>
    /// <remarks>The density of set bits varies with the seed, from nearly empty to nearly full.</remarks>
    public static (ulong[] A, ulong[] B) Pair(int seed, int dimensions)
    {
        Random random = RandomVectors.Create(seed);
        double density = random.Next(5) switch
        {
            0 => 0.02,
            1 => 0.98,
            _ => random.NextDouble(),
        };
        return (Random(random, dimensions, density), Random(random, dimensions, density));
    }

    public static ulong[] Random(Random random, int dimensions, double density)
    {
        var words = new ulong[(dimensions + 63) / 64];
        for (int i = 0; i < dimensions; i++)
        {
            if (random.NextDouble() < density)
            {
                words[i / 64] |= 1UL << (i % 64);
            }
        }

        return words;
    }

    /// <summary>The bits of <paramref name="words"/> as one float per bit, 0 or 1.</summary>
    public static float[] ToFloats(ulong[] words, int dimensions)
    {
        var floats = new float[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            floats[i] = (words[i / 64] >> (i % 64)) & 1;
        }

        return floats;
    }
}
