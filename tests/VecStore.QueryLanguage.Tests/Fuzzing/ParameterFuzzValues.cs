using System.Collections;

namespace VecStore.QueryLanguage.Tests.Fuzzing;

/// <summary>.NET values of every type the provider accepts as a parameter and many it must refuse cleanly.</summary>
internal static class ParameterFuzzValues
{
    /// <summary>One value: scalars, vectors of every element type and odd length, special floats, and types with no SQL meaning.</summary>
    public static object? Any(Random random) => random.Next(34) switch
    {
        0 => null,
        1 => DBNull.Value,
        2 => (long)random.Next(-5, 5),
        3 => random.Next(2) == 0 ? long.MaxValue : long.MinValue,
        4 => int.MinValue,
        5 => (short)7,
        6 => (byte)255,
        7 => ulong.MaxValue,
        8 => Pick(random, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -0.0, 1e308]),
        9 => Pick(random, [float.NaN, float.PositiveInfinity, float.MaxValue]),
        10 => Pick(random, [decimal.MaxValue, decimal.MinValue, 0.5m]),
        11 => (Half)1.5f,
        12 => Pick(random, ["", "abc", "'; DROP TABLE t; --", "\0", "0101", new string('x', 70_000), "[1, 2, 3]"]),
        13 => 'c',
        14 => random.Next(2) == 0,
        15 => FloatArray(random),
        16 => Array.ConvertAll(FloatArray(random), x => (double)x),
        17 => Array.ConvertAll(FloatArray(random), x => (Half)x),
        18 => Special(random, FloatArray(random)),
        19 => Array.Empty<float>(),
        20 => new float[random.Next(2) == 0 ? 16_001 : 100_000],
        21 => Bytes(random),
        22 => new sbyte[] { -1, 2 },
        23 => new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc),
        24 => DateTimeOffset.UnixEpoch,
        25 => Guid.Empty,
        26 => TimeSpan.FromSeconds(3),
        27 => new object[] { 1, "a", new float[] { 1 } },
        28 => new List<float> { 1, 2, 3 },
        29 => new ReadOnlyMemory<float>(FloatArray(random)),
        30 => new bool[] { true, false, true },
        31 => new BitArray(new[] { true, false }),
        32 => new { x = 1, nested = new { y = "z" } },
        _ => new int[] { 1, 2, 3 },
    };

    private static float[] FloatArray(Random random)
    {
        var v = new float[random.Next(1, 9)];
        for (int i = 0; i < v.Length; i++)
            v[i] = (float)random.NextDouble();
        return v;
    }

    private static float[] Special(Random random, float[] v)
    {
        v[random.Next(v.Length)] = Pick(random, [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f]);
        return v;
    }

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[random.Next(0, 40)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];
}
