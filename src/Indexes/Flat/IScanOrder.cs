using System.Runtime.Intrinsics;

namespace VecStore.Indexes.Flat;

/// <summary>Which end of the ranking a scan keeps, as a struct type parameter.</summary>
/// <remarks>
/// A scan keeps the k smallest keys. Nearest-first uses the score as the key; farthest-first
/// negates it, which is exact, so ties and NaN are ordered the same way in both directions.
/// </remarks>
internal interface IScanOrder
{
    /// <summary>The key a scan keeps the smallest of.</summary>
    static abstract float Key(float score);

    /// <summary>The score a key came from.</summary>
    static abstract float Score(float key);

    /// <summary>The key of a score computed in double.</summary>
    static abstract double Key(double score);

    /// <summary>The score a double key came from.</summary>
    static abstract double Score(double key);

    /// <summary>The keys of 4 scores at once.</summary>
    static abstract Vector128<float> Key(Vector128<float> scores);

    /// <summary>The keys of 16 scores at once.</summary>
    static abstract Vector512<float> Key(Vector512<float> scores);
}
