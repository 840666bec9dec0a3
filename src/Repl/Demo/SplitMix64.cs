namespace VecStore.Repl.Demo;

/// <summary>A seeded random number generator whose sequence is fixed by its algorithm, on every runtime and machine.</summary>
/// <remarks>
/// SplitMix64 (Steele, Lea and Flood, 2014). <see cref="Random"/> is not used because its seeded
/// sequence is an implementation detail that may change, and the demo's output is golden-tested.
/// </remarks>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double uniform in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniform in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)(NextDouble() * count);
}
